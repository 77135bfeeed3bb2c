import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type FulfillmentPurpose, FulfillmentRequestedV1 } from '@oms/contracts';
import { type ConsumedEvent, EventPublisher } from '@oms/platform';
import type { Allocation, Order } from '../../domain/order';

/** Asks fulfillment to pick each allocation (one pick list per warehouse reservation). */
@Injectable()
export class FulfillmentRequests {
  constructor(private readonly events: EventPublisher) {}

  async request(
    order: Order,
    allocations: Allocation[],
    cause?: ConsumedEvent,
    purpose: { purpose: FulfillmentPurpose; reshipId?: string } = { purpose: 'order' },
  ): Promise<void> {
    for (const allocation of allocations) {
      await this.events.publish(FulfillmentRequestedV1, {
        orderId: order.id,
        causedBy: cause,
        payload: {
          fulfillmentRequestId: randomUUID(),
          ...(allocation.reservationId ? { reservationId: allocation.reservationId } : {}),
          warehouseId: allocation.warehouseId,
          orderIds: [order.id],
          lines: allocation.lines.map((l) => ({ orderId: order.id, sku: l.sku, quantity: l.quantity })),
          customerId: order.customerId,
          shippingAddress: order.shippingAddress,
          contact: order.contact,
          purpose: purpose.purpose,
          ...(purpose.reshipId ? { reshipId: purpose.reshipId } : {}),
          priority: purpose.purpose === 'order' ? 'standard' : 'express',
        },
      });
    }
  }
}
