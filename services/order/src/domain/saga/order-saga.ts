import type { FulfillmentPurpose, ShipmentExceptionKind } from '@oms/contracts';
import type { Allocation, DispatchedShipment, Order, SkuQuantity } from '../order';

/**
 * The order saga's decisions, as a pure function of (order, event): the order changes in place and the answer
 * says what the saga asks of other services next. Handlers translate events in and commands out; no I/O here.
 */

/** What the other services tell the saga (their events, narrowed to what the decision needs). */
export type SagaEvent =
  | { type: 'StockReserved'; reservationId: string; allocations: Allocation[]; reshipId?: string }
  | { type: 'StockBackordered'; lines: SkuQuantity[]; expectedDate?: string; reshipId?: string }
  | { type: 'ReservationExpired'; reservationId: string; allocations: Allocation[] }
  | {
      type: 'StockReallocated';
      editId: string;
      released: string[];
      reservation?: { reservationId: string; allocations: Allocation[] };
      lines: Array<{ sku: string; reserved: number; backordered: number }>;
    }
  | { type: 'ShipmentDispatched'; shipment: DispatchedShipment }
  | { type: 'ShipmentDelivered'; shipmentId: string; deliveredAt: string }
  | { type: 'ShipmentException'; shipmentId: string; kind: ShipmentExceptionKind; at: string; detail?: string };

/** What the saga asks next. */
export type SagaCommand =
  /** One warehouse picks, packs and ships one reservation (FulfillmentRequested). */
  { type: 'RequestFulfillment'; allocation: Allocation; purpose: FulfillmentPurpose; reshipId?: string };

export function react(order: Order, event: SagaEvent, now: Date = new Date()): SagaCommand[] {
  switch (event.type) {
    case 'StockReserved': {
      // Reserved just before the order was cancelled: inventory releases it when it handles the cancel.
      if (order.status === 'CANCELLED') return [];
      const allocations = event.allocations.map((a) => ({ ...a, reservationId: event.reservationId }));
      if (event.reshipId) {
        const purpose = order.replacementPurpose(event.reshipId);
        return order
          .applyReshipReservation(event.reshipId, allocations)
          .map((allocation) => fulfil(allocation, purpose, event.reshipId));
      }
      return order.applyReservation(allocations, now).map((allocation) => fulfil(allocation, 'order'));
    }
    case 'StockBackordered':
      if (order.status === 'CANCELLED') return [];
      if (event.reshipId) order.applyReshipBackorder(event.reshipId);
      else order.applyBackorder(event.lines, now, event.expectedDate);
      return [];
    case 'ReservationExpired':
      order.applyExpiry(event.reservationId, event.allocations);
      return [];
    case 'StockReallocated': {
      const reservation = event.reservation
        ? event.reservation.allocations.map((a) => ({ ...a, reservationId: event.reservation!.reservationId }))
        : undefined;
      return order
        .stockReallocated(
          event.editId,
          { released: event.released, lines: event.lines, ...(reservation ? { reservation } : {}) },
          now,
        )
        .map((allocation) => fulfil(allocation, 'order'));
    }
    case 'ShipmentDispatched':
      order.recordDispatch(event.shipment, now);
      return [];
    case 'ShipmentDelivered':
      order.recordDelivery(event.shipmentId, event.deliveredAt, now);
      return [];
    case 'ShipmentException':
      // The shipment waits for a resolution (the order shows those on offer); customer and staff are alerted.
      order.recordDeliveryException(event.shipmentId, event);
      return [];
  }
}

function fulfil(allocation: Allocation, purpose: FulfillmentPurpose, reshipId?: string): SagaCommand {
  return { type: 'RequestFulfillment', allocation, purpose, ...(reshipId ? { reshipId } : {}) };
}
