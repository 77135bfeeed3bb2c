import { Injectable } from '@nestjs/common';
import { OrderPlacedV1, type OrderPlacedV1Payload } from '@oms/contracts';
import { type ConsumedEvent, OnEvents } from '@oms/platform';
import { OrderQueriesRepository } from '../../infrastructure/persistence/order-queries.repository';
import { OrderConfirmationService } from './order-confirmation.service';

/**
 * Orders are reviewed in the transaction that places them. This reviews an order still PLACED when its
 * OrderPlaced comes back (one placed by a version that reviewed here, in a rolling upgrade); for every other
 * order it is one read for the whole batch, no lock and no write.
 */
@Injectable()
export class ConfirmPlacedOrdersHandler {
  constructor(
    private readonly confirmation: OrderConfirmationService,
    private readonly queries: OrderQueriesRepository,
  ) {}

  @OnEvents(OrderPlacedV1)
  async confirm(events: ConsumedEvent<OrderPlacedV1Payload>[]): Promise<void> {
    const placed = await this.queries.stillPlaced(events.map((e) => e.orderId!));
    for (const event of events) {
      if (placed.has(event.orderId!)) await this.confirmation.confirmPlaced(event.orderId!, event);
    }
  }
}
