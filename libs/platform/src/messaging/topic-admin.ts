import { ALL_TOPICS, deadLetterTopicOf } from '@oms/contracts';
import type { KafkaClient, TopicSpec } from './kafka/kafka-port';

/** Every topic of the platform and its dead-letter twin, with the configured partition count. */
export function platformTopics(prefix: string, partitions: number): TopicSpec[] {
  return ALL_TOPICS.flatMap((topic) => [
    { topic: `${prefix}${topic}`, partitions },
    // DLQs are read rarely and replayed by hand: fewer partitions, longer retention.
    {
      topic: deadLetterTopicOf(`${prefix}${topic}`),
      partitions: Math.min(partitions, 3),
      configs: { 'retention.ms': String(30 * 24 * 3600 * 1000) },
    },
  ]);
}

/** Creates missing topics (the broker does not auto-create them). Returns the names created. */
export async function ensurePlatformTopics(client: KafkaClient, prefix: string, partitions: number): Promise<string[]> {
  const admin = await client.admin();
  try {
    return await admin.ensureTopics(platformTopics(prefix, partitions));
  } finally {
    await admin.disconnect();
  }
}
