import type { DynamicModule } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createServiceApp } from '../bootstrap';
import { MessagingRuntime } from '../messaging/messaging-runtime';
import { createTestDatabase, createTestTopics } from './index';
import { ALL_TOPICS } from '@oms/contracts';

export interface TestServiceApp {
  app: NestExpressApplication;
  env: Record<string, string>;
  topicPrefix: string;
  close: () => Promise<void>;
}

/**
 * Boots a service's real Nest application for a test: its own fresh database (migrated at start),
 * topics under a unique prefix on the real broker, messaging started. `build` receives the environment
 * to load the service's config from.
 */
export async function startTestServiceApp(
  label: string,
  build: (env: NodeJS.ProcessEnv) => DynamicModule,
  options: { topicPrefix?: string; env?: Record<string, string> } = {},
): Promise<TestServiceApp> {
  const db = await createTestDatabase(label);
  const topicPrefix = options.topicPrefix ?? (await createTestTopics([...ALL_TOPICS], 3));
  const env = {
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    KAFKA_TOPIC_PREFIX: topicPrefix,
    KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
    KAFKA_CONSUMER_GROUP: `${label}-${topicPrefix}`,
    MIGRATIONS_RUN: 'true',
    OUTBOX_POLL_INTERVAL_MS: '200',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    ...options.env,
  };
  const app = await createServiceApp(build({ ...process.env, ...env }), {
    title: label,
    description: `${label} (test)`,
  });
  await app.init();
  await app.get(MessagingRuntime).whenStarted();
  return {
    app,
    env,
    topicPrefix,
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}
