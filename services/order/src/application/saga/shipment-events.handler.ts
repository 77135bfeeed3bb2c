import { Injectable } from '@nestjs/common';
import {
  ShipmentDeliveredV1,
  type ShipmentDeliveredV1Payload,
  ShipmentDispatchedV1,
  type ShipmentDispatchedV1Payload,
  ShipmentExceptionV1,
  type ShipmentExceptionV1Payload,
} from '@oms/contracts';
import { type ConsumedEvent, OnEvents } from '@oms/platform';
import { OrderSagaRunner } from './order-saga.runner';

/**
 * The saga's last steps: the order ships with its shipments, is delivered when all of them have arrived, and
 * a shipment in trouble waits for a resolution. A merged shipment carries several orders: each takes its own.
 */
@Injectable()
export class ShipmentEventsHandler {
  constructor(private readonly saga: OrderSagaRunner) {}

  @OnEvents(ShipmentDispatchedV1)
  async onDispatched(events: ConsumedEvent<ShipmentDispatchedV1Payload>[]): Promise<void> {
    for (const event of events) {
      const { shipmentId, carrier, trackingNumber, dispatchedAt, purpose, reshipId } = event.payload;
      for (const orderId of event.payload.orderIds) {
        await this.saga.step(orderId, event, {
          type: 'ShipmentDispatched',
          shipment: {
            shipmentId,
            carrier,
            trackingNumber,
            dispatchedAt,
            purpose: purpose ?? 'order',
            ...(reshipId ? { reshipId } : {}),
            lines: event.payload.lines
              .filter((l) => l.orderId === orderId)
              .map(({ sku, quantity }) => ({ sku, quantity })),
          },
        });
      }
    }
  }

  @OnEvents(ShipmentDeliveredV1)
  async onDelivered(events: ConsumedEvent<ShipmentDeliveredV1Payload>[]): Promise<void> {
    for (const event of events) {
      for (const orderId of event.payload.orderIds) {
        await this.saga.step(orderId, event, {
          type: 'ShipmentDelivered',
          shipmentId: event.payload.shipmentId,
          deliveredAt: event.payload.deliveredAt,
        });
      }
    }
  }

  @OnEvents(ShipmentExceptionV1)
  async onException(events: ConsumedEvent<ShipmentExceptionV1Payload>[]): Promise<void> {
    for (const event of events) {
      const { shipmentId, kind, at, detail } = event.payload;
      for (const orderId of event.payload.orderIds) {
        await this.saga.step(orderId, event, {
          type: 'ShipmentException',
          shipmentId,
          kind,
          at,
          ...(detail ? { detail } : {}),
        });
      }
    }
  }
}
