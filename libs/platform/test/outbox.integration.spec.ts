import { randomUUID } from 'node:crypto';
import { OrderPlacedV1 } from '@oms/contracts';
import type { DataSource } from 'typeorm';
import type { MessageProducer } from '../src/messaging/kafka/kafka-port';
import {
  createTestDatabase,
  createTestTopics,
  exitOf,
  runTypeScript,
  testKafkaClient,
  TopicProbe,
  waitFor,
} from '../src/testing';
import { makePublisher, makeRelay, openDatabase, orderPlacedPayload, publishOrders } from './harness';

describe('transactional outbox (real PostgreSQL and Kafka)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  let prefix: string;
  let producer: MessageProducer;
  let probe: TopicProbe;

  beforeAll(async () => {
    db = await createTestDatabase('outbox');
    dataSource = await openDatabase(db.url);
    prefix = await createTestTopics(['order.events'], 6);
    producer = testKafkaClient('outbox-test').producer();
    await producer.connect();
    probe = await TopicProbe.start([`${prefix}order.events`]);
  });

  afterAll(async () => {
    await probe.stop();
    await producer.disconnect();
    await dataSource.destroy();
    await db.drop();
  });

  it('a rolled-back transaction publishes nothing', async () => {
    const { publisher, unitOfWork } = makePublisher(dataSource, prefix);
    const orderId = randomUUID();
    await expect(
      unitOfWork.run(async () => {
        await publisher.publish(OrderPlacedV1, { orderId, payload: orderPlacedPayload() });
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');

    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM messaging_outbox`);
    expect(n).toBe(0);
    // A relay that runs afterwards finds nothing; a later committed event arrives alone.
    const relay = makeRelay(dataSource, producer, db.url);
    await relay.start();
    const [committedId] = await publishOrders(publisher, unitOfWork, 1);
    await waitFor(() => probe.events().some((e) => e.id === committedId), { what: 'the committed event' });
    await relay.stop();
    expect(probe.events().filter((e) => e.orderId === orderId)).toHaveLength(0);
  });

  it('an event that breaks its contract is refused inside the transaction, which rolls back', async () => {
    const { publisher, unitOfWork } = makePublisher(dataSource, prefix);
    const bad = { ...orderPlacedPayload(), items: [] };
    await expect(
      unitOfWork.run(() => publisher.publish(OrderPlacedV1, { orderId: randomUUID(), payload: bad })),
    ).rejects.toThrow(/breaks its contract.*items/);
  });

  it('a crash after commit and before publish: after restart the relay publishes the event, once', async () => {
    const child = runTypeScript(`${__dirname}/fixtures/commit-then-crash.ts`, {
      DATABASE_URL: db.url,
      TOPIC_PREFIX: prefix,
    });
    const { signal, output } = await exitOf(child);
    expect(signal).toBe('SIGKILL');
    const eventId = /committed (\S+)/.exec(output)?.[1];
    expect(eventId).toBeDefined();
    const [pending] = await dataSource.query(`SELECT published_at FROM messaging_outbox WHERE event_id = $1`, [
      eventId,
    ]);
    expect(pending.published_at).toBeNull();

    // "Restart": a new relay over the same database.
    const relay = makeRelay(dataSource, producer, db.url);
    await relay.start();
    await waitFor(() => probe.events().some((e) => e.id === eventId), { what: 'the event after restart' });
    await relay.stop();
    // A second relay start publishes nothing more.
    const again = makeRelay(dataSource, producer, db.url);
    await again.start();
    await again.drain();
    await again.stop();
    await new Promise((r) => setTimeout(r, 500));
    expect(probe.events().filter((e) => e.id === eventId)).toHaveLength(1);
    const [published] = await dataSource.query(`SELECT published_at FROM messaging_outbox WHERE event_id = $1`, [
      eventId,
    ]);
    expect(published.published_at).not.toBeNull();
  });

  it('several relay instances publish every event once and keep each order key in sequence', async () => {
    const { publisher, unitOfWork } = makePublisher(dataSource, prefix);
    const keys = Array.from({ length: 40 }, () => randomUUID());
    const relays = [
      makeRelay(dataSource, producer, db.url),
      makeRelay(dataSource, producer, db.url),
      makeRelay(dataSource, producer, db.url),
    ];
    await Promise.all(relays.map((r) => r.start()));
    const published: string[] = [];
    for (let i = 0; i < 20; i++) published.push(...(await publishOrders(publisher, unitOfWork, 50, keys)));
    await waitFor(() => published.every((id) => probe.events().some((e) => e.id === id)), {
      timeoutMs: 60_000,
      what: '1000 events',
    });
    await Promise.all(relays.map((r) => r.stop()));

    const seen = probe.events().filter((e) => published.includes(e.id));
    expect(seen).toHaveLength(published.length);
    expect(new Set(seen.map((e) => e.id)).size).toBe(published.length);
    const position = new Map(published.map((id, i) => [id, i]));
    for (const key of keys) {
      const order = seen.filter((e) => e.orderId === key).map((e) => position.get(e.id)!);
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
  });
});
