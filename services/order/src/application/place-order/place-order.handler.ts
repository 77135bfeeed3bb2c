import { Inject, Injectable } from '@nestjs/common';
import { OrderPlacedV1 } from '@oms/contracts';
import { EventPublisher, UnitOfWork } from '@oms/platform';
import { Order, type PlaceOrderCommand } from '../../domain/order';
import { ORDER_REPOSITORY, type OrderRepository } from '../../domain/order.repository';
import { OrderQueriesRepository } from '../../infrastructure/persistence/order-queries.repository';
import { type OrderView, toOrderView } from '../queries/order-view';

export interface IdempotencyRequest {
  key: string;
  /** Hash of the canonical request body: the same key with another body is refused. */
  requestHash: string;
}

export type PlaceOrderResult =
  { kind: 'placed'; order: OrderView } | { kind: 'replayed'; status: number; body: object };

/** The same Idempotency-Key was used for a different request. */
export class IdempotencyKeyReusedError extends Error {
  constructor(readonly key: string) {
    super(`Idempotency-Key ${key} was already used for a different request`);
    this.name = 'IdempotencyKeyReusedError';
  }
}

/**
 * Places an order: the order, its first status, `OrderPlaced` (outbox) and the idempotency key with the
 * answer all commit in one transaction; a retry with the key gets that first answer back.
 */
@Injectable()
export class PlaceOrderHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly events: EventPublisher,
    @Inject(ORDER_REPOSITORY) private readonly orders: OrderRepository,
    private readonly queries: OrderQueriesRepository,
  ) {}

  async execute(command: PlaceOrderCommand, idempotency?: IdempotencyRequest): Promise<PlaceOrderResult> {
    const order = Order.place(command);
    const view = toOrderView(order);
    return this.unitOfWork.run(async () => {
      if (idempotency) {
        const earlier = await this.queries.claimIdempotencyKey(idempotency.key, idempotency.requestHash, order.id, {
          status: 201,
          body: view,
        });
        if (earlier) {
          if (earlier.requestHash !== idempotency.requestHash) throw new IdempotencyKeyReusedError(idempotency.key);
          return { kind: 'replayed', status: earlier.status, body: earlier.body };
        }
      }
      await this.orders.insert(order, order.takeChanges());
      await this.events.publish(OrderPlacedV1, {
        orderId: order.id,
        payload: {
          customerId: order.customerId,
          channel: order.channel,
          currency: order.currency,
          items: order.lines.map(({ sku, quantity, unitPrice, lineTotal }) => ({
            sku,
            quantity,
            unitPrice,
            lineTotal,
          })),
          totals: order.totals,
          shippingAddress: order.shippingAddress,
          contact: order.contact,
          paymentMethod: order.paymentMethod,
          shipComplete: order.shipComplete,
          ...(order.placedBy ? { placedBy: order.placedBy } : {}),
          ...(order.notes ? { notes: order.notes } : {}),
          placedAt: order.placedAt.toISOString(),
        },
      });
      return { kind: 'placed', order: view };
    });
  }
}
