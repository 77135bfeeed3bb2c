/** Stock one warehouse can give now. */
export interface WarehouseStock {
  warehouseId: string;
  /** Lower is preferred. */
  priority: number;
  available: Map<string, number>;
}

export interface Allocation {
  /** Per warehouse, what it gives, preferred warehouses first. */
  allocations: Array<{ warehouseId: string; lines: Array<{ sku: string; quantity: number }> }>;
  /** What no warehouse can give now. */
  backordered: Array<{ sku: string; quantity: number }>;
}

/**
 * Where an order's lines come from (the StockAllocationStrategy): one warehouse that can give every line
 * when there is one (one parcel), the preferred such; otherwise each line from the preferred warehouses
 * in turn, split where it must be; what is left is backordered. Pure: the caller has locked the stock.
 */
export function allocate(lines: Array<{ sku: string; quantity: number }>, warehouses: WarehouseStock[]): Allocation {
  const wanted = mergeLines(lines);
  const ranked = [...warehouses].sort((a, b) => a.priority - b.priority || a.warehouseId.localeCompare(b.warehouseId));
  const whole = ranked.find((w) => wanted.every((l) => (w.available.get(l.sku) ?? 0) >= l.quantity));
  if (whole) return { allocations: [{ warehouseId: whole.warehouseId, lines: wanted }], backordered: [] };

  const given = new Map<string, Array<{ sku: string; quantity: number }>>();
  const backordered: Array<{ sku: string; quantity: number }> = [];
  for (const line of wanted) {
    let missing = line.quantity;
    for (const warehouse of ranked) {
      if (missing === 0) break;
      const take = Math.min(missing, warehouse.available.get(line.sku) ?? 0);
      if (take <= 0) continue;
      given.set(warehouse.warehouseId, [
        ...(given.get(warehouse.warehouseId) ?? []),
        { sku: line.sku, quantity: take },
      ]);
      missing -= take;
    }
    if (missing > 0) backordered.push({ sku: line.sku, quantity: missing });
  }
  const allocations = ranked
    .filter((w) => given.has(w.warehouseId))
    .map((w) => ({ warehouseId: w.warehouseId, lines: given.get(w.warehouseId)! }));
  return { allocations, backordered };
}

function mergeLines(lines: Array<{ sku: string; quantity: number }>): Array<{ sku: string; quantity: number }> {
  const bySku = new Map<string, number>();
  for (const line of lines) {
    if (!Number.isInteger(line.quantity) || line.quantity <= 0)
      throw new RangeError(`bad quantity ${line.quantity} for ${line.sku}`);
    bySku.set(line.sku, (bySku.get(line.sku) ?? 0) + line.quantity);
  }
  return [...bySku].map(([sku, quantity]) => ({ sku, quantity })).sort((a, b) => a.sku.localeCompare(b.sku));
}

/** Lines held in several warehouses, as allocations (one per warehouse), in the order first seen. */
export function groupByWarehouse(
  lines: Array<{ warehouseId: string; sku: string; quantity: number }>,
): Array<{ warehouseId: string; lines: Array<{ sku: string; quantity: number }> }> {
  const grouped = new Map<string, Array<{ sku: string; quantity: number }>>();
  for (const line of lines) {
    grouped.set(line.warehouseId, [
      ...(grouped.get(line.warehouseId) ?? []),
      { sku: line.sku, quantity: line.quantity },
    ]);
  }
  return [...grouped].map(([warehouseId, held]) => ({ warehouseId, lines: held }));
}
