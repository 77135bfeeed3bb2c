import { COMPENSATION_COMPLETED_DESCRIPTION, CompensationCompletedV1Payload } from '../common/compensation-completed';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

/** Shipping finished its step of a cancellation's compensation (or found it cannot be undone). */
export const ShippingCompensationCompletedV1 = defineEvent({
  type: 'ShippingCompensationCompleted',
  version: 1,
  topic: Topics.shipping,
  payloadClass: CompensationCompletedV1Payload,
  description: COMPENSATION_COMPLETED_DESCRIPTION,
});
