import { DeadLetterHeaders, deadLetterTopicOf } from '@oms/contracts';
import type { IncomingMessage, MessageProducer } from '../kafka/kafka-port';

export type DeadLetterReason =
  | 'malformed'
  | 'oversized'
  | 'unknown-type'
  | 'unknown-version'
  | 'invalid-envelope'
  | 'invalid-payload'
  | 'handler-failed'
  | 'permanent-error';

/** Sends a message that cannot be applied to `<topic>.dlq`, byte for byte, with the reason in headers. */
export class DeadLetterPublisher {
  constructor(
    private readonly producer: MessageProducer,
    private readonly consumerGroup: string,
  ) {}

  async send(
    entries: Array<{ message: IncomingMessage; reason: DeadLetterReason; error: string; attempts: number }>,
  ): Promise<void> {
    await this.producer.send(
      entries.map(({ message, reason, error, attempts }) => ({
        topic: deadLetterTopicOf(message.topic),
        key: message.key ?? `${message.topic}:${message.partition}`,
        value: message.value?.toString('utf8') ?? '',
        headers: {
          ...message.headers,
          [DeadLetterHeaders.reason]: reason,
          [DeadLetterHeaders.error]: error.slice(0, 4000),
          [DeadLetterHeaders.originalTopic]: message.topic,
          [DeadLetterHeaders.originalPartition]: String(message.partition),
          [DeadLetterHeaders.originalOffset]: message.offset,
          [DeadLetterHeaders.consumerGroup]: this.consumerGroup,
          [DeadLetterHeaders.failedAt]: new Date().toISOString(),
          [DeadLetterHeaders.attempts]: String(attempts),
        },
      })),
    );
  }
}
