/** Stock of one SKU in one warehouse. available = onHand − reserved, never negative. */
export interface StockLevel {
  sku: string;
  warehouseId: string;
  onHand: number;
  reserved: number;
}

export class StockRuleError extends Error {
  /** The counts the change was refused against, for the answer. */
  constructor(
    message: string,
    readonly level?: { onHand: number; reserved: number; available: number },
  ) {
    super(message);
    this.name = 'StockRuleError';
  }
}

export function available(level: StockLevel): number {
  return level.onHand - level.reserved;
}

/** A stocktake sets on-hand; it may not fall below what is already promised to orders. */
export function setOnHand(level: StockLevel, onHand: number): StockLevel {
  if (!Number.isInteger(onHand) || onHand < 0) throw new StockRuleError('onHand must be a non-negative integer');
  if (onHand < level.reserved) {
    throw new StockRuleError(
      `onHand ${onHand} is below the ${level.reserved} units reserved for orders; release them first`,
    );
  }
  return { ...level, onHand };
}

/** Why an adjustment changes on-hand: a fixed list ops can report on (a note carries the detail). */
export const ADJUSTMENT_REASONS = [
  'damaged',
  'lost',
  'found',
  'count-correction',
  'returned-to-supplier',
  'other',
] as const;
export type AdjustmentReason = (typeof ADJUSTMENT_REASONS)[number];

/** A correction of on-hand by `delta` (signed); it may not take away units that are reserved or not there. */
export function adjust(level: StockLevel, delta: number): StockLevel {
  if (!Number.isInteger(delta) || delta === 0) throw new StockRuleError('delta must be a non-zero integer');
  const onHand = level.onHand + delta;
  const counts = { onHand: level.onHand, reserved: level.reserved, available: available(level) };
  if (onHand < 0) {
    throw new StockRuleError(`removing ${-delta} of ${level.onHand} on hand would make stock negative`, counts);
  }
  if (onHand < level.reserved) {
    throw new StockRuleError(
      `removing ${-delta} would leave ${onHand} on hand, below the ${level.reserved} units reserved for orders`,
      counts,
    );
  }
  return { ...level, onHand };
}

/** Goods received: on-hand grows. */
export function receive(level: StockLevel, quantity: number): StockLevel {
  if (!Number.isInteger(quantity) || quantity < 1) throw new StockRuleError('quantity must be a positive integer');
  return { ...level, onHand: level.onHand + quantity };
}

/** Reserved units left the warehouse: they leave both on-hand and reserved. */
export function ship(level: StockLevel, quantity: number): StockLevel {
  if (!Number.isInteger(quantity) || quantity < 1) throw new StockRuleError('quantity must be a positive integer');
  if (quantity > level.reserved) {
    throw new StockRuleError(
      `shipping ${quantity} ${level.sku} from ${level.warehouseId} but only ${level.reserved} are reserved`,
    );
  }
  return { ...level, onHand: level.onHand - quantity, reserved: level.reserved - quantity };
}

/** Reserved units go back on sale (a reservation expired or was released). */
export function release(level: StockLevel, quantity: number): StockLevel {
  if (quantity > level.reserved) {
    throw new StockRuleError(`releasing ${quantity} ${level.sku} but only ${level.reserved} are reserved`);
  }
  return { ...level, reserved: level.reserved - quantity };
}

/**
 * Low stock is an edge, not a level: the alert fires when available falls to or below the threshold while no
 * alert stands, and re-arms once available rises above it again.
 */
export function lowStockDecision(
  availableNow: number,
  threshold: number,
  alertStanding: boolean,
): { alert: boolean; alertStanding: boolean } {
  if (availableNow > threshold) return { alert: false, alertStanding: false };
  return { alert: !alertStanding, alertStanding: true };
}

export interface StockSummary {
  sku: string;
  onHand: number;
  reserved: number;
  available: number;
  /** Units of placed orders not yet confirmed: what reservations will soon ask for. */
  demand: number;
  backordered: number;
  warehouses: Array<{ warehouseId: string; onHand: number; reserved: number; available: number }>;
}

export function summarize(sku: string, levels: StockLevel[], demand: number, backordered: number): StockSummary {
  const warehouses = levels
    .map((l) => ({ warehouseId: l.warehouseId, onHand: l.onHand, reserved: l.reserved, available: available(l) }))
    .sort((a, b) => a.warehouseId.localeCompare(b.warehouseId));
  const onHand = warehouses.reduce((sum, w) => sum + w.onHand, 0);
  const reserved = warehouses.reduce((sum, w) => sum + w.reserved, 0);
  return { sku, onHand, reserved, available: onHand - reserved, demand, backordered, warehouses };
}
