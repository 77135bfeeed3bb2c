import { randomUUID } from 'node:crypto';
import { DeadLetterHeaders, OrderPlacedV1 } from '@oms/contracts';
import { sampleEvent } from '@oms/contracts/testing';
import type { DataSource } from 'typeorm';
import { PermanentEventError } from '../src/messaging/consumed-event';
import { replayDeadLetters } from '../src/messaging/dead-letter/replay';
import type { MessageProducer } from '../src/messaging/kafka/kafka-port';
import {
  createTestDatabase,
  createTestTopics,
  exitOf,
  runTypeScript,
  testKafkaClient,
  TopicProbe,
  uniqueSuffix,
  waitFor,
} from '../src/testing';
import {
  effects,
  makePublisher,
  makeRelay,
  openDatabase,
  orderPlacedPayload,
  publishOrders,
  recordEffect,
  startConsumer,
} from './harness';

function envelope(overrides: Record<string, unknown> = {}) {
  return { ...sampleEvent(OrderPlacedV1), ...overrides };
}

describe('consumer with inbox and dead-letter topic (real PostgreSQL and Kafka)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  let producer: MessageProducer;

  beforeAll(async () => {
    db = await createTestDatabase('consumer');
    dataSource = await openDatabase(db.url);
    producer = testKafkaClient('consumer-test').producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer.disconnect();
    await dataSource.destroy();
    await db.drop();
  });

  beforeEach(async () => {
    await dataSource.query('TRUNCATE test_effects, messaging_outbox');
  });

  const send = (topic: string, value: string, key = randomUUID()) =>
    producer.send([{ topic, key, value, headers: {} }]);

  it('a consumer stopped after applying and before committing its offset: on redelivery the effect is not applied twice', async () => {
    const prefix = await createTestTopics(['order.events'], 1);
    const topic = `${prefix}order.events`;
    const group = `g-${uniqueSuffix()}`;
    const event = envelope();
    await send(topic, JSON.stringify(event));

    const child = runTypeScript(`${__dirname}/fixtures/apply-then-crash.ts`, {
      DATABASE_URL: db.url,
      TOPIC: topic,
      GROUP: group,
    });
    const { signal, output } = await exitOf(child);
    expect(signal).toBe('SIGKILL');
    expect(output).toContain('applied through offset 0');
    expect(await effects(dataSource)).toEqual([{ event_id: event.id, applied_count: 1 }]);

    // Restart: the group's offset was never committed, so the event is delivered again.
    const admin = await testKafkaClient('lag').admin();
    expect((await admin.consumerLag(group, [topic]))[0]!.lag).toBe(1);
    const restarted = await startConsumer(dataSource, producer, topic, group, {
      sessionTimeoutMs: 6000,
      heartbeatIntervalMs: 500,
    });
    await waitFor(async () => (await admin.consumerLag(group, [topic]))[0]!.lag === 0, {
      what: 'redelivery to be committed',
    });
    await restarted.stop();
    await admin.disconnect();
    expect(await effects(dataSource)).toEqual([{ event_id: event.id, applied_count: 1 }]);
  });

  it('a malformed event lands in the DLQ with its reason, and the next good event is still handled', async () => {
    const prefix = await createTestTopics(['order.events'], 1);
    const topic = `${prefix}order.events`;
    const dlq = await TopicProbe.start([`${topic}.dlq`]);
    const good = envelope();
    const badPayload = envelope({
      payload: { ...orderPlacedPayload(), items: [{ sku: 'SKU-1', quantity: -3, unitPrice: 1, lineTotal: 1 }] },
    });
    const unknownType = envelope({ type: 'OrderTeleported' });
    await send(topic, '{not json');
    await send(topic, JSON.stringify(badPayload));
    await send(topic, JSON.stringify(unknownType));
    await send(topic, JSON.stringify(good));

    const consumer = await startConsumer(dataSource, producer, topic, `g-${uniqueSuffix()}`);
    await waitFor(async () => (await effects(dataSource)).length === 1 && dlq.messages.length === 3, {
      what: 'good event applied, 3 dead letters',
    });
    await consumer.stop();
    await dlq.stop();

    expect(await effects(dataSource)).toEqual([{ event_id: good.id, applied_count: 1 }]);
    const reasons = dlq.messages.map((m) => m.headers[DeadLetterHeaders.reason]);
    expect(reasons).toEqual(['malformed', 'invalid-payload', 'unknown-type']);
    expect(dlq.messages[0]!.value!.toString()).toBe('{not json');
    expect(dlq.messages[1]!.headers[DeadLetterHeaders.error]).toMatch(/items\.0\.quantity/);
    expect(dlq.messages.every((m) => m.headers[DeadLetterHeaders.originalTopic] === topic)).toBe(true);
  });

  it('retries a transient failure with backoff, then applies the batch once', async () => {
    const prefix = await createTestTopics(['order.events'], 1);
    const topic = `${prefix}order.events`;
    const events = [envelope(), envelope(), envelope()];
    for (const e of events) await send(topic, JSON.stringify(e));
    let failuresLeft = 2;
    const consumer = await startConsumer(dataSource, producer, topic, `g-${uniqueSuffix()}`, {
      maxAttempts: 5,
      handler: async (unitOfWork, batch) => {
        await recordEffect(unitOfWork, batch);
        if (failuresLeft-- > 0) throw new Error('lock timeout (transient)');
      },
    });
    await waitFor(async () => (await effects(dataSource)).length === 3, { what: 'three effects' });
    await consumer.stop();
    expect((await effects(dataSource)).map((e) => e.applied_count)).toEqual([1, 1, 1]);
  });

  it('a poison event is isolated and dead-lettered; the rest of its batch is applied; replay after a fix applies it', async () => {
    const prefix = await createTestTopics(['order.events'], 1);
    const topic = `${prefix}order.events`;
    const dlqProbe = await TopicProbe.start([`${topic}.dlq`]);
    const events = [envelope(), envelope({ payload: orderPlacedPayload({ customerId: 'poison' }) }), envelope()];
    for (const e of events) await send(topic, JSON.stringify(e));
    let fixed = false;
    const handler = async (
      unitOfWork: Parameters<typeof recordEffect>[0],
      batch: Parameters<typeof recordEffect>[1],
    ) => {
      for (const e of batch) {
        if (!fixed && (e.payload as { customerId: string }).customerId === 'poison')
          throw new PermanentEventError('customer is blocked');
      }
      await recordEffect(unitOfWork, batch);
    };
    const group = `g-${uniqueSuffix()}`;
    const consumer = await startConsumer(dataSource, producer, topic, group, { handler });
    await waitFor(async () => (await effects(dataSource)).length === 2 && dlqProbe.messages.length === 1, {
      what: 'two applied, one dead-lettered',
    });
    expect(dlqProbe.messages[0]!.headers[DeadLetterHeaders.reason]).toBe('permanent-error');
    expect(dlqProbe.messages[0]!.headers[DeadLetterHeaders.consumerGroup]).toBe(group);

    fixed = true;
    const result = await replayDeadLetters(testKafkaClient('replay'), {
      dlqTopic: `${topic}.dlq`,
      groupId: `replay-${uniqueSuffix()}`,
    });
    expect(result).toEqual({ replayed: 1, skipped: 0 });
    await waitFor(async () => (await effects(dataSource)).length === 3, { what: 'replayed event applied' });
    await consumer.stop();
    await dlqProbe.stop();
    expect((await effects(dataSource)).map((e) => e.event_id).sort()).toEqual(events.map((e) => e.id).sort());
    expect((await effects(dataSource)).every((e) => e.applied_count === 1)).toBe(true);
  });

  it('a rebalance in the middle of a stream loses and doubles nothing (kafkajs #1046: commits around rebalances)', async () => {
    const prefix = await createTestTopics(['order.events'], 6);
    const topic = `${prefix}order.events`;
    const group = `g-${uniqueSuffix()}`;
    const { publisher, unitOfWork } = makePublisher(dataSource, prefix);
    const relay = makeRelay(dataSource, producer, db.url);
    await relay.start();
    const slowHandler = async (uow: Parameters<typeof recordEffect>[0], batch: Parameters<typeof recordEffect>[1]) => {
      await recordEffect(uow, batch);
      await new Promise((r) => setTimeout(r, 5));
    };
    const first = await startConsumer(dataSource, producer, topic, group, { handler: slowHandler, maxBatch: 20 });
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) ids.push(...(await publishOrders(publisher, unitOfWork, 100)));
    const second = await startConsumer(dataSource, producer, topic, group, { handler: slowHandler, maxBatch: 20 });
    for (let i = 0; i < 10; i++) ids.push(...(await publishOrders(publisher, unitOfWork, 100)));
    await first.stop(); // a second rebalance: its partitions move to `second`
    await waitFor(async () => (await effects(dataSource)).length === ids.length, {
      timeoutMs: 90_000,
      what: `${ids.length} effects`,
    });
    await second.stop();
    await relay.stop();
    const applied = await effects(dataSource);
    expect(applied).toHaveLength(2000);
    expect(applied.filter((e) => e.applied_count !== 1)).toEqual([]);
    expect(new Set(applied.map((e) => e.event_id))).toEqual(new Set(ids));
  }, 120_000);

  it('a batch that takes longer than the session timeout keeps the group membership (kafkajs #447: heartbeats)', async () => {
    const prefix = await createTestTopics(['order.events'], 1);
    const topic = `${prefix}order.events`;
    const events = Array.from({ length: 60 }, () => envelope());
    await producer.send(events.map((e) => ({ topic, key: 'one-partition', value: JSON.stringify(e), headers: {} })));
    const consumer = await startConsumer(dataSource, producer, topic, `g-${uniqueSuffix()}`, {
      sessionTimeoutMs: 6000,
      heartbeatIntervalMs: 500,
      maxBatch: 5,
      handler: async (uow, batch) => {
        await recordEffect(uow, batch);
        await new Promise((r) => setTimeout(r, 800)); // 12 chunks × 0.8 s ≈ 10 s in one fetched batch
      },
    });
    await waitFor(async () => (await effects(dataSource)).length === 60, { timeoutMs: 60_000, what: '60 effects' });
    const joins = consumer.consumer.joins;
    await consumer.stop();
    expect(joins).toBe(1);
    expect((await effects(dataSource)).every((e) => e.applied_count === 1)).toBe(true);
  }, 90_000);
});
