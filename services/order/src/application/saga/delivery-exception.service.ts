import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  type DeliveryResolution,
  DeliveryExceptionResolvedV1,
  RefundRequestedV1,
  ReshipRequestedV1,
} from '@oms/contracts';
import { EventPublisher } from '@oms/platform';
import type { Order } from '../../domain/order';
import { OrderChanges } from '../order-changes';

/**
 * Carries out the resolution chosen for a shipment in trouble, in one transaction with its events: `reship`
 * asks inventory to reserve the lines anew (ReshipRequested; a pick list and shipment follow, as for a
 * backorder when stock is short), `refund` asks aftersales to pay their value back (RefundRequested),
 * `contact-customer` hands the problem to customer service (aftersales opens a case on DeliveryExceptionResolved).
 */
@Injectable()
export class DeliveryExceptionService {
  constructor(
    private readonly changes: OrderChanges,
    private readonly events: EventPublisher,
  ) {}

  resolve(
    orderId: string,
    shipmentId: string,
    resolution: DeliveryResolution,
    chosenBy: string,
    note?: string,
  ): Promise<Order> {
    return this.changes.apply(orderId, undefined, async (order) => {
      const { shipment, reship, refund } = order.resolveDeliveryException(shipmentId, resolution, chosenBy, note);
      const money = refund ? { amount: refund.amount, currency: order.currency } : undefined;
      await this.events.publish(DeliveryExceptionResolvedV1, {
        orderId,
        payload: {
          shipmentId,
          trackingNumber: shipment.trackingNumber,
          kind: shipment.exception?.kind ?? 'other',
          resolution,
          lines: shipment.lines,
          ...(reship ? { reshipId: reship.reshipId } : {}),
          ...(money ? { refund: money } : {}),
          chosenBy,
          ...(note ? { note } : {}),
          contact: order.contact,
        },
      });
      if (reship) {
        await this.events.publish(ReshipRequestedV1, {
          orderId,
          payload: {
            reshipId: reship.reshipId,
            lines: reship.lines,
            reason: reship.reason,
            shipmentId,
            requestedBy: chosenBy,
          },
        });
      }
      if (money && order.payment) {
        await this.events.publish(RefundRequestedV1, {
          orderId,
          payload: {
            refundId: randomUUID(),
            reason: 'delivery-exception',
            amount: money,
            paymentReference: order.payment.reference,
            shipmentId,
            lines: refund!.lines,
            requestedBy: chosenBy,
            contact: order.contact,
          },
        });
      }
    });
  }
}
