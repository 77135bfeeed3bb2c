import { Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
} from 'class-validator';
import { SERVICE_NAMES, type ServiceName } from './topics';

/**
 * The envelope every event travels in. Consumers may read the envelope without knowing the payload's type;
 * the payload is validated against the class registered for (`type`, `version`).
 */
export interface EventEnvelope<TPayload = unknown, TType extends string = string> {
  /** Unique id of this event (UUID); consumers deduplicate on it. */
  id: string;
  /** Event type in PascalCase, past tense: `OrderPlaced`. */
  type: TType;
  /** Schema version of the payload; raised on a breaking change. */
  version: number;
  /** When the fact happened, ISO 8601 UTC. */
  occurredAt: string;
  /** The service that published it. */
  source: ServiceName;
  /** The order the event belongs to; also the Kafka key. Null for events about no order (stock levels). */
  orderId: string | null;
  /** The id shared by every event caused, directly or not, by one request. */
  correlationId: string;
  /** The id of the event (or request) that caused this one. */
  causationId: string | null;
  payload: TPayload;
}

const PASCAL_CASE = /^[A-Z][A-Za-z0-9]*$/;

/** Validation class for the envelope (payload checked separately, by type). */
export class EventEnvelopeSchema implements EventEnvelope<Record<string, unknown>> {
  @IsUUID()
  id!: string;

  @IsString()
  @Matches(PASCAL_CASE, { message: 'type must be PascalCase' })
  @MaxLength(100)
  type!: string;

  @IsInt()
  @Min(1)
  version!: number;

  @IsISO8601({ strict: true })
  occurredAt!: string;

  @IsIn(SERVICE_NAMES)
  source!: ServiceName;

  @IsOptional()
  @IsUUID()
  orderId!: string | null;

  @IsString()
  @MaxLength(200)
  correlationId!: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  causationId!: string | null;

  @IsDefined()
  @IsObject()
  @Type(() => Object)
  payload!: Record<string, unknown>;
}

/** Kafka headers set on every event, so that tools can route without parsing the value. */
export const EventHeaders = {
  id: 'event-id',
  type: 'event-type',
  version: 'event-version',
  source: 'event-source',
  correlationId: 'correlation-id',
  traceparent: 'traceparent',
  tracestate: 'tracestate',
} as const;

/** Headers a dead-letter record carries in addition to the original ones. */
export const DeadLetterHeaders = {
  reason: 'dlq-reason',
  error: 'dlq-error',
  originalTopic: 'dlq-original-topic',
  originalPartition: 'dlq-original-partition',
  originalOffset: 'dlq-original-offset',
  consumerGroup: 'dlq-consumer-group',
  failedAt: 'dlq-failed-at',
  attempts: 'dlq-attempts',
  replayedFrom: 'dlq-replayed-from',
} as const;
