import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  OrderPlacedV1,
  type OrderPlacedV1Payload,
  ShipmentDeliveredV1,
  type ShipmentDeliveredV1Payload,
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
        placedAt: payload.placedAt,
      });
    }
  }

  @OnEvents(ShipmentDeliveredV1)
  async scheduleFollowUps(events: ConsumedEvent<ShipmentDeliveredV1Payload>[]): Promise<void> {
    for (const { payload } of events) {
      const deliveredAt = new Date(payload.deliveredAt);
      for (const orderId of payload.orderIds) {
        await this.aftersales.recordDelivery(orderId, deliveredAt);
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
