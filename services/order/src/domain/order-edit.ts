import type { OrderChangeKind } from '@oms/contracts';
import type { Address, Contact, OrderLine } from './order';
import type { OrderStatus } from './order-status';

/** What a customer or staff member asks to change: the full item list wanted now, the address, the contact. */
export interface EditRequest {
  items?: Array<{ sku: string; quantity: number; unitPrice: number }>;
  shippingAddress?: Address;
  contact?: Contact;
  /** Units to cancel (a cancel of some lines): they stay on the order as cancelled, and are refunded if paid. */
  cancelLines?: Array<{ sku: string; quantity: number }>;
  /** Why, for a cancel of lines. */
  reason?: string;
}

export interface OrderChange {
  kind: OrderChangeKind;
  sku?: string;
  fromQuantity?: number;
  toQuantity?: number;
}

/**
 * An edit on its way: at the warehouse (fulfillment takes the pick lists back, or refuses because picking
 * started), then at inventory (the reservation follows the new lines).
 */
export interface PendingEdit {
  editId: string;
  phase: 'AWAITING_FULFILLMENT' | 'AWAITING_STOCK';
  request: EditRequest;
  changes: OrderChange[];
  requestedBy: string;
  requestedAt: string;
}

/** Until picking starts; before confirmation nothing is reserved, after it the reservation follows. */
export const EDITABLE_STATUSES: readonly OrderStatus[] = [
  'PLACED',
  'PENDING_REVIEW',
  'AWAITING_PAYMENT',
  'CONFIRMED',
  'BACKORDERED',
  'PROCESSING',
];

/** What an edit changes, line by line, against the units still wanted (ordered minus cancelled). */
export function diffEdit(
  lines: readonly OrderLine[],
  current: { shippingAddress: Address; contact: Contact },
  request: EditRequest,
): OrderChange[] {
  const changes: OrderChange[] = [];
  if (request.cancelLines) {
    const cancelling = new Map<string, number>();
    for (const line of request.cancelLines) cancelling.set(line.sku, (cancelling.get(line.sku) ?? 0) + line.quantity);
    for (const [sku, quantity] of cancelling) {
      const line = lines.find((l) => l.sku === sku);
      if (!line) throw new EditRuleError(`the order has no line ${sku}`, 'lines');
      const before = line.quantity - line.cancelled;
      if (quantity > before - line.shipped) {
        throw new EditRuleError(`${sku}: only ${before - line.shipped} can be cancelled, not ${quantity}`, 'lines');
      }
      changes.push({
        kind: quantity === before ? 'item-removed' : 'quantity-changed',
        sku,
        fromQuantity: before,
        toQuantity: before - quantity,
      });
    }
  }
  if (request.items) {
    const wanted = new Map<string, number>();
    for (const item of request.items) wanted.set(item.sku, (wanted.get(item.sku) ?? 0) + item.quantity);
    for (const line of lines) {
      const before = line.quantity - line.cancelled;
      const after = wanted.get(line.sku) ?? 0;
      if (after < line.shipped) {
        throw new EditRuleError(`${line.sku}: ${line.shipped} already shipped, it cannot go down to ${after}`, 'items');
      }
      if (before === after) continue;
      changes.push({
        kind: after === 0 ? 'item-removed' : before === 0 ? 'item-added' : 'quantity-changed',
        sku: line.sku,
        fromQuantity: before,
        toQuantity: after,
      });
    }
    for (const [sku, quantity] of wanted) {
      if (!lines.some((l) => l.sku === sku)) {
        changes.push({ kind: 'item-added', sku, fromQuantity: 0, toQuantity: quantity });
      }
    }
    if ([...wanted.values()].every((q) => q === 0))
      throw new EditRuleError('an order keeps at least one item', 'items');
  }
  if (request.shippingAddress && !sameFields(request.shippingAddress, current.shippingAddress)) {
    changes.push({ kind: 'shipping-address-changed' });
  }
  if (request.contact && !sameFields(request.contact, current.contact)) changes.push({ kind: 'contact-changed' });
  if (changes.length === 0) throw new EditRuleError('the edit changes nothing');
  return changes;
}

function sameFields(a: object, b: object): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every(
    (key) => ((a as Record<string, unknown>)[key] ?? null) === ((b as Record<string, unknown>)[key] ?? null),
  );
}

/** The order's state does not allow an edit (picking started, shipped, ended): 409 with the state. */
export class EditNotAllowedError extends Error {
  constructor(
    readonly currentState: OrderStatus,
    detail?: string,
  ) {
    super(
      detail ??
        (currentState === 'PARTIALLY_SHIPPED' || currentState === 'SHIPPED' || currentState === 'DELIVERED'
          ? `the order is ${currentState}: goods have left, it can no longer be edited`
          : `the order is ${currentState}: it can no longer be edited`),
    );
    this.name = 'EditNotAllowedError';
  }
}

/** An edit the rules refuse (nothing changes, a paid order's items): 422. */
export class EditRuleError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'EditRuleError';
  }
}

/** A cancel of lines that leaves nothing: it is the cancel of the whole order. */
export class CancelsWholeOrderError extends EditRuleError {
  constructor() {
    super('these are all the units left: the whole order is cancelled', 'lines');
    this.name = 'CancelsWholeOrderError';
  }
}
