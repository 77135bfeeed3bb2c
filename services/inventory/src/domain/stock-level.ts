/** Stock of one SKU in one warehouse. available = onHand − reserved, never negative. */
export interface StockLevel {
  sku: string;
  warehouseId: string;
  onHand: number;
  reserved: number;
}

export class StockRuleError extends Error {
  constructor(message: string) {
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
