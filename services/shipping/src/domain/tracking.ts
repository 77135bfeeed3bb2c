import type { ShipmentExceptionKind } from '@oms/contracts';
import type { ShipmentStatus } from './shipment';

export const CARRIER_STATUSES = ['in_transit', 'out_for_delivery', 'delivered', 'exception'] as const;
export type CarrierStatus = (typeof CARRIER_STATUSES)[number];

const PROGRESS: Partial<Record<ShipmentStatus, number>> = {
  DISPATCHED: 1,
  IN_TRANSIT: 2,
  OUT_FOR_DELIVERY: 3,
  DELIVERED: 4,
};

/**
 * The shipment's state after a carrier event, or null when the event changes nothing: carriers report late
 * and out of order, so a shipment never moves back (an `in_transit` after `delivered` is kept as history only).
 */
export function nextShipmentStatus(current: ShipmentStatus, event: CarrierStatus): ShipmentStatus | null {
  if (current === 'CREATED' || current === 'VOIDED' || current === 'DELIVERED') return null;
  if (event === 'exception') return current === 'EXCEPTION' ? null : 'EXCEPTION';
  const target: ShipmentStatus =
    event === 'in_transit' ? 'IN_TRANSIT' : event === 'out_for_delivery' ? 'OUT_FOR_DELIVERY' : 'DELIVERED';
  if (current === 'EXCEPTION') return target;
  return (PROGRESS[target] ?? 0) > (PROGRESS[current] ?? 0) ? target : null;
}

/** What kind of exception a carrier's free text describes. */
export function exceptionKindOf(detail: string | undefined): ShipmentExceptionKind {
  const text = (detail ?? '').toLowerCase();
  if (/lost|missing/.test(text)) return 'lost';
  if (/damag|broken/.test(text)) return 'damaged';
  if (/return(ed)? to sender|rts/.test(text)) return 'returned-to-sender';
  if (/attempt|not home|no one|absent/.test(text)) return 'failed-attempt';
  return 'other';
}
