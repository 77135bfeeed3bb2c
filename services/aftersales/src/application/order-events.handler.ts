import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  OrderEditedV1,
  type OrderEditedV1Payload,
  OrderPlacedV1,
  type OrderPlacedV1Payload,
  PaymentConfirmedV1,
  type PaymentConfirmedV1Payload,
  ShipmentDeliveredV1,
  type ShipmentDeliveredV1Payload,
  ShipmentDispatchedV1,
  type ShipmentDispatchedV1Payload,
} from '@oms/contracts';
import { type ConsumedEvent, OnEvents, SERVICE_CONFIG } from '@oms/platform';
import type { AftersalesConfig } from '../config';
import { followUpDueAt } from '../domain/follow-up';
import { AftersalesRepository } from '../infrastructure/persistence/aftersales.repository';

/**
 * Keeps what after-sales needs of each order, and schedules the feedback follow-up when it is delivered (one
 * per order and shipment: a redelivered or repeated ShipmentDelivered schedules nothing more).
 */
@Injectable()
export class OrderEventsHandler {
  constructor(
    private readonly aftersales: AftersalesRepository,
    @Inject(SERVICE_CONFIG) private readonly config: AftersalesConfig,
  ) {}

  @OnEvents(OrderPlacedV1)
  async rememberOrders(events: ConsumedEvent<OrderPlacedV1Payload>[]): Promise<void> {
    for (const { orderId, payload } of events) {
      await this.aftersales.rememberOrder({
        orderId: orderId!,
        customerId: payload.customerId,
        contact: payload.contact,
        currency: payload.currency,
        lines: payload.items,
        totals: payload.totals,
        paymentMethod: payload.paymentMethod,
        placedAt: payload.placedAt,
      });
    }
  }

  @OnEvents(OrderEditedV1)
  async rememberEdits(events: ConsumedEvent<OrderEditedV1Payload>[]): Promise<void> {
    for (const { orderId, payload } of events) {
      await this.aftersales.orderEdited(orderId!, {
        ...(payload.items ? { lines: payload.items } : {}),
        ...(payload.totals ? { totals: payload.totals } : {}),
        ...(payload.contact ? { contact: payload.contact } : {}),
      });
    }
  }

  /** The payment a refund goes back to. */
  @OnEvents(PaymentConfirmedV1)
  async rememberPayments(events: ConsumedEvent<PaymentConfirmedV1Payload>[]): Promise<void> {
    for (const { orderId, payload } of events) await this.aftersales.orderPaid(orderId!, payload.reference);
  }

  /** What each shipment carries for each order and from which warehouse (where its return goes back). */
  @OnEvents(ShipmentDispatchedV1)
  async rememberShipments(events: ConsumedEvent<ShipmentDispatchedV1Payload>[]): Promise<void> {
    for (const { payload } of events) {
      for (const orderId of payload.orderIds) {
        await this.aftersales.shipmentDispatched({
          orderId,
          shipmentId: payload.shipmentId,
          warehouseId: payload.warehouseId,
          purpose: payload.purpose ?? 'order',
          lines: payload.lines.filter((l) => l.orderId === orderId).map(({ sku, quantity }) => ({ sku, quantity })),
        });
      }
    }
  }

  @OnEvents(ShipmentDeliveredV1)
  async scheduleFollowUps(events: ConsumedEvent<ShipmentDeliveredV1Payload>[]): Promise<void> {
    for (const { payload } of events) {
      const deliveredAt = new Date(payload.deliveredAt);
      for (const orderId of payload.orderIds) {
        await this.aftersales.recordDelivery(orderId, deliveredAt);
        await this.aftersales.shipmentDelivered(orderId, payload.shipmentId, deliveredAt, this.config.returnWindowMs);
        await this.aftersales.scheduleFollowUp({
          id: randomUUID(),
          orderId,
          shipmentId: payload.shipmentId,
          dueAt: followUpDueAt(deliveredAt, this.config.FOLLOW_UP_DELAY_HOURS),
        });
      }
    }
  }
}
