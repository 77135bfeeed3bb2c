import { randomUUID } from 'node:crypto';
import { OrderPlacedV1, type OrderPlacedV1Payload } from '@oms/contracts';
import { samplePayload } from '@oms/contracts/testing';
import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { UnitOfWork } from '../src/database/unit-of-work';
import { MESSAGING_MIGRATIONS } from '../src/database/messaging-migrations';
import { createLogger } from '../src/logging/logger';
import type { ConsumedEvent } from '../src/messaging/consumed-event';
import { EventConsumer } from '../src/messaging/consumer/event-consumer';
import { EventHandlerRegistry } from '../src/messaging/consumer/event-handler-registry';
import { DeadLetterPublisher } from '../src/messaging/dead-letter/dead-letter-publisher';
import { Inbox } from '../src/messaging/inbox/inbox';
import type { MessageConsumer, MessageProducer } from '../src/messaging/kafka/kafka-port';
import { EventPublisher } from '../src/messaging/outbox/event-publisher';
import { OutboxRelay } from '../src/messaging/outbox/outbox-relay';
import { testKafkaClient, waitFor } from '../src/testing';

export const logger = createLogger('platform-test', process.env.LOG_LEVEL ?? 'warn');

/** A table the test handler writes to: applied_count > 1 would mean an event took effect twice. */
export class TestEffects1700000000001 implements MigrationInterface {
  name = 'TestEffects1700000000001';
  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE test_effects (event_id uuid PRIMARY KEY, order_id uuid, applied_count int NOT NULL, seq serial)`,
    );
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE test_effects`);
  }
}

export async function openDatabase(url: string): Promise<DataSource> {
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    migrations: [...MESSAGING_MIGRATIONS, TestEffects1700000000001],
    synchronize: false,
    logging: ['error'],
    extra: { max: 5 },
  });
  await dataSource.initialize();
  await dataSource.runMigrations();
  return dataSource;
}

export function orderPlacedPayload(overrides: Partial<OrderPlacedV1Payload> = {}): OrderPlacedV1Payload {
  return samplePayload(OrderPlacedV1, { placedAt: new Date().toISOString(), ...overrides });
}

/** Publishes `count` OrderPlaced events through the outbox, `perTransaction` per transaction. */
export async function publishOrders(
  publisher: EventPublisher,
  unitOfWork: UnitOfWork,
  count: number,
  orderIds?: string[],
) {
  const ids: string[] = [];
  await unitOfWork.run(async () => {
    for (let i = 0; i < count; i++) {
      const orderId = orderIds?.[i % orderIds.length] ?? randomUUID();
      const envelope = await publisher.publish(OrderPlacedV1, { orderId, payload: orderPlacedPayload() });
      ids.push(envelope.id);
    }
  });
  return ids;
}

export function makePublisher(dataSource: DataSource, prefix: string) {
  const unitOfWork = new UnitOfWork(dataSource);
  return { unitOfWork, publisher: new EventPublisher(unitOfWork, 'order', (t) => `${prefix}${t}`) };
}

export function makeRelay(dataSource: DataSource, producer: MessageProducer, url: string) {
  return new OutboxRelay(dataSource, producer, { databaseUrl: url, pollIntervalMs: 200, batchSize: 200 }, logger);
}

/** The handler used by the tests: records each applied event, counting applications. */
export async function recordEffect(unitOfWork: UnitOfWork, events: ConsumedEvent[]): Promise<void> {
  for (const event of events) {
    await unitOfWork.manager.query(
      `INSERT INTO test_effects (event_id, order_id, applied_count) VALUES ($1, $2, 1)
       ON CONFLICT (event_id) DO UPDATE SET applied_count = test_effects.applied_count + 1`,
      [event.id, event.orderId],
    );
  }
}

export interface RunningConsumer {
  consumer: MessageConsumer;
  pipeline: EventConsumer;
  stop: () => Promise<void>;
}

/** Starts a consumer of `topic` in `groupId` applying OrderPlaced with `handler` (default: recordEffect). */
export async function startConsumer(
  dataSource: DataSource,
  producer: MessageProducer,
  topic: string,
  groupId: string,
  options: {
    handler?: (unitOfWork: UnitOfWork, events: ConsumedEvent[]) => Promise<void>;
    maxBatch?: number;
    maxAttempts?: number;
    sessionTimeoutMs?: number;
    heartbeatIntervalMs?: number;
  } = {},
): Promise<RunningConsumer> {
  const unitOfWork = new UnitOfWork(dataSource);
  const registry = new EventHandlerRegistry();
  const handler = options.handler ?? recordEffect;
  registry.register(OrderPlacedV1, (events) => handler(unitOfWork, events), 'test');
  const pipeline = new EventConsumer(
    registry,
    unitOfWork,
    new Inbox(groupId),
    new DeadLetterPublisher(producer, groupId),
    {
      maxBatch: options.maxBatch ?? 100,
      maxAttempts: options.maxAttempts ?? 3,
      initialBackoffMs: 20,
      maxBackoffMs: 200,
    },
    logger,
  );
  const consumer = testKafkaClient(groupId).consumer({
    groupId,
    topics: [topic],
    fromBeginning: true,
    sessionTimeoutMs: options.sessionTimeoutMs,
    heartbeatIntervalMs: options.heartbeatIntervalMs,
  });
  void consumer.run((batch, control) => pipeline.handleBatch(batch, control));
  await waitFor(() => consumer.isHealthy(), { timeoutMs: 30_000, what: `consumer ${groupId} to join` });
  return { consumer, pipeline, stop: () => consumer.stop() };
}

export async function effects(dataSource: DataSource): Promise<Array<{ event_id: string; applied_count: number }>> {
  return dataSource.query(`SELECT event_id, applied_count FROM test_effects ORDER BY seq`);
}
