import { Inject, Injectable } from '@nestjs/common';
import type { Order } from '../../domain/order';
import { ORDER_REPOSITORY, type OrderRepository } from '../../domain/order.repository';

@Injectable()
export class GetOrderQuery {
  constructor(@Inject(ORDER_REPOSITORY) private readonly orders: OrderRepository) {}

  execute(id: string): Promise<Order | null> {
    return this.orders.findById(id);
  }
}
