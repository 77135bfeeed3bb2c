import { Inject, Injectable } from '@nestjs/common';
import { OrderStatusChangedV1 } from '@oms/contracts';
import { type ConsumedEvent, EventPublisher, UnitOfWork } from '@oms/platform';
import type { Order } from '../domain/order';
import { ORDER_REPOSITORY, type OrderRepository } from '../domain/order.repository';

export class OrderNotFoundError extends Error {
  constructor(readonly orderId: string) {
    super(`order ${orderId} does not exist`);
  }
}

export type Cause = Pick<ConsumedEvent, 'id' | 'correlationId' | 'meta'> | undefined;

/**
 * The one way an order changes: load it under its row lock, let `work` act on the aggregate (and publish what
 * it says), save the new state with its transitions, and publish each transition as OrderStatusChanged: all in
 * one transaction (joining the caller's, e.g. a consumed batch).
 */
@Injectable()
export class OrderChanges {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly events: EventPublisher,
    @Inject(ORDER_REPOSITORY) private readonly orders: OrderRepository,
  ) {}

  async apply(orderId: string, cause: Cause, work: (order: Order) => Promise<void>): Promise<Order> {
    return this.unitOfWork.run(async () => {
      const order = await this.orders.findById(orderId, { lock: true });
      if (!order) throw new OrderNotFoundError(orderId);
      await work(order);
      const changes = order.takeChanges();
      await this.orders.update(order, changes);
      for (const change of changes) {
        if (!change.from) continue;
        await this.events.publish(OrderStatusChangedV1, {
          orderId: order.id,
          causedBy: cause,
          payload: { from: change.from, to: change.to, reason: change.reason.slice(0, 500) },
        });
      }
      return order;
    });
  }
}
