#!/usr/bin/env node
/**
 * Replays a dead-letter topic after the cause is fixed: each record goes back to its original topic with its
 * original key, value and headers (plus `dlq-replayed-from`). Consumers' inboxes drop events they already applied.
 *
 *   npm run dlq:replay -- --topic order.events.dlq [--type OrderPlaced] [--event-id <uuid>] [--dry-run]
 *                         [--group oms-dlq-replay] [--brokers 127.0.0.1:9092]
 * Stops once it has reached the end of the topic as it was at start.
 */
import { DeadLetterHeaders } from '@oms/contracts';
import { createKafkajsClient } from '../messaging/kafka/kafkajs-client';
import { type ReplayOptions, replayDeadLetters } from '../messaging/dead-letter/replay';

function parseArgs(argv: string[]): ReplayOptions & { brokers: string[] } {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i]!;
    if (!name.startsWith('--')) throw new Error(`unexpected argument ${name}`);
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) args.set(name.slice(2), 'true');
    else args.set(name.slice(2), argv[++i]!);
  }
  const topic = args.get('topic');
  if (!topic || !topic.endsWith('.dlq')) throw new Error('--topic <name>.dlq is required');
  return {
    dlqTopic: topic,
    groupId: args.get('group') ?? 'oms-dlq-replay',
    type: args.get('type'),
    eventId: args.get('event-id'),
    dryRun: args.get('dry-run') === 'true',
    brokers: (args.get('brokers') ?? process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
  };
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const client = createKafkajsClient({ clientId: 'oms-dlq-replay', brokers: options.brokers });
  const result = await replayDeadLetters(client, options, (record) =>
    console.log(
      `${options.dryRun ? 'would replay' : 'replayed'} ${record.headers['event-type'] ?? '?'} ${record.headers['event-id'] ?? ''} ` +
        `-> ${record.headers[DeadLetterHeaders.originalTopic]} (reason: ${record.headers[DeadLetterHeaders.reason]})`,
    ),
  );
  console.log(`replayed ${result.replayed}, skipped ${result.skipped}${options.dryRun ? ' (dry run)' : ''}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
