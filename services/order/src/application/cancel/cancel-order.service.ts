import { Injectable } from '@nestjs/common';
import { type CancellationCause, OrderCancelledV1 } from '@oms/contracts';
import { EventPublisher } from '@oms/platform';
import type { Order } from '../../domain/order';
import { OrderEditRepository } from '../../infrastructure/persistence/order-edit.repository';
import { OrderChanges } from '../order-changes';
import { CompensationSagaService } from './compensation-saga.service';

export interface CancelOrderCommand {
  orderId: string;
  reason: string;
  cause: CancellationCause;
  /** The customer, staff member or `system`; the order's customer when not given. */
  requestedBy?: string;
}

/**
 * Cancels a whole order until dispatch, for REST and gRPC alike. The order is CANCELLED at once, in one
 * transaction with its events; when other services hold something for it, or money was paid, the cancellation
 * saga undoes it step by step in reverse (void the shipment, cancel the pick lists, release the stock, refund),
 * each step in the order's timeline (CompensationSagaService).
 */
@Injectable()
export class CancelOrderService {
  constructor(
    private readonly changes: OrderChanges,
    private readonly events: EventPublisher,
    private readonly compensation: CompensationSagaService,
    private readonly edits: OrderEditRepository,
  ) {}

  cancel(command: CancelOrderCommand): Promise<Order> {
    return this.changes.apply(command.orderId, undefined, async (order) => {
      const supersededEdit = order.pendingEdit?.editId;
      const { needsCompensation } = order.cancel(command.reason);
      if (supersededEdit) await this.edits.decide(supersededEdit, 'SUPERSEDED', 'the order was cancelled');
      const cancelledBy = command.requestedBy ?? order.customerId;
      const cancellationId = await this.compensation.begin(order, {
        scope: 'order',
        cause: command.cause,
        reason: command.reason,
        requestedBy: cancelledBy,
        reachedServices: needsCompensation,
      });
      await this.events.publish(OrderCancelledV1, {
        orderId: order.id,
        payload: {
          ...(cancellationId ? { cancellationId } : {}),
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
