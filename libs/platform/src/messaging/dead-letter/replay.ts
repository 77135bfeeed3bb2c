import { DeadLetterHeaders, DLQ_SUFFIX } from '@oms/contracts';
import type { IncomingMessage, KafkaClient, MessageHeaders } from '../kafka/kafka-port';

export interface ReplayOptions {
  dlqTopic: string;
  groupId: string;
  /** Only records of this event type. */
  type?: string | undefined;
  eventId?: string | undefined;
  dryRun?: boolean;
}

/**
 * Reads a DLQ from the replay group's last position up to its end at start, sends matching records back to
 * their original topics, and commits. Records that do not match are passed over (and committed).
 */
export async function replayDeadLetters(
  client: KafkaClient,
  options: ReplayOptions,
  onRecord: (record: IncomingMessage) => void = () => undefined,
): Promise<{ replayed: number; skipped: number }> {
  const admin = await client.admin();
  let lag: Awaited<ReturnType<typeof admin.consumerLag>>;
  try {
    if (!(await admin.listTopics()).includes(options.dlqTopic)) {
      throw new Error(`topic ${options.dlqTopic} does not exist (create topics with: npm run topics)`);
    }
    lag = await admin.consumerLag(options.groupId, [options.dlqTopic]);
  } finally {
    await admin.disconnect();
  }
  let remaining = lag.reduce((sum, p) => sum + p.lag, 0);
  if (remaining === 0) return { replayed: 0, skipped: 0 };

  const producer = client.producer();
  await producer.connect();
  const consumer = client.consumer({ groupId: options.groupId, topics: [options.dlqTopic], fromBeginning: true });
  let replayed = 0;
  let skipped = 0;
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  void consumer.run(async (batch, control) => {
    for (const message of batch.messages) {
      const matches =
        (!options.type || message.headers['event-type'] === options.type) &&
        (!options.eventId || message.headers['event-id'] === options.eventId);
      if (matches) {
        onRecord(message);
        if (!options.dryRun) {
          await producer.send([
            {
              topic: message.headers[DeadLetterHeaders.originalTopic] ?? options.dlqTopic.slice(0, -DLQ_SUFFIX.length),
              key: message.key ?? '',
              value: message.value?.toString('utf8') ?? '',
              headers: withoutDeadLetterHeaders(
                message.headers,
                `${message.topic}:${message.partition}:${message.offset}`,
              ),
            },
          ]);
        }
        replayed += 1;
      } else {
        skipped += 1;
      }
      if (!options.dryRun) await control.commit(message);
      remaining -= 1;
    }
    if (remaining <= 0) finish();
  });
  await done;
  await consumer.stop();
  await producer.disconnect();
  return { replayed, skipped };
}

function withoutDeadLetterHeaders(headers: MessageHeaders, replayedFrom: string): MessageHeaders {
  const out: MessageHeaders = {};
  for (const [name, value] of Object.entries(headers)) if (!name.startsWith('dlq-')) out[name] = value;
  out[DeadLetterHeaders.replayedFrom] = replayedFrom;
  return out;
}
