import { SetMetadata } from '@nestjs/common';
import type { EventDefinition } from '@oms/contracts';

export const ON_EVENTS = Symbol('oms:on-events');

/**
 * Makes a provider method the handler of one or more events. The method receives each run of consecutive
 * events of its type from a consumed batch, `(events: ConsumedEvent<Payload>[]) => Promise<void>`, inside the
 * batch's transaction (UnitOfWork): its writes and the events it publishes commit with the inbox record.
 */
export const OnEvents = (...definitions: EventDefinition[]): MethodDecorator => SetMetadata(ON_EVENTS, definitions);
