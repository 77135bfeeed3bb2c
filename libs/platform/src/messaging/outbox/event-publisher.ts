import { randomUUID } from 'node:crypto';
import { crc32 } from 'node:zlib';
import {
  type EventDefinition,
  type EventEnvelope,
  EventHeaders,
  type ServiceName,
  validateEvent,
} from '@oms/contracts';
import type { EntityManager } from 'typeorm';
import type { UnitOfWork } from '../../database/unit-of-work';
import { OUTBOX_SHARDS } from '../../database/messaging-migrations';
import type { ConsumedEvent } from '../consumed-event';
import { currentTraceHeaders } from '../trace-context';
import { requestContext } from '../../http/request-context';

/** Kafka's default message.max.bytes is 1 MiB; keep room for headers. */
export const MAX_EVENT_BYTES = 900_000;

export interface PublishInput<TPayload> {
  /** The order the event concerns (also the Kafka key); null for events about no order. */
  orderId: string | null;
  payload: TPayload;
  /** Kafka key when there is no order (e.g. a SKU for stock events). Defaults to the order id. */
  key?: string;
  /** The event this one reacts to: it gives the correlation id, causation id and trace. */
  causedBy?: Pick<ConsumedEvent, 'id' | 'correlationId' | 'meta'>;
}

interface OutboxRow {
  envelope: EventEnvelope;
  eventId: string;
  topic: string;
  key: string;
  shard: number;
  type: string;
  value: string;
  headers: Record<string, string>;
}

export class EventValidationError extends Error {
  constructor(
    readonly eventType: string,
    readonly detail: string,
  ) {
    super(`outgoing ${eventType} breaks its contract: ${detail}`);
    this.name = 'EventValidationError';
  }
}

/**
 * Writes events to the transactional outbox, inside the caller's transaction: the state change and its
 * events commit together or not at all. Every event is validated against its contract on the way out.
 */
export class EventPublisher {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly source: ServiceName,
    private readonly topicName: (logical: string) => string,
  ) {}

  async publish<TType extends string, TPayload extends object>(
    definition: EventDefinition<TType, TPayload>,
    input: PublishInput<TPayload>,
  ): Promise<EventEnvelope<TPayload, TType>> {
    const [envelope] = await this.publishAll([{ definition, ...input }]);
    return envelope as EventEnvelope<TPayload, TType>;
  }

  async publishAll(events: Array<PublishInput<object> & { definition: EventDefinition }>): Promise<EventEnvelope[]> {
    if (events.length === 0) return [];
    const manager = this.unitOfWork.requireTransaction();
    // Checked now, so that a broken event fails the use case where it is published.
    const rows = events.map((event) => this.toRow(event));
    let pending = this.pending.get(manager);
    if (!pending) {
      // All of a transaction's events go in one statement just before its commit: one round trip, not one per
      // publish, and created_at is then (about) the commit time, where the outbox hop really starts.
      pending = [];
      this.pending.set(manager, pending);
      const rowsOfThisTransaction = pending;
      this.unitOfWork.beforeCommit(async () => {
        this.pending.delete(manager);
        await this.insert(manager, rowsOfThisTransaction);
      });
    }
    pending.push(...rows);
    return rows.map((row) => row.envelope);
  }

  private readonly pending = new WeakMap<EntityManager, OutboxRow[]>();

  private async insert(manager: EntityManager, rows: OutboxRow[]): Promise<void> {
    // 7 parameters a row; PostgreSQL takes at most 65,535 in one statement.
    for (let start = 0; start < rows.length; start += 5000) {
      const chunk = rows.slice(start, start + 5000);
      const params: unknown[] = [];
      const tuples = chunk.map((row, i) => {
        params.push(row.eventId, row.topic, row.key, row.shard, row.type, row.value, JSON.stringify(row.headers));
        const p = i * 7;
        return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6}, $${p + 7}::jsonb, clock_timestamp())`;
      });
      await manager.query(
        `INSERT INTO messaging_outbox (event_id, topic, message_key, shard, event_type, value, headers, created_at)
         VALUES ${tuples.join(', ')}`,
        params,
      );
    }
  }

  private toRow(event: PublishInput<object> & { definition: EventDefinition }): OutboxRow {
    const { definition, causedBy } = event;
    const request = requestContext.current();
    const envelope: EventEnvelope = {
      id: randomUUID(),
      type: definition.type,
      version: definition.version,
      occurredAt: new Date().toISOString(),
      source: this.source,
      orderId: event.orderId,
      correlationId: causedBy?.correlationId ?? request?.correlationId ?? randomUUID(),
      causationId: causedBy?.id ?? request?.requestId ?? null,
      payload: event.payload,
    };
    const checked = validateEvent(JSON.parse(JSON.stringify(envelope)), { strict: true });
    if (!checked.ok) throw new EventValidationError(definition.type, checked.detail);
    const value = JSON.stringify(envelope);
    if (Buffer.byteLength(value) > MAX_EVENT_BYTES) {
      throw new EventValidationError(
        definition.type,
        `event is ${Buffer.byteLength(value)} bytes, over ${MAX_EVENT_BYTES}`,
      );
    }
    const key = event.key ?? event.orderId;
    if (!key) throw new EventValidationError(definition.type, 'an event without an order id needs an explicit key');
    const trace = causedBy
      ? pick(causedBy.meta.headers, [EventHeaders.traceparent, EventHeaders.tracestate])
      : currentTraceHeaders();
    return {
      envelope,
      eventId: envelope.id,
      topic: this.topicName(definition.topic),
      key,
      shard: crc32(key) % OUTBOX_SHARDS,
      type: definition.type,
      value,
      headers: {
        ...trace,
        [EventHeaders.id]: envelope.id,
        [EventHeaders.type]: envelope.type,
        [EventHeaders.version]: String(envelope.version),
        [EventHeaders.source]: envelope.source,
        [EventHeaders.correlationId]: envelope.correlationId,
      },
    };
  }
}

function pick(headers: Record<string, string>, names: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) if (headers[name] !== undefined) out[name] = headers[name];
  return out;
}
