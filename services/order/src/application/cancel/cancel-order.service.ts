import { Injectable } from '@nestjs/common';
import { type CancellationCause, OrderCancelledV1 } from '@oms/contracts';
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
 * Cancels an order for REST and gRPC alike. Orders not yet confirmed are cancelled at once (OrderCancelled in
 * the same transaction as the state); later ones raise CancellationNeedsCompensationError until the
 * compensating saga exists.
 */
@Injectable()
export class CancelOrderService {
  constructor(
    private readonly changes: OrderChanges,
    private readonly events: EventPublisher,
  ) {}

  cancel(command: CancelOrderCommand): Promise<Order> {
    return this.changes.apply(command.orderId, undefined, async (order) => {
      order.cancelBeforeReservation(command.reason);
      await this.events.publish(OrderCancelledV1, {
        orderId: order.id,
        payload: {
          scope: 'order',
          cause: command.cause,
          reason: command.reason,
          cancelledBy: command.requestedBy ?? order.customerId,
          contact: order.contact,
        },
      });
    });
  }
}
