import { Injectable } from '@nestjs/common';
import {
  StockBackorderedV1,
  type StockBackorderedV1Payload,
  StockReservedV1,
  type StockReservedV1Payload,
} from '@oms/contracts';
import { type ConsumedEvent, OnEvents } from '@oms/platform';
import { OrderChanges } from '../order-changes';
import { FulfillmentRequests } from './fulfillment-requests';
import { permanentOnRuleError } from './permanent-on-rule-error';

/**
 * The saga's step after confirmation: each warehouse allocation inventory reserved becomes a
 * FulfillmentRequested and the order is PROCESSING; what inventory could not give is recorded as backordered.
 */
@Injectable()
export class StockEventsHandler {
  constructor(
    private readonly changes: OrderChanges,
    private readonly fulfillment: FulfillmentRequests,
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
          await this.fulfillment.request(order, toFulfil, event);
        }),
      );
    }
  }

  @OnEvents(StockBackorderedV1)
  async onBackordered(backordered: ConsumedEvent<StockBackorderedV1Payload>[]): Promise<void> {
    for (const event of backordered) {
      await permanentOnRuleError(() =>
        this.changes.apply(event.orderId!, event, async (order) => {
          if (order.status !== 'CANCELLED') {
            order.applyBackorder(event.payload.lines, new Date(), event.payload.expectedDate);
          }
        }),
      );
    }
  }
}
