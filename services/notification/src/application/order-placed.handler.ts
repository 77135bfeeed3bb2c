import { Injectable } from '@nestjs/common';
import { OrderPlacedV1, type OrderPlacedV1Payload } from '@oms/contracts';
import { type ConsumedEvent, OnEvents } from '@oms/platform';
import { planCustomerMessages } from '../domain/message-plan';
import { NotificationRepository } from '../infrastructure/persistence/notification.repository';

/**
 * A placed order: remember how to reach the customer, and log the "order received" messages their
 * preferences allow. Delivery over SMTP and SMS comes with the senders; until then messages stay PENDING.
 */
@Injectable()
export class OrderPlacedHandler {
  constructor(private readonly notifications: NotificationRepository) {}

  @OnEvents(OrderPlacedV1)
  async orderReceived(events: ConsumedEvent<OrderPlacedV1Payload>[]): Promise<void> {
    for (const event of events) {
      const { customerId, contact } = event.payload;
      await this.notifications.rememberContact(customerId, contact);
      const plan = planCustomerMessages(contact, await this.notifications.preferences(customerId));
      await this.notifications.logPending(plan, {
        orderId: event.orderId,
        customerId,
        template: 'order-received',
        causationEventId: event.id,
      });
    }
  }
}
