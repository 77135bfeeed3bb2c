/**
 * Outbox commit-to-consume latency: each event is committed in its own transaction (state change + outbox
 * row), published by the relay (LISTEN/NOTIFY wake-up), and consumed from the real broker. Latency is
 * measured from the moment the transaction committed to the moment a consumer received the event.
 *
 *   npm run bench:outbox -- [--events 10000] [--rate 500] [--partitions 12]
 * Writes bench/results/outbox-latency-<timestamp>.json.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { OrderPlacedV1 } from '@oms/contracts';
import {
  createLogger,
  createKafkajsClient,
  EventPublisher,
  MESSAGING_MIGRATIONS,
  OutboxRelay,
  UnitOfWork,
} from '@oms/platform';
import { createTestDatabase, createTestTopics, waitFor } from '@oms/platform/testing';
import { DataSource } from 'typeorm';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main() {
  const total = arg('events', 10_000);
  const rate = arg('rate', 500);
  const partitions = arg('partitions', 12);
  const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
  const logger = createLogger('bench', 'warn');

  const db = await createTestDatabase('bench_outbox');
  const prefix = await createTestTopics(['order.events'], partitions);
  const dataSource = new DataSource({
    type: 'postgres',
    url: db.url,
    migrations: MESSAGING_MIGRATIONS,
    extra: { max: 10 },
  });
  await dataSource.initialize();
  await dataSource.runMigrations();
  const unitOfWork = new UnitOfWork(dataSource);
  const publisher = new EventPublisher(unitOfWork, 'order', (t) => `${prefix}${t}`);
  const kafka = createKafkajsClient({ clientId: 'bench', brokers });
  const producer = kafka.producer();
  await producer.connect();
  const relay = new OutboxRelay(
    dataSource,
    producer,
    { databaseUrl: db.url, pollIntervalMs: 1000, batchSize: 500 },
    logger,
  );
  await relay.start();

  const committedAt = new Map<string, number>();
  const latencies: number[] = [];
  // An event may arrive before its writer resumes after COMMIT; its latency is then counted as ~0 below.
  const arrivedFirst = new Map<string, number>();
  const seen = new Set<string>();
  const consumer = kafka.consumer({
    groupId: `bench-${randomUUID()}`,
    topics: [`${prefix}order.events`],
    fromBeginning: true,
  });
  void consumer.run(async (batch, control) => {
    const now = performance.now();
    for (const message of batch.messages) {
      const id = message.headers['event-id']!;
      if (seen.has(id)) continue;
      seen.add(id);
      const start = committedAt.get(id);
      if (start !== undefined) latencies.push(now - start);
      else arrivedFirst.set(id, now);
    }
    await control.commit(batch.messages[batch.messages.length - 1]!);
  });
  await waitFor(() => consumer.isHealthy(), { timeoutMs: 30_000, what: 'consumer to join' });

  const payload = {
    customerId: 'bench',
    channel: 'web' as const,
    currency: 'CNY' as const,
    items: [{ sku: 'BENCH-1', quantity: 1, unitPrice: 1000, lineTotal: 1000 }],
    totals: { subtotal: 1000, shipping: 0, discount: 0, total: 1000 },
    shippingAddress: {
      name: 'Bench',
      phone: '1',
      line1: '1 Road',
      city: 'Shanghai',
      postalCode: '200000',
      country: 'CN',
    },
    contact: { locale: 'en' as const },
    paymentMethod: 'cod' as const,
    shipComplete: false,
    placedAt: new Date().toISOString(),
  };

  console.error(`bench: ${total} events, one per transaction, at ${rate}/s on ${partitions} partitions`);
  const started = performance.now();
  const interval = 1000 / rate;
  const writers = 4;
  let next = 0;
  await Promise.all(
    Array.from({ length: writers }, async () => {
      for (;;) {
        const i = next++;
        if (i >= total) return;
        const due = started + i * interval;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        let id = '';
        await unitOfWork.run(async () => {
          id = (await publisher.publish(OrderPlacedV1, { orderId: randomUUID(), payload })).id;
        });
        const at = performance.now();
        committedAt.set(id, at);
        if (arrivedFirst.has(id)) latencies.push(Math.max(0, arrivedFirst.get(id)! - at));
      }
    }),
  );
  const committed = performance.now();
  const progress = setInterval(() => {
    void relay
      .pendingCount()
      .then((pending) => console.error(`bench: consumed ${latencies.length}/${total}, outbox pending ${pending}`));
  }, 5000);
  await waitFor(() => latencies.length >= total, {
    timeoutMs: 120_000,
    intervalMs: 100,
    what: `${total} events consumed`,
  });
  clearInterval(progress);
  const finished = performance.now();

  latencies.sort((a, b) => a - b);
  const result = {
    benchmark: 'outbox commit-to-consume latency',
    at: new Date().toISOString(),
    events: total,
    targetRatePerSecond: rate,
    achievedCommitRatePerSecond: Math.round((total / (committed - started)) * 1000),
    partitions,
    latencyMs: {
      p50: +percentile(latencies, 50).toFixed(2),
      p90: +percentile(latencies, 90).toFixed(2),
      p99: +percentile(latencies, 99).toFixed(2),
      max: +latencies[latencies.length - 1]!.toFixed(2),
      mean: +(latencies.reduce((a, b) => a + b, 0) / latencies.length).toFixed(2),
    },
    drainAfterLastCommitMs: Math.round(finished - committed),
    arrivedBeforeWriterResumed: arrivedFirst.size,
    node: process.version,
  };
  const out = path.join(__dirname, 'results', `outbox-latency-${result.at.replace(/[:.]/g, '-')}.json`);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
  console.error(`bench: written ${path.relative(process.cwd(), out)}`);

  await consumer.stop();
  await relay.stop();
  await producer.disconnect();
  await dataSource.destroy();
  await db.drop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
