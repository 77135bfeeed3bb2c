import { Counter, Histogram, type Registry } from 'prom-client';

/** Seconds; fine at the low end, where a hop of an idle system lies. */
export const HOP_BUCKETS = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2, 5, 10, 30];

/** Prometheus metrics of the messaging platform. */
export class MessagingMetrics {
  readonly eventsConsumed: Counter<'type' | 'outcome'>;
  readonly batchDuration: Histogram<'topic'>;
  readonly outboxPublished: Counter;
  readonly outboxFailures: Counter;
  readonly outboxLatency: Histogram;
  readonly deadLettered: Counter<'topic' | 'reason'>;
  /** Where an event's time goes, hop by hop: what the benchmark's breakdown and a latency dashboard read. */
  readonly hop: Histogram<'hop' | 'type'>;

  constructor(registry: Registry) {
    this.eventsConsumed = new Counter({
      name: 'messaging_events_consumed_total',
      help: 'Events taken from Kafka, by type and outcome (applied, duplicate, ignored, dead-lettered)',
      labelNames: ['type', 'outcome'],
      registers: [registry],
    });
    this.batchDuration = new Histogram({
      name: 'messaging_batch_duration_seconds',
      help: 'Time to apply one consumed batch, transaction included',
      labelNames: ['topic'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    });
    this.outboxPublished = new Counter({
      name: 'messaging_outbox_published_total',
      help: 'Outbox rows published to Kafka',
      registers: [registry],
    });
    this.outboxFailures = new Counter({
      name: 'messaging_outbox_publish_failures_total',
      help: 'Failed outbox publish rounds (retried)',
      registers: [registry],
    });
    this.outboxLatency = new Histogram({
      name: 'messaging_outbox_commit_to_publish_seconds',
      help: 'Time from outbox commit to broker acknowledgement',
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
      registers: [registry],
    });
    this.hop = new Histogram({
      name: 'messaging_hop_seconds',
      help:
        'Time an event spends in each hop: outbox (insert to broker acknowledgement, publisher side), delivery ' +
        '(record timestamp to reception by the consumer), queued (reception to the start of the applying ' +
        'transaction), apply (that transaction, commit included)',
      labelNames: ['hop', 'type'],
      buckets: HOP_BUCKETS,
      registers: [registry],
    });
    this.deadLettered = new Counter({
      name: 'messaging_dead_lettered_total',
      help: 'Events sent to a dead-letter topic, by reason',
      labelNames: ['topic', 'reason'],
      registers: [registry],
    });
  }
}
