import { Inject, Injectable } from '@nestjs/common';
import { OrderPlacedV1 } from '@oms/contracts';
import { EventPublisher, UnitOfWork } from '@oms/platform';
import { Order, type PlaceOrderCommand } from '../../domain/order';
import { ORDER_REPOSITORY, type OrderRepository } from '../../domain/order.repository';

/** Places an order: the order, its first status and `OrderPlaced` commit in one transaction (outbox). */
@Injectable()
export class PlaceOrderHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly events: EventPublisher,
    @Inject(ORDER_REPOSITORY) private readonly orders: OrderRepository,
  ) {}

  async execute(command: PlaceOrderCommand): Promise<Order> {
    const order = Order.place(command);
    await this.unitOfWork.run(async () => {
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
    });
    return order;
  }
}
