import { createHash } from 'node:crypto';
import type { FulfillmentPurpose } from '@oms/contracts';

/** The statuses of a pick list (the order-processing sheet sent to the warehouse). */
export const PICK_LIST_STATUSES = ['OPEN', 'PICKING', 'PICKED', 'PACKED', 'CANCELLED'] as const;
export type PickListStatus = (typeof PICK_LIST_STATUSES)[number];

export interface PickLine {
  sku: string;
  quantity: number;
  /** Storage bin when the warehouse knows it; lines without one come last. */
  bin: string | null;
}

/**
 * The lines a picker walks: one line per SKU (quantities of every order merged), in bin order so that the
 * walk through the warehouse is one pass, SKUs without a known bin last.
 */
export function planPickLines(
  requested: Array<{ sku: string; quantity: number }>,
  binOf: (sku: string) => string | null = () => null,
): PickLine[] {
  const bySku = new Map<string, number>();
  for (const line of requested) {
    if (!Number.isInteger(line.quantity) || line.quantity <= 0)
      throw new RangeError(`bad quantity ${line.quantity} for ${line.sku}`);
    bySku.set(line.sku, (bySku.get(line.sku) ?? 0) + line.quantity);
  }
  return [...bySku]
    .map(([sku, quantity]) => ({ sku, quantity, bin: binOf(sku) }))
    .sort((a, b) => {
      if (a.bin !== b.bin) {
        if (a.bin === null) return 1;
        if (b.bin === null) return -1;
        return a.bin.localeCompare(b.bin, 'en', { numeric: true });
      }
      return a.sku.localeCompare(b.sku);
    });
}

/** The purpose fields a pick list carries on to packing and shipping (absent for the order's own goods). */
export function purposeOf(list: { purpose: FulfillmentPurpose; reshipId?: string | null }) {
  return list.purpose === 'order'
    ? {}
    : { purpose: list.purpose, ...(list.reshipId ? { reshipId: list.reshipId } : {}) };
}

/**
 * What orders must share to be picked and shipped together: the customer and the very address (compared
 * without case, spacing or field order). A digest, so that the key is short and the address is not repeated.
 */
export function mergeKeyOf(customerId: string, address: object): string {
  const canonical = Object.entries(address)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([field, value]) => [field, String(value).trim().replace(/\s+/g, ' ').toLowerCase()] as const)
    .sort(([a], [b]) => a.localeCompare(b));
  return createHash('sha256')
    .update(JSON.stringify([customerId, canonical]))
    .digest('hex');
}
