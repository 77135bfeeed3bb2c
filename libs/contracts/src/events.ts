import type { EventDefinition } from './event-definition';
import { OrderPlacedV1 } from './order/order-placed.v1';

/** Every event definition of the lifecycle; the registry and the schema generator read this list. */
export const ALL_EVENTS: readonly EventDefinition[] = [OrderPlacedV1];
