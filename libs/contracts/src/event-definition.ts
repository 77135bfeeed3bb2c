import type { ClassConstructor } from 'class-transformer';
import type { EventEnvelope } from './envelope';
import type { Topic } from './topics';

/**
 * One event, defined once: its type, version, topic and the class-validator class of its payload.
 * The TypeScript type of the payload is the class's instance type.
 */
export interface EventDefinition<TType extends string = string, TPayload extends object = object> {
  readonly type: TType;
  readonly version: number;
  readonly topic: Topic;
  readonly payloadClass: ClassConstructor<TPayload>;
  /** One sentence: the fact this event states. Shown in the generated schemas and AsyncAPI document. */
  readonly description: string;
  /**
   * What the envelope's `orderId` (the Kafka key) holds. `'order'` (the default): the order the event
   * concerns, never null. `'none'`: events about no order (stock levels): always null, the producer keys the
   * record by SKU. `'optional'`: events that may or may not concern an order (notifications).
   */
  readonly orderKey?: OrderKey;
}

export type OrderKey = 'order' | 'none' | 'optional';

/** The envelope `orderId` rule of a definition, defaults applied. */
export function orderKeyOf(definition: Pick<EventDefinition, 'orderKey'>): OrderKey {
  return definition.orderKey ?? 'order';
}

export function defineEvent<TType extends string, TPayload extends object>(
  definition: EventDefinition<TType, TPayload>,
): EventDefinition<TType, TPayload> {
  return Object.freeze({ ...definition });
}

export type PayloadOf<D> = D extends EventDefinition<string, infer P> ? P : never;
export type EnvelopeOf<D> = D extends EventDefinition<infer T, infer P> ? EventEnvelope<P, T> : never;

export function eventKey(type: string, version: number): string {
  return `${type}.v${version}`;
}
