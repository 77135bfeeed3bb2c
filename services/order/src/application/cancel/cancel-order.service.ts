import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type CancellationCause, OrderCancellationRequestedV1, OrderCancelledV1 } from '@oms/contracts';
import { EventPublisher } from '@oms/platform';
import type { Order } from '../../domain/order';
import { OrderChanges } from '../order-changes';

export interface CancelOrderCommand {
  orderId: string;
  reason: string;
  cause: CancellationCause;
  /** The customer, staff member or `system`; the order's customer when not given. */
  requestedBy?: string;
}

/**
 * Cancels a whole order until dispatch, for REST and gRPC alike. The order is CANCELLED at once, in one
 * transaction with its events. When other services hold something for it, OrderCancellationRequested starts
 * their compensations: fulfillment cancels the pick lists, shipping voids the shipments of those pick lists,
 * inventory releases the stock and gives it to waiting orders. Each answers with its own event (PickListCancelled,
 * ShipmentVoided, StockReleased, carrying the cancellation id), which the order's timeline records.
 */
@Injectable()
export class CancelOrderService {
  constructor(
    private readonly changes: OrderChanges,
    private readonly events: EventPublisher,
  ) {}

  cancel(command: CancelOrderCommand): Promise<Order> {
    return this.changes.apply(command.orderId, undefined, async (order) => {
      const { needsCompensation } = order.cancel(command.reason);
      const cancelledBy = command.requestedBy ?? order.customerId;
      const cancellationId = randomUUID();
      const refundDue = order.payment ? { amount: order.payment.amount, currency: order.currency } : undefined;
      if (needsCompensation) {
        await this.events.publish(OrderCancellationRequestedV1, {
          orderId: order.id,
          payload: {
            cancellationId,
            scope: 'order',
            cause: command.cause,
            reason: command.reason,
            requestedBy: cancelledBy,
            ...(refundDue ? { refundDue } : {}),
          },
        });
      }
      await this.events.publish(OrderCancelledV1, {
        orderId: order.id,
        payload: {
          ...(needsCompensation ? { cancellationId } : {}),
          scope: 'order',
          cause: command.cause,
          reason: command.reason,
          cancelledBy,
          contact: order.contact,
        },
      });
    });
  }
}
