import type { Order, StatusChange } from './order';

/** Persistence port of the order aggregate (implemented with TypeORM in infrastructure/). */
export interface OrderRepository {
  /** Inserts a new order with its status history. */
  insert(order: Order, changes: StatusChange[]): Promise<void>;
  findById(id: string): Promise<Order | null>;
}

export const ORDER_REPOSITORY = Symbol('OrderRepository');
