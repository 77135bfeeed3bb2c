import { Injectable } from '@nestjs/common';
import {
  OrderCancelledV1,
  type OrderCancelledV1Payload,
  OrderPlacedV1,
  type OrderPlacedV1Payload,
  OrderRejectedV1,
  type OrderRejectedV1Payload,
} from '@oms/contracts';
import { type ConsumedEvent, OnEvents } from '@oms/platform';
import { StockRepository } from '../infrastructure/persistence/stock.repository';

/**
 * Records the demand of every placed order per SKU (what reservations will soon ask for), so that stock
 * answers show it and replenishment can be planned before confirmation. Runs in the batch's transaction.
 */
@Injectable()
export class OrderPlacedHandler {
  constructor(private readonly stock: StockRepository) {}

  @OnEvents(OrderPlacedV1)
  async recordDemand(events: ConsumedEvent<OrderPlacedV1Payload>[]): Promise<void> {
    await this.stock.recordDemand(
      events.flatMap((event) =>
        event.payload.items.map((item) => ({
          orderId: event.orderId!,
          sku: item.sku,
          quantity: item.quantity,
          placedAt: event.payload.placedAt,
        })),
      ),
    );
  }

  /** A placed order that ends before confirmation (rejected, cancelled) will never ask for its stock. */
  @OnEvents(OrderRejectedV1, OrderCancelledV1)
  async dropDemand(events: ConsumedEvent<OrderRejectedV1Payload | OrderCancelledV1Payload>[]): Promise<void> {
    await this.stock.dropUnconfirmedDemand(events.map((event) => event.orderId!));
  }
}
