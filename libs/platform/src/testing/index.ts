import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';
import {
  createKafkaClient,
  DEFAULT_KAFKA_CLIENT,
  KAFKA_CLIENT_KINDS,
  type KafkaClientKind,
} from '../messaging/kafka/create-kafka-client';
import type { IncomingMessage, KafkaClient, MessageConsumer } from '../messaging/kafka/kafka-port';

/** Addresses of the real broker and database the tests use (provisioned by scripts/test.sh or the jest global setup). */
export function testInfrastructure() {
  return {
    kafkaBrokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    postgresAdminUrl: process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  };
}

export function uniqueSuffix(): string {
  return randomBytes(4).toString('hex');
}

/** The Kafka port on the library KAFKA_CLIENT names (the services' default otherwise), as the services pick theirs. */
export function testKafkaClient(clientId = 'test'): KafkaClient {
  const kind = process.env.KAFKA_CLIENT || DEFAULT_KAFKA_CLIENT;
  if (!(KAFKA_CLIENT_KINDS as readonly string[]).includes(kind)) {
    throw new Error(`KAFKA_CLIENT=${kind}: expected one of ${KAFKA_CLIENT_KINDS.join(', ')}`);
  }
  return createKafkaClient(kind as KafkaClientKind, { clientId, brokers: testInfrastructure().kafkaBrokers });
}

/** A fresh database per test file, dropped afterwards: tests never share state. */
export async function createTestDatabase(
  label: string,
): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const adminUrl = testInfrastructure().postgresAdminUrl;
  const name = `oms_t_${label.replace(/\W/g, '_')}_${uniqueSuffix()}`.toLowerCase();
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Creates topics (and their .dlq twins) under a unique prefix; returns the prefix. */
export async function createTestTopics(logicalTopics: string[], partitions = 3): Promise<string> {
  const prefix = `t${uniqueSuffix()}.`;
  const admin = await testKafkaClient('test-admin').admin();
  await admin.ensureTopics(
    logicalTopics.flatMap((t) => [
      { topic: `${prefix}${t}`, partitions },
      { topic: `${prefix}${t}.dlq`, partitions: 1 },
    ]),
  );
  await admin.disconnect();
  return prefix;
}

/** Reads a topic from the beginning and keeps every message, for assertions. */
export class TopicProbe {
  readonly messages: IncomingMessage[] = [];
  private consumer: MessageConsumer | undefined;

  static async start(topics: string[]): Promise<TopicProbe> {
    const probe = new TopicProbe();
    probe.consumer = testKafkaClient('probe').consumer({
      groupId: `probe-${uniqueSuffix()}`,
      topics,
      fromBeginning: true,
    });
    void probe.consumer.run(async (batch, control) => {
      probe.messages.push(...batch.messages);
      await control.commit(batch.messages[batch.messages.length - 1]!);
    });
    await waitFor(() => probe.consumer!.isHealthy(), { timeoutMs: 30_000, what: 'probe consumer to join' });
    return probe;
  }

  events(): Array<{
    id: string;
    type: string;
    source: string;
    orderId: string | null;
    correlationId: string;
    causationId: string | null;
    occurredAt: string;
    payload: Record<string, unknown>;
  }> {
    return this.messages.map((m) => JSON.parse(m.value!.toString()));
  }

  async stop(): Promise<void> {
    await this.consumer?.stop();
  }
}

export async function waitFor<T>(
  check: () => T | Promise<T>,
  {
    timeoutMs = 20_000,
    intervalMs = 50,
    what = 'condition',
  }: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs}ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Runs a TypeScript file in a child Node process (so a test can kill -9 it). */
export function runTypeScript(file: string, env: Record<string, string>): ChildProcess {
  const root = path.resolve(__dirname, '../../../..');
  return spawn(process.execPath, ['--conditions=@oms/source', '-r', path.join(root, 'tools/swc-register.js'), file], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function exitOf(
  child: ChildProcess,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }> {
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, output })));
}

export * from './service-app';
export * from './mail-capture';
