import type { EventEnvelope } from '@oms/contracts';
import type { MessageHeaders } from './kafka/kafka-port';

/** An event as a handler receives it: the validated envelope plus where it came from. */
export type ConsumedEvent<TPayload = unknown, TType extends string = string> = EventEnvelope<TPayload, TType> & {
  readonly meta: {
    topic: string;
    partition: number;
    offset: string;
    headers: MessageHeaders;
    /** The record's timestamp and when this process received it (epoch ms), for the hop metrics. */
    timestamp?: string;
    receivedAt?: number;
  };
};

/** A failure that retrying cannot fix (the event contradicts the service's state): dead-letter it at once. */
export class PermanentEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentEventError';
  }
}
