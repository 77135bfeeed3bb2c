import { COMPENSATION_COMPLETED_DESCRIPTION, CompensationCompletedV1Payload } from '../common/compensation-completed';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

/** Inventory finished its step of a cancellation's compensation (or found it cannot be undone). */
export const InventoryCompensationCompletedV1 = defineEvent({
  type: 'InventoryCompensationCompleted',
  version: 1,
  topic: Topics.inventory,
  payloadClass: CompensationCompletedV1Payload,
  description: COMPENSATION_COMPLETED_DESCRIPTION,
});
