import type { Order, StatusChange } from './order';

/** Persistence port of the order aggregate (implemented with TypeORM in infrastructure/). */
export interface OrderRepository {
  /** Inserts a new order with its status history. */
  insert(order: Order, changes: StatusChange[]): Promise<void>;
  /** `lock`: hold the order's row until the transaction ends (every change of an order goes through it). */
  findById(id: string, options?: { lock?: boolean }): Promise<Order | null>;
  /** Saves the new state and its transitions; fails if the order changed since it was read. */
  update(order: Order, changes: StatusChange[]): Promise<void>;
}

export const ORDER_REPOSITORY = Symbol('OrderRepository');
