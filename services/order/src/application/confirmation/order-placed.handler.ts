import { Injectable } from '@nestjs/common';
import { OrderPlacedV1, type OrderPlacedV1Payload } from '@oms/contracts';
import { type ConsumedEvent, OnEvents } from '@oms/platform';
import { OrderConfirmationService } from './order-confirmation.service';

/**
 * The order service reads its own OrderPlaced to confirm the order: placement answers at once, and
 * confirmation is durable (the inbox and the offset carry it across a crash right after placement).
 */
@Injectable()
export class ConfirmPlacedOrdersHandler {
  constructor(private readonly confirmation: OrderConfirmationService) {}

  @OnEvents(OrderPlacedV1)
  async confirm(events: ConsumedEvent<OrderPlacedV1Payload>[]): Promise<void> {
    for (const event of events) await this.confirmation.confirmPlaced(event.orderId!, event);
  }
}
