import { Inject, Injectable } from '@nestjs/common';
import {
  type ContactV1,
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
  OrderHeldForReviewV1,
  type OrderHeldForReviewV1Payload,
  OrderPlacedV1,
  type OrderPlacedV1Payload,
  OrderRejectedV1,
  type OrderRejectedV1Payload,
  RefundIssuedV1,
  type RefundIssuedV1Payload,
  ReplenishmentRequestedV1,
  type ReplenishmentRequestedV1Payload,
  ShipmentDeliveredV1,
  type ShipmentDeliveredV1Payload,
  ShipmentDispatchedV1,
  type ShipmentDispatchedV1Payload,
  ShipmentExceptionV1,
  type ShipmentExceptionV1Payload,
  ShipmentOutForDeliveryV1,
  type ShipmentOutForDeliveryV1Payload,
  StockBackorderedV1,
  type StockBackorderedV1Payload,
} from '@oms/contracts';
import { type ConsumedEvent, OnEvents, PermanentEventError, SERVICE_CONFIG } from '@oms/platform';
import type { NotificationConfig } from '../config';
import { type PlannedMessage, planCustomerMessages } from '../domain/message-plan';
import type { MessageContext, TemplateName } from '../domain/templates';
import { NotificationRepository, type OrderProjection } from '../infrastructure/persistence/notification.repository';

/** The fields OrderPlaced and OrderConfirmed share, from which the order projection is kept. */
type OrderSnapshot = Pick<
  OrderPlacedV1Payload,
  'customerId' | 'contact' | 'shippingAddress' | 'currency' | 'totals' | 'items' | 'placedAt'
>;

function projectionOf(orderId: string, order: OrderSnapshot): OrderProjection {
  return {
    orderId,
    customerId: order.customerId,
    customerName: order.shippingAddress.name,
    shippingCity: order.shippingAddress.city,
    currency: order.currency,
    items: order.items.map(({ sku, quantity, unitPrice, lineTotal }) => ({ sku, quantity, unitPrice, lineTotal })),
    subtotal: order.totals.subtotal,
    shippingFee: order.totals.shipping,
    discount: order.totals.discount,
    total: order.totals.total,
    locale: order.contact.locale ?? null,
    placedAt: order.placedAt,
  };
}

/** A parcel event: the orders it carries and what of each. */
interface ParcelEvent {
  orderIds: string[];
  lines?: Array<{ orderId: string; sku: string; quantity: number }>;
  contact?: ContactV1;
}

/**
 * Which event tells whom what. Each handler only writes the delivery log (PENDING rows, in the consumer's batch
 * transaction); the dispatcher renders and sends. The log's unique key (event, channel, recipient) and the inbox
 * keep a redelivered event from logging a message twice.
 *
 * A channel the customer turned off, or has no address for, gets no row: the log lists what is owed to
 * someone, and the preferences (GET /v1/preferences) already say why a channel is not used.
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
      const { customerId, contact } = event.payload;
      await this.notifications.rememberContact(customerId, contact);
      await this.notifications.saveOrder(projectionOf(event.orderId!, event.payload), { replace: false });
      await this.notifyCustomer(event, 'order-received', { customerId, contact });
    }
  }

  @OnEvents(OrderConfirmedV1)
  async orderConfirmed(events: ConsumedEvent<OrderConfirmedV1Payload>[]): Promise<void> {
    for (const event of events) {
      // The order may have been edited since it was placed: the confirmation shows it as confirmed.
      await this.notifications.saveOrder(projectionOf(event.orderId!, event.payload), { replace: true });
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
      const { carrier, trackingNumber, trackingUrl, estimatedDelivery } = event.payload;
      await this.notifyOfParcel(event, event.payload, 'shipment-dispatched', {
        carrier,
        trackingNumber,
        ...(trackingUrl ? { trackingUrl } : {}),
        ...(estimatedDelivery ? { estimatedDelivery } : {}),
      });
    }
  }

  @OnEvents(ShipmentOutForDeliveryV1)
  async shipmentOutForDelivery(events: ConsumedEvent<ShipmentOutForDeliveryV1Payload>[]): Promise<void> {
    for (const event of events) {
      const { carrier, trackingNumber, at, detail } = event.payload;
      await this.notifyOfParcel(event, event.payload, 'shipment-out-for-delivery', {
        carrier,
        trackingNumber,
        at,
        ...(detail ? { detail } : {}),
      });
    }
  }

  @OnEvents(ShipmentDeliveredV1)
  async shipmentDelivered(events: ConsumedEvent<ShipmentDeliveredV1Payload>[]): Promise<void> {
    for (const event of events) {
      const { trackingNumber, deliveredAt, carrier, receivedBy } = event.payload;
      await this.notifyOfParcel(event, event.payload, 'shipment-delivered', {
        trackingNumber,
        deliveredAt,
        carrier,
        ...(receivedBy ? { receivedBy } : {}),
      });
    }
  }

  /** The customer hears what it means for them; staff get the carrier's report to act on. */
  @OnEvents(ShipmentExceptionV1)
  async shipmentException(events: ConsumedEvent<ShipmentExceptionV1Payload>[]): Promise<void> {
    for (const event of events) {
      const { carrier, trackingNumber, kind, at, detail, orderIds } = event.payload;
      const data = { carrier, trackingNumber, exceptionKind: kind, at, ...(detail ? { detail } : {}) };
      await this.notifyOfParcel(event, event.payload, 'shipment-exception', data);
      await this.alertStaff(event, 'shipment-exception-alert', { ...data, orderIds }, orderIds);
    }
  }

  /** One template per follow-up kind, sent no earlier than the time aftersales asked for. */
  @OnEvents(FollowUpRequestedV1)
  async followUpRequested(events: ConsumedEvent<FollowUpRequestedV1Payload>[]): Promise<void> {
    for (const event of events) {
      const { kind, sendAt } = event.payload;
      await this.notifyCustomer(event, kind, event.payload, {}, sendAt ? new Date(sendAt) : undefined);
    }
  }

  @OnEvents(RefundIssuedV1)
  async refundIssued(events: ConsumedEvent<RefundIssuedV1Payload>[]): Promise<void> {
    for (const event of events) {
      const { amount, reason, reference, lines, contact } = event.payload;
      await this.notifyCustomer(
        event,
        'refund-issued',
        { ...(contact ? { contact } : {}) },
        {
          refundAmount: amount.amount,
          currency: amount.currency,
          refundReason: reason,
          ...(reference ? { refundReference: reference } : {}),
          ...(lines ? { refundedLines: lines } : {}),
        },
      );
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

  @OnEvents(OrderHeldForReviewV1)
  async heldForReview(events: ConsumedEvent<OrderHeldForReviewV1Payload>[]): Promise<void> {
    for (const event of events) {
      const { reasons, total, detail } = event.payload;
      await this.alertStaff(
        event,
        'order-review-needed',
        {
          orderId: event.orderId,
          reviewReasons: reasons,
          total: total.amount,
          currency: total.currency,
          ...(detail ? { detail } : {}),
        },
        event.orderId ? [event.orderId] : [],
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

  /** Staff alerts go by e-mail to the configured address, in the staff locale; stock alerts are about no order. */
  private async alertStaff(
    event: ConsumedEvent<unknown>,
    template: TemplateName,
    data: MessageContext,
    orderIds: string[] = [],
  ): Promise<void> {
    await this.notifications.logPending(
      [{ channel: 'email', recipient: this.config.STAFF_EMAIL, locale: this.config.STAFF_LOCALE }],
      {
        orderIds,
        customerId: null,
        audience: 'staff',
        template,
        causationEventId: event.id,
        causationEventType: event.type,
        data: { ...data },
      },
    );
  }

  /** Logs the customer's messages about the event's order. */
  private async notifyCustomer(
    event: ConsumedEvent<unknown>,
    template: TemplateName,
    carried: { customerId?: string; contact?: ContactV1 },
    data: MessageContext = {},
    notBefore?: Date,
  ): Promise<void> {
    const { customerId, plan } = await this.recipientsOf(event.orderId, carried, event.type);
    await this.notifications.logPending(plan, {
      orderIds: event.orderId ? [event.orderId] : [],
      customerId,
      audience: 'customer',
      template,
      causationEventId: event.id,
      causationEventType: event.type,
      data: { ...data },
      ...(notBefore ? { notBefore } : {}),
    });
  }

  /**
   * Logs the messages about a parcel. A parcel may carry several orders (merged shipments): each recipient gets
   * one message naming all of their orders in it, with the lines of those orders.
   */
  private async notifyOfParcel(
    event: ConsumedEvent<unknown>,
    parcel: ParcelEvent,
    template: TemplateName,
    data: MessageContext,
  ): Promise<void> {
    const byRecipient = new Map<string, { message: PlannedMessage; customerId: string | null; orderIds: string[] }>();
    for (const orderId of parcel.orderIds) {
      const carried = parcel.contact ? { contact: parcel.contact } : {};
      const { customerId, plan } = await this.recipientsOf(orderId, carried, event.type);
      for (const message of plan) {
        const key = `${message.channel} ${message.recipient}`;
        const entry = byRecipient.get(key) ?? { message, customerId, orderIds: [] };
        entry.orderIds.push(orderId);
        byRecipient.set(key, entry);
      }
    }
    for (const { message, customerId, orderIds } of byRecipient.values()) {
      const lines = parcel.lines?.filter((line) => orderIds.includes(line.orderId));
      await this.notifications.logPending([message], {
        orderIds,
        customerId,
        audience: 'customer',
        template,
        causationEventId: event.id,
        causationEventType: event.type,
        data: { ...data, ...(orderIds.length > 1 ? { orderIds } : {}), ...(lines?.length ? { lines } : {}) },
      });
    }
  }

  /**
   * Who hears about an order, and how: the contact we keep from the customer's orders, else what the event
   * carries; the channels and locale the customer chose. No way to reach anyone is an error worth a dead letter
   * (ops can fix the data and replay), not a silent skip.
   */
  private async recipientsOf(
    orderId: string | null,
    carried: { customerId?: string; contact?: ContactV1 },
    eventType: string,
  ): Promise<{ customerId: string | null; plan: PlannedMessage[] }> {
    const order = orderId ? await this.notifications.order(orderId) : null;
    const customerId = order?.customerId ?? carried.customerId ?? null;
    const contact = (customerId ? await this.notifications.contactOf(customerId) : null) ?? carried.contact;
    if (!contact) {
      throw new PermanentEventError(`no contact for order ${orderId}: ${eventType} cannot be told to anyone`);
    }
    const preferences = customerId ? await this.notifications.preferences(customerId) : null;
    return {
      customerId,
      plan: planCustomerMessages({ ...contact, locale: contact.locale ?? order?.locale ?? null }, preferences),
    };
  }
}
