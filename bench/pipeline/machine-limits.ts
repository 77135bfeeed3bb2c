import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { testInfrastructure, uniqueSuffix } from '@oms/platform/testing';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');

export interface MachineLimits {
  postgres: { commitsPerSecond: number; clients: number; seconds: number };
  kafka: {
    recordBytes: number;
    producerRecordsPerSecond: number;
    producerMbPerSecond: number;
    consumerRecordsPerSecond: number;
    consumerMbPerSecond: number;
  };
}

/**
 * What this machine can do for this work, measured with the tools the database and the broker ship:
 * pgbench running a transaction of the shape our services commit (a state row, a line, an outbox row, a
 * NOTIFY), and Kafka's own producer and consumer performance tools with records of our events' size.
 */
export async function measureMachineLimits(options: { seconds: number; recordBytes: number }): Promise<MachineLimits> {
  return {
    postgres: await pgbench(options.seconds),
    kafka: await kafkaPerf(options.recordBytes, options.seconds),
  };
}

async function pgbench(seconds: number) {
  const adminUrl = new URL(testInfrastructure().postgresAdminUrl);
  const database = `oms_bench_limits_${uniqueSuffix()}`;
  const admin = new Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const db = new Client({ connectionString: url.toString() });
  try {
    await db.connect();
    await db.query(`
      CREATE TABLE orders (id uuid PRIMARY KEY, customer_id text NOT NULL, status text NOT NULL, total bigint NOT NULL,
                           shipping_address jsonb NOT NULL, placed_at timestamptz NOT NULL, version int NOT NULL);
      CREATE TABLE order_lines (order_id uuid NOT NULL REFERENCES orders (id), sku text NOT NULL, quantity int NOT NULL,
                                unit_price bigint NOT NULL, PRIMARY KEY (order_id, sku));
      CREATE TABLE messaging_outbox (seq bigserial PRIMARY KEY, event_id uuid NOT NULL UNIQUE, topic text NOT NULL,
                                     message_key text NOT NULL, shard int NOT NULL, event_type text NOT NULL,
                                     value text NOT NULL, headers jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now(),
                                     published_at timestamptz);
      CREATE INDEX messaging_outbox_pending ON messaging_outbox (shard, seq) WHERE published_at IS NULL;`);
    await db.end();
    const dir = mkdtempSync(path.join(tmpdir(), 'oms-pgbench-'));
    const script = path.join(dir, 'place-order.sql');
    // One placed order as the order service commits it: the order, its line, its event in the outbox, the wake-up.
    writeFileSync(
      script,
      `\\set shard random(0, 15)
BEGIN;
WITH placed AS (
  INSERT INTO orders VALUES (gen_random_uuid(), 'bench', 'PLACED', 4800, '{"city":"Shanghai","line1":"18 Nanjing Rd"}', now(), 1)
  RETURNING id),
line AS (INSERT INTO order_lines SELECT id, 'BENCH-01', 1, 4800 FROM placed)
INSERT INTO messaging_outbox (event_id, topic, message_key, shard, event_type, value, headers)
  SELECT gen_random_uuid(), 'order.events', id::text, :shard, 'OrderPlaced', repeat('x', 1200), '{"event-type":"OrderPlaced"}'
  FROM placed;
SELECT pg_notify('outbox', 'order');
COMMIT;
`,
    );
    const clients = 8;
    const { stdout } = await run(
      'pgbench',
      [
        '-n',
        '-f',
        script,
        '-c',
        String(clients),
        '-j',
        '2',
        '-T',
        String(seconds),
        '-h',
        url.hostname,
        '-p',
        url.port || '5432',
        '-U',
        url.username || 'postgres',
        database,
      ],
      { timeout: (seconds + 60) * 1000 },
    );
    const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout)?.[1];
    if (!tps) throw new Error(`pgbench printed no tps:\n${stdout}`);
    return { commitsPerSecond: Math.round(Number(tps)), clients, seconds };
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
}

async function kafkaPerf(recordBytes: number, seconds: number) {
  const brokers = testInfrastructure().kafkaBrokers.join(',');
  const topic = `bench-perf-${uniqueSuffix()}`;
  const admin = new Kafka({ brokers: brokers.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 12, replicationFactor: 1 }] });
  try {
    const classpath = `${ROOT}/.cache/kafka/${kafkaVersion()}/libs/*`;
    const java = ['-Xmx512m', '-cp', classpath];
    // As many records as the broker takes in about `seconds` at a few hundred MB/s, capped for small machines.
    const records = Math.min(2_000_000, Math.max(100_000, seconds * 40_000));
    const produced = await run(
      'java',
      [
        ...java,
        'org.apache.kafka.tools.ProducerPerformance',
        '--topic',
        topic,
        '--num-records',
        String(records),
        '--record-size',
        String(recordBytes),
        '--throughput',
        '-1',
        '--producer-props',
        `bootstrap.servers=${brokers}`,
        'acks=all',
        'enable.idempotence=true',
        'linger.ms=5',
      ],
      { timeout: 300_000, maxBuffer: 16 * 1024 * 1024 },
    );
    const summary = /(\d+) records sent, ([\d.]+) records\/sec \(([\d.]+) MB\/sec\)/.exec(
      produced.stdout.trim().split('\n').pop() ?? '',
    );
    if (!summary) throw new Error(`ProducerPerformance printed no summary:\n${produced.stdout.slice(-500)}`);
    const consumed = await run(
      'java',
      [
        ...java,
        'org.apache.kafka.tools.ConsumerPerformance',
        '--bootstrap-server',
        brokers,
        '--topic',
        topic,
        '--messages',
        String(records),
        '--timeout',
        '60000',
      ],
      { timeout: 300_000 },
    );
    // start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, ...
    const row = consumed.stdout
      .trim()
      .split('\n')
      .pop()!
      .split(',')
      .map((s) => s.trim());
    return {
      recordBytes,
      producerRecordsPerSecond: Math.round(Number(summary[2])),
      producerMbPerSecond: Number(summary[3]),
      consumerRecordsPerSecond: Math.round(Number(row[5])),
      consumerMbPerSecond: Number(row[3]),
    };
  } finally {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  }
}

function kafkaVersion(): string {
  const pom = readFileSync(path.join(ROOT, 'infra/kafka/pom.xml'), 'utf8');
  return /<kafka.version>(.*)<\/kafka.version>/.exec(pom)![1]!;
}
