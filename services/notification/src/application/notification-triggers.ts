import { Inject, Injectable } from '@nestjs/common';
import {
  CompensationFailedV1,
  type CompensationFailedV1Payload,
  type ContactV1,
  DeliveryExceptionResolvedV1,
  type DeliveryExceptionResolvedV1Payload,
  RefundIssuedV1,
  type RefundIssuedV1Payload,
  ReturnApprovedV1,
  type ReturnApprovedV1Payload,
  ReturnRejectedV1,
  type ReturnRejectedV1Payload,
  ShipmentExceptionV1,
  type ShipmentExceptionV1Payload,
  FollowUpRequestedV1,
  type FollowUpRequestedV1Payload,
  LowStockDetectedV1,
  type LowStockDetectedV1Payload,
  OrderAwaitingPaymentV1,
  type OrderAwaitingPaymentV1Payload,
  OrderCancelledV1,
  type OrderCancelledV1Payload,
  OrderConfirmedV1,
  type OrderConfirmedV1Payload,
  OrderPlacedV1,
  type OrderPlacedV1Payload,
  OrderRejectedV1,
  type OrderRejectedV1Payload,
  ShipmentDeliveredV1,
  type ShipmentDeliveredV1Payload,
  ShipmentDispatchedV1,
  type ShipmentDispatchedV1Payload,
  ReplenishmentRequestedV1,
  type ReplenishmentRequestedV1Payload,
  StockBackorderedV1,
  type StockBackorderedV1Payload,
} from '@oms/contracts';
import { type ConsumedEvent, OnEvents, PermanentEventError, SERVICE_CONFIG } from '@oms/platform';
import type { NotificationConfig } from '../config';
import { planCustomerMessages } from '../domain/message-plan';
import type { MessageContext, TemplateName } from '../domain/templates';
import { NotificationRepository } from '../infrastructure/persistence/notification.repository';

/**
 * Which event tells whom what. Each handler only writes the delivery log (PENDING rows, in the consumer's batch
 * transaction); the dispatcher renders and sends. The log's unique key (event, channel, template, recipient)
 * and the inbox keep a redelivered event from logging a message twice.
 */
@Injectable()
export class NotificationTriggers {
  constructor(
    private readonly notifications: NotificationRepository,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationConfig,
  ) {}

  @OnEvents(OrderPlacedV1)
  async orderPlaced(events: ConsumedEvent<OrderPlacedV1Payload>[]): Promise<void> {
    for (const event of events) {
      const { customerId, contact, shippingAddress, currency, totals, items, placedAt } = event.payload;
      await this.notifications.rememberContact(customerId, contact);
      await this.notifications.saveOrder({
        orderId: event.orderId!,
        customerId,
        customerName: shippingAddress.name,
        currency,
        total: totals.total,
        items: items.map(({ sku, quantity, lineTotal }) => ({ sku, quantity, lineTotal })),
        locale: contact.locale ?? null,
        placedAt,
      });
      await this.notifyCustomer(event, 'order-received', { customerId, contact });
    }
  }

  @OnEvents(OrderConfirmedV1)
  async orderConfirmed(events: ConsumedEvent<OrderConfirmedV1Payload>[]): Promise<void> {
    for (const event of events) {
      await this.notifyCustomer(event, 'order-confirmed', event.payload);
    }
  }

  @OnEvents(OrderAwaitingPaymentV1)
  async awaitingPayment(events: ConsumedEvent<OrderAwaitingPaymentV1Payload>[]): Promise<void> {
    for (const event of events) {
      const { amountDue, payBy, contact } = event.payload;
      await this.notifyCustomer(
        event,
        'payment-required',
        { contact },
        { amountDue: amountDue.amount, currency: amountDue.currency, ...(payBy ? { payBy } : {}) },
      );
    }
  }

  @OnEvents(OrderRejectedV1)
  async orderRejected(events: ConsumedEvent<OrderRejectedV1Payload>[]): Promise<void> {
    for (const event of events) {
      await this.notifyCustomer(event, 'order-rejected', event.payload, { reason: event.payload.reason });
    }
  }

  @OnEvents(OrderCancelledV1)
  async orderCancelled(events: ConsumedEvent<OrderCancelledV1Payload>[]): Promise<void> {
    for (const event of events) {
      const { scope, lines, reason } = event.payload;
      if (scope === 'lines' && lines) {
        await this.notifyCustomer(event, 'lines-cancelled', event.payload, { reason, waiting: lines });
      } else {
        await this.notifyCustomer(event, 'order-cancelled', event.payload, { reason });
      }
    }
  }

  @OnEvents(ShipmentDispatchedV1)
  async shipmentDispatched(events: ConsumedEvent<ShipmentDispatchedV1Payload>[]): Promise<void> {
    for (const event of events) {
      const { carrier, trackingNumber, trackingUrl, estimatedDelivery, contact, purpose } = event.payload;
      for (const orderId of event.payload.orderIds) {
        await this.notifyCustomer(
          { ...event, orderId },
          'shipment-dispatched',
          { contact },
          {
            carrier,
            trackingNumber,
            ...(purpose && purpose !== 'order' ? { replacement: true } : {}),
            ...(trackingUrl ? { trackingUrl } : {}),
            ...(estimatedDelivery ? { estimatedDelivery } : {}),
          },
        );
      }
    }
  }

  @OnEvents(ShipmentDeliveredV1)
  async shipmentDelivered(events: ConsumedEvent<ShipmentDeliveredV1Payload>[]): Promise<void> {
    for (const event of events) {
      const { trackingNumber, deliveredAt, carrier, contact } = event.payload;
      for (const orderId of event.payload.orderIds) {
        await this.notifyCustomer(
          { ...event, orderId },
          'shipment-delivered',
          { contact },
          { trackingNumber, deliveredAt, carrier },
        );
      }
    }
  }

  /** The customer hears of a parcel in trouble and what can be done; staff are alerted to choose. */
  @OnEvents(ShipmentExceptionV1)
  async shipmentException(events: ConsumedEvent<ShipmentExceptionV1Payload>[]): Promise<void> {
    for (const event of events) {
      const { carrier, trackingNumber, kind, detail, contact } = event.payload;
      const data = { carrier, trackingNumber, kind, ...(detail ? { detail } : {}) };
      for (const orderId of event.payload.orderIds) {
        await this.notifyCustomer({ ...event, orderId }, 'delivery-exception', { contact }, data);
        await this.alertStaff({ ...event, orderId }, 'delivery-exception-alert', { ...data, orderId });
      }
    }
  }

  @OnEvents(DeliveryExceptionResolvedV1)
  async deliveryResolved(events: ConsumedEvent<DeliveryExceptionResolvedV1Payload>[]): Promise<void> {
    for (const event of events) {
      const { resolution, trackingNumber, refund, contact } = event.payload;
      await this.notifyCustomer(
        event,
        'delivery-resolution',
        { contact },
        {
          resolution,
          trackingNumber,
          ...(refund ? { amount: refund.amount, currency: refund.currency } : {}),
        },
      );
    }
  }

  @OnEvents(RefundIssuedV1)
  async refundIssued(events: ConsumedEvent<RefundIssuedV1Payload>[]): Promise<void> {
    for (const event of events) {
      const { amount, reference, contact } = event.payload;
      await this.notifyCustomer(
        event,
        'refund-issued',
        { contact },
        { amount: amount.amount, currency: amount.currency, ...(reference ? { reference } : {}) },
      );
    }
  }

  @OnEvents(ReturnApprovedV1)
  async returnApproved(events: ConsumedEvent<ReturnApprovedV1Payload>[]): Promise<void> {
    for (const event of events) {
      const { reference, warehouseId, contact } = event.payload;
      await this.notifyCustomer(
        event,
        'return-approved',
        { ...(contact ? { contact } : {}) },
        { reference, warehouseId },
      );
    }
  }

  @OnEvents(ReturnRejectedV1)
  async returnRejected(events: ConsumedEvent<ReturnRejectedV1Payload>[]): Promise<void> {
    for (const event of events) {
      const { reason, contact } = event.payload;
      await this.notifyCustomer(event, 'return-rejected', { ...(contact ? { contact } : {}) }, { reason });
    }
  }

  @OnEvents(CompensationFailedV1)
  async compensationFailed(events: ConsumedEvent<CompensationFailedV1Payload>[]): Promise<void> {
    for (const event of events) {
      const { step, attempts, error } = event.payload;
      await this.alertStaff(event, 'compensation-failed', { orderId: event.orderId, step, attempts, error });
    }
  }

  @OnEvents(FollowUpRequestedV1)
  async followUpRequested(events: ConsumedEvent<FollowUpRequestedV1Payload>[]): Promise<void> {
    for (const event of events) {
      await this.notifyCustomer(event, 'feedback-request', event.payload);
    }
  }

  @OnEvents(StockBackorderedV1)
  async stockBackordered(events: ConsumedEvent<StockBackorderedV1Payload>[]): Promise<void> {
    for (const event of events) {
      const { lines, expectedDate } = event.payload;
      await this.notifyCustomer(
        event,
        'order-delayed',
        {},
        { waiting: lines, ...(expectedDate ? { expectedDate } : {}) },
      );
    }
  }

  @OnEvents(ReplenishmentRequestedV1)
  async replenishmentRequested(events: ConsumedEvent<ReplenishmentRequestedV1Payload>[]): Promise<void> {
    for (const event of events) await this.alertStaff(event, 'replenishment-request', { ...event.payload });
  }

  @OnEvents(LowStockDetectedV1)
  async lowStock(events: ConsumedEvent<LowStockDetectedV1Payload>[]): Promise<void> {
    for (const event of events) await this.alertStaff(event, 'low-stock-alert', { ...event.payload });
  }

  /** Staff alerts go by e-mail to the configured address, in the staff locale. */
  private async alertStaff(event: ConsumedEvent<unknown>, template: TemplateName, data: MessageContext): Promise<void> {
    await this.notifications.logPending(
      [{ channel: 'email', recipient: this.config.STAFF_EMAIL, locale: this.config.STAFF_LOCALE }],
      {
        orderId: null,
        customerId: null,
        audience: 'staff',
        template,
        causationEventId: event.id,
        causationEventType: event.type,
        data: { ...data },
      },
    );
  }

  /**
   * Logs the customer's messages for an order event: the contact and name we keep from OrderPlaced, else
   * what the event carries; the channels and locale the customer chose. No way to reach them is an error
   * worth a dead letter (ops can fix the data and replay), not a silent skip.
   */
  private async notifyCustomer(
    event: ConsumedEvent<unknown>,
    template: TemplateName,
    carried: { customerId?: string; contact?: ContactV1 },
    data: MessageContext = {},
  ): Promise<void> {
    const order = event.orderId ? await this.notifications.order(event.orderId) : null;
    const customerId = order?.customerId ?? carried.customerId ?? null;
    const contact = (customerId ? await this.notifications.contactOf(customerId) : null) ?? carried.contact;
    if (!contact) {
      throw new PermanentEventError(`no contact for order ${event.orderId}: ${event.type} cannot be told to anyone`);
    }
    const preferences = customerId ? await this.notifications.preferences(customerId) : null;
    const plan = planCustomerMessages({ ...contact, locale: contact.locale ?? order?.locale ?? null }, preferences);
    await this.notifications.logPending(plan, {
      orderId: event.orderId,
      customerId,
      audience: 'customer',
      template,
      causationEventId: event.id,
      causationEventType: event.type,
      data: { ...data },
    });
  }
}
