import { Injectable } from '@nestjs/common';
import {
  ShipmentDeliveredV1,
  type ShipmentDeliveredV1Payload,
  ShipmentDispatchedV1,
  type ShipmentDispatchedV1Payload,
} from '@oms/contracts';
import { type ConsumedEvent, OnEvents } from '@oms/platform';
import { OrderQueriesRepository } from '../../infrastructure/persistence/order-queries.repository';
import { OrderChanges } from '../order-changes';
import { permanentOnRuleError } from './permanent-on-rule-error';

/** The saga's last steps: the order ships with its shipments and is delivered when all of them have arrived. */
@Injectable()
export class ShipmentEventsHandler {
  constructor(
    private readonly changes: OrderChanges,
    private readonly queries: OrderQueriesRepository,
  ) {}

  @OnEvents(ShipmentDispatchedV1)
  async onDispatched(events: ConsumedEvent<ShipmentDispatchedV1Payload>[]): Promise<void> {
    for (const event of events) {
      // A merged shipment carries several orders: each takes its own lines.
      for (const orderId of event.payload.orderIds) {
        await permanentOnRuleError(() =>
          this.changes.apply(orderId, event, async (order) => {
            const fresh = await this.queries.recordShipmentDispatched(orderId, {
              id: event.payload.shipmentId,
              carrier: event.payload.carrier,
              trackingNumber: event.payload.trackingNumber,
              at: event.payload.dispatchedAt,
            });
            if (fresh) order.recordDispatch(event.payload.lines.filter((l) => l.orderId === orderId));
          }),
        );
      }
    }
  }

  @OnEvents(ShipmentDeliveredV1)
  async onDelivered(events: ConsumedEvent<ShipmentDeliveredV1Payload>[]): Promise<void> {
    for (const event of events) {
      for (const orderId of event.payload.orderIds) {
        await this.changes.apply(orderId, event, async (order) => {
          const everyShipmentDelivered = await this.queries.recordShipmentDelivered(
            orderId,
            event.payload.shipmentId,
            event.payload.deliveredAt,
          );
          order.recordDelivery(everyShipmentDelivered);
        });
      }
    }
  }
}
