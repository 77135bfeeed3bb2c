import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  FulfillmentRequestedV1,
  StockBackorderedV1,
  type StockBackorderedV1Payload,
  StockReservedV1,
  type StockReservedV1Payload,
} from '@oms/contracts';
import { type ConsumedEvent, EventPublisher, OnEvents } from '@oms/platform';
import { OrderChanges } from '../order-changes';
import { permanentOnRuleError } from './permanent-on-rule-error';

/**
 * The saga's step after confirmation: each warehouse allocation inventory reserved becomes a
 * FulfillmentRequested and the order is PROCESSING; what inventory could not give is recorded as backordered.
 */
@Injectable()
export class StockEventsHandler {
  constructor(
    private readonly changes: OrderChanges,
    private readonly events: EventPublisher,
  ) {}

  @OnEvents(StockReservedV1)
  async onReserved(reserved: ConsumedEvent<StockReservedV1Payload>[]): Promise<void> {
    for (const event of reserved) {
      await permanentOnRuleError(() =>
        this.changes.apply(event.orderId!, event, async (order) => {
          // Reserved just before the order was cancelled: inventory releases it when it handles the cancel.
          if (order.status === 'CANCELLED') return;
          const toFulfil = order.applyReservation(
            event.payload.allocations.map((a) => ({ ...a, reservationId: event.payload.reservationId })),
          );
          for (const allocation of toFulfil) {
            await this.events.publish(FulfillmentRequestedV1, {
              orderId: order.id,
              causedBy: event,
              payload: {
                fulfillmentRequestId: randomUUID(),
                reservationId: allocation.reservationId ?? event.payload.reservationId,
                warehouseId: allocation.warehouseId,
                orderIds: [order.id],
                lines: allocation.lines.map((l) => ({ orderId: order.id, sku: l.sku, quantity: l.quantity })),
                customerId: order.customerId,
                shippingAddress: order.shippingAddress,
                contact: order.contact,
                purpose: 'order',
                priority: 'standard',
              },
            });
          }
        }),
      );
    }
  }

  @OnEvents(StockBackorderedV1)
  async onBackordered(backordered: ConsumedEvent<StockBackorderedV1Payload>[]): Promise<void> {
    for (const event of backordered) {
      await permanentOnRuleError(() =>
        this.changes.apply(event.orderId!, event, async (order) => {
          if (order.status !== 'CANCELLED') order.applyBackorder(event.payload.lines);
        }),
      );
    }
  }
}
