import { ORDER_STATUSES, type OrderStatus } from '@oms/contracts';

export { ORDER_STATUSES, type OrderStatus };

/** The moves between the order's states (the states are part of the contracts), as data, checked at load. */

export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  PLACED: ['PENDING_REVIEW', 'AWAITING_PAYMENT', 'CONFIRMED', 'REJECTED', 'CANCELLED'],
  PENDING_REVIEW: ['AWAITING_PAYMENT', 'CONFIRMED', 'REJECTED', 'CANCELLED'],
  AWAITING_PAYMENT: ['CONFIRMED', 'CANCELLED'],
  CONFIRMED: ['PROCESSING', 'BACKORDERED', 'CANCELLED'],
  BACKORDERED: ['PROCESSING', 'CANCELLED'],
  PROCESSING: ['PARTIALLY_SHIPPED', 'SHIPPED', 'BACKORDERED', 'CANCELLED'],
  PARTIALLY_SHIPPED: ['SHIPPED', 'CANCELLED'],
  SHIPPED: ['DELIVERED'],
  DELIVERED: ['COMPLETED'],
  COMPLETED: [],
  CANCELLED: [],
  REJECTED: [],
};

export class IllegalTransitionError extends Error {
  constructor(
    readonly from: OrderStatus,
    readonly to: OrderStatus,
  ) {
    super(`an order cannot move from ${from} to ${to}`);
    this.name = 'IllegalTransitionError';
  }
}

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

/** Fails at load time if the table names a state that does not exist or leaves one unreachable. */
export function assertTransitionTableIsSound(): void {
  const known = new Set<string>(ORDER_STATUSES);
  const reachable = new Set<OrderStatus>(['PLACED']);
  for (const [from, targets] of Object.entries(ORDER_TRANSITIONS)) {
    if (!known.has(from)) throw new Error(`unknown state ${from} in the transition table`);
    for (const to of targets) {
      if (!known.has(to)) throw new Error(`unknown target ${to} from ${from}`);
      reachable.add(to);
    }
  }
  const unreachable = ORDER_STATUSES.filter((s) => !reachable.has(s));
  if (unreachable.length) throw new Error(`unreachable states: ${unreachable.join(', ')}`);
}

assertTransitionTableIsSound();
