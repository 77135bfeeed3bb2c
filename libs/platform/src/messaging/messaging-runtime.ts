import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { EventDefinition } from '@oms/contracts';
import { DataSource } from 'typeorm';
import type { ServiceConfig } from '../config/config';
import { UnitOfWork } from '../database/unit-of-work';
import type { Logger } from '../logging/logger';
import { MessagingMetrics } from '../metrics/messaging-metrics';
import { KAFKA_CLIENT, PLATFORM_LOGGER, SERVICE_CONFIG } from '../tokens';
import type { ConsumedEvent } from './consumed-event';
import { EventConsumer } from './consumer/event-consumer';
import { EventHandlerRegistry } from './consumer/event-handler-registry';
import { DeadLetterPublisher } from './dead-letter/dead-letter-publisher';
import { Inbox } from './inbox/inbox';
import type { KafkaClient, MessageConsumer, MessageProducer } from './kafka/kafka-port';
import { ON_EVENTS } from './on-events.decorator';
import { MAX_EVENT_BYTES } from './outbox/event-publisher';
import { OutboxRelay } from './outbox/outbox-relay';

/**
 * Wires the messaging platform into a Nest application: finds @OnEvents handlers, connects the producer,
 * starts the outbox relay and the consumer. Connection attempts continue in the background, so a service
 * starts (and reports not ready) while the broker is still down. On shutdown the consumer finishes its
 * in-flight batch and commits, the relay drains, then the producer disconnects: before the database closes.
 */
@Injectable()
export class MessagingRuntime implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly registry = new EventHandlerRegistry();
  readonly producer: MessageProducer;
  private consumer: MessageConsumer | undefined;
  private relay: OutboxRelay | undefined;
  private stopping = false;
  private starting: Promise<void> | undefined;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(KAFKA_CLIENT) private readonly kafka: KafkaClient,
    @Inject(PLATFORM_LOGGER) private readonly logger: Logger,
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly metrics: MessagingMetrics,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {
    this.producer = kafka.producer();
  }

  onApplicationBootstrap(): void {
    this.discoverHandlers();
    this.starting = this.start();
  }

  /** Resolves once the producer is connected and the relay and consumer are started. */
  whenStarted(): Promise<void> {
    return this.starting ?? Promise.resolve();
  }

  get producerConnected(): boolean {
    return this.producer.isConnected();
  }

  /** True when this service consumes nothing, or its consumer is joined to its group. */
  get consumerHealthy(): boolean {
    return this.registry.size === 0 || (this.consumer?.isHealthy() ?? false);
  }

  get outboxRelay(): OutboxRelay | undefined {
    return this.relay;
  }

  get consumerJoins(): number {
    return this.consumer?.joins ?? 0;
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.consumer?.stop().catch((error: unknown) => this.logger.warn({ err: error }, 'consumer stop failed'));
    await this.relay?.stop();
    await this.producer.disconnect().catch(() => undefined);
  }

  private async start(): Promise<void> {
    await this.retryUntilStopped('producer connect', () => this.producer.connect());
    if (this.stopping) return;
    if (this.config.OUTBOX_RELAY_ENABLED) {
      this.relay = new OutboxRelay(
        this.dataSource,
        this.producer,
        {
          databaseUrl: this.config.DATABASE_URL,
          pollIntervalMs: this.config.OUTBOX_POLL_INTERVAL_MS,
          batchSize: this.config.OUTBOX_BATCH_SIZE,
        },
        this.logger.child({ component: 'outbox-relay' }),
        this.metrics,
      );
      await this.relay.start();
    }
    if (this.registry.size > 0) {
      const consumer = this.kafka.consumer({
        groupId: this.config.consumerGroup,
        topics: this.registry.topics().map((t) => this.config.topic(t)),
        partitionsConsumedConcurrently: this.config.CONSUMER_PARTITIONS_CONCURRENTLY,
        sessionTimeoutMs: this.config.KAFKA_SESSION_TIMEOUT_MS,
        heartbeatIntervalMs: Math.min(3000, Math.floor(this.config.KAFKA_SESSION_TIMEOUT_MS / 3)),
      });
      this.consumer = consumer;
      const pipeline = new EventConsumer(
        this.registry,
        this.unitOfWork,
        new Inbox(this.config.consumerGroup),
        new DeadLetterPublisher(this.producer, this.config.consumerGroup),
        {
          maxBatch: this.config.CONSUMER_MAX_BATCH,
          transactionsConcurrently: this.config.CONSUMER_TRANSACTIONS_CONCURRENTLY,
          maxAttempts: this.config.CONSUMER_MAX_ATTEMPTS,
          maxEventBytes: MAX_EVENT_BYTES,
        },
        this.logger.child({ component: 'consumer' }),
        this.metrics,
      );
      await this.retryUntilStopped('consumer start', () =>
        consumer.run((batch, control) => pipeline.handleBatch(batch, control)),
      );
    }
    this.logger.info(
      { group: this.config.consumerGroup, topics: this.registry.topics(), handlers: this.registry.size },
      'messaging started',
    );
  }

  private discoverHandlers(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.metatype) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const handler = instance[method];
        if (typeof handler !== 'function') continue;
        const definitions = this.reflector.get<EventDefinition[] | undefined>(ON_EVENTS, handler as () => unknown);
        if (!definitions) continue;
        const name = `${instance.constructor.name}.${method}`;
        for (const definition of definitions) {
          this.registry.register(
            definition,
            (events: ConsumedEvent[]) => (handler as (e: ConsumedEvent[]) => Promise<void>).call(instance, events),
            name,
          );
        }
      }
    }
  }

  private async retryUntilStopped(what: string, work: () => Promise<void>): Promise<void> {
    for (let attempt = 1; !this.stopping; attempt++) {
      try {
        await work();
        return;
      } catch (error) {
        this.logger.warn({ err: error, attempt }, `${what} failed; retrying`);
        await new Promise((resolve) => setTimeout(resolve, Math.min(10_000, 500 * attempt)));
      }
    }
  }
}
