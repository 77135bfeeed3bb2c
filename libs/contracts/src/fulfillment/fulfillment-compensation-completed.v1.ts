import { COMPENSATION_COMPLETED_DESCRIPTION, CompensationCompletedV1Payload } from '../common/compensation-completed';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

/** Fulfillment finished its step of a cancellation's compensation (or found it cannot be undone). */
export const FulfillmentCompensationCompletedV1 = defineEvent({
  type: 'FulfillmentCompensationCompleted',
  version: 1,
  topic: Topics.fulfillment,
  payloadClass: CompensationCompletedV1Payload,
  description: COMPENSATION_COMPLETED_DESCRIPTION,
});
