import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@oms/platform';
import type { StockLevel } from '../../domain/stock-level';

export interface WarehouseRow {
  id: string;
  name: string;
  address: string | null;
  region: string | null;
  priority: number;
}

/** SQL of the inventory database, in one place. Joins the current UnitOfWork transaction. */
@Injectable()
export class StockRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  private get db() {
    return this.unitOfWork.manager;
  }

  async upsertWarehouse(w: WarehouseRow): Promise<WarehouseRow> {
    const [row] = await this.db.query(
      `INSERT INTO warehouses (id, name, address, region, priority) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET name = $2, address = $3, region = $4, priority = $5, updated_at = now()
       RETURNING id, name, address, region, priority`,
      [w.id, w.name, w.address, w.region, w.priority],
    );
    return row;
  }

  listWarehouses(): Promise<WarehouseRow[]> {
    return this.db.query(`SELECT id, name, address, region, priority FROM warehouses ORDER BY priority, id`);
  }

  async warehouseExists(id: string): Promise<boolean> {
    return (await this.db.query(`SELECT 1 FROM warehouses WHERE id = $1`, [id])).length > 0;
  }

  /** The level, locked for the rest of the transaction (FOR UPDATE): concurrent changes queue up. */
  /** Records a return as applied; false when it already was (its units must not come back twice). */
  async claimReturn(returnId: string): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO applied_returns (return_id) VALUES ($1) ON CONFLICT DO NOTHING RETURNING return_id`,
      [returnId],
    );
    return rows.length > 0;
  }

  async lockLevel(sku: string, warehouseId: string): Promise<StockLevel> {
    await this.db.query(
      `INSERT INTO stock_levels (sku, warehouse_id, on_hand) VALUES ($1, $2, 0) ON CONFLICT DO NOTHING`,
      [sku, warehouseId],
    );
    const [row] = await this.db.query(
      `SELECT sku, warehouse_id, on_hand, reserved FROM stock_levels WHERE sku = $1 AND warehouse_id = $2 FOR UPDATE`,
      [sku, warehouseId],
    );
    return { sku: row.sku, warehouseId: row.warehouse_id, onHand: row.on_hand, reserved: row.reserved };
  }

  async saveLevel(level: StockLevel): Promise<void> {
    await this.db.query(
      `UPDATE stock_levels SET on_hand = $3, reserved = $4, updated_at = now() WHERE sku = $1 AND warehouse_id = $2`,
      [level.sku, level.warehouseId, level.onHand, level.reserved],
    );
  }

  async levels(sku: string): Promise<StockLevel[]> {
    const rows = await this.db.query(`SELECT sku, warehouse_id, on_hand, reserved FROM stock_levels WHERE sku = $1`, [
      sku,
    ]);
    return rows.map((r: { sku: string; warehouse_id: string; on_hand: number; reserved: number }) => ({
      sku: r.sku,
      warehouseId: r.warehouse_id,
      onHand: r.on_hand,
      reserved: r.reserved,
    }));
  }

  async recordDemand(
    lines: Array<{ orderId: string; sku: string; quantity: number; placedAt: string }>,
  ): Promise<void> {
    if (lines.length === 0) return;
    const params: unknown[] = [];
    const tuples = lines.map((l, i) => {
      params.push(l.orderId, l.sku, l.quantity, l.placedAt);
      return `($${i * 4 + 1}, $${i * 4 + 2}, $${i * 4 + 3}, $${i * 4 + 4})`;
    });
    // The primary key makes a replayed order a no-op even without the inbox.
    await this.db.query(
      `INSERT INTO order_demand (order_id, sku, quantity, placed_at) VALUES ${tuples.join(', ')} ON CONFLICT DO NOTHING`,
      params,
    );
  }

  /** An unconfirmed order was edited: its demand is the new item list (placed time kept). */
  async replaceUnconfirmedDemand(orderId: string, lines: Array<{ sku: string; quantity: number }>): Promise<void> {
    const [placed] = await this.db.query(
      `SELECT min(placed_at) AS placed_at FROM order_demand WHERE order_id = $1 AND NOT confirmed`,
      [orderId],
    );
    if (!placed?.placed_at) return;
    await this.db.query(`DELETE FROM order_demand WHERE order_id = $1 AND NOT confirmed`, [orderId]);
    await this.recordDemand(lines.map((l) => ({ orderId, ...l, placedAt: placed.placed_at.toISOString() })));
  }

  async dropUnconfirmedDemand(orderIds: string[]): Promise<void> {
    await this.db.query(`DELETE FROM order_demand WHERE order_id = ANY($1::uuid[]) AND NOT confirmed`, [orderIds]);
  }

  /** Units of placed orders not yet confirmed (confirmed ones are reserved or backordered). */
  async demand(sku: string): Promise<number> {
    const [row] = await this.db.query(
      `SELECT coalesce(sum(quantity), 0)::int AS n FROM order_demand WHERE sku = $1 AND NOT confirmed`,
      [sku],
    );
    return row.n;
  }

  async backordered(sku: string): Promise<number> {
    const [row] = await this.db.query(
      `SELECT coalesce(sum(quantity), 0)::int AS n FROM backorders WHERE sku = $1 AND status = 'WAITING'`,
      [sku],
    );
    return row.n;
  }

  async recordMovement(movement: StockMovement): Promise<void> {
    await this.db.query(
      `INSERT INTO stock_movements (sku, warehouse_id, kind, on_hand_delta, reserved_delta, on_hand_after, reserved_after,
                                    reason, note, reference, actor, order_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        movement.sku,
        movement.warehouseId,
        movement.kind,
        movement.onHandDelta,
        movement.reservedDelta,
        movement.onHandAfter,
        movement.reservedAfter,
        movement.reason ?? null,
        movement.note ?? null,
        movement.reference ?? null,
        movement.actor ?? null,
        movement.orderId ?? null,
      ],
    );
  }

  /** The newest movements of a SKU in a warehouse, newest first. */
  async movements(sku: string, warehouseId: string, limit: number): Promise<Array<Record<string, unknown>>> {
    const rows: Array<Record<string, unknown> & { occurred_at: Date; id: string }> = await this.db.query(
      `SELECT id, kind, on_hand_delta, reserved_delta, on_hand_after, reserved_after, reason, note, reference, actor,
              order_id, occurred_at
       FROM stock_movements WHERE sku = $1 AND warehouse_id = $2 ORDER BY id DESC LIMIT $3`,
      [sku, warehouseId, limit],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      kind: r.kind,
      onHandDelta: r.on_hand_delta,
      reservedDelta: r.reserved_delta,
      onHandAfter: r.on_hand_after,
      reservedAfter: r.reserved_after,
      reason: r.reason,
      note: r.note,
      reference: r.reference,
      actor: r.actor,
      orderId: r.order_id,
      occurredAt: r.occurred_at.toISOString(),
    }));
  }

  /** Whether a low-stock alert stands for the level (the row is locked by the caller). */
  async lowStockAlerted(sku: string, warehouseId: string): Promise<boolean> {
    const [row] = await this.db.query(
      `SELECT low_stock_alerted FROM stock_levels WHERE sku = $1 AND warehouse_id = $2`,
      [sku, warehouseId],
    );
    return row?.low_stock_alerted ?? false;
  }

  async setLowStockAlerted(sku: string, warehouseId: string, alerted: boolean): Promise<void> {
    await this.db.query(`UPDATE stock_levels SET low_stock_alerted = $3 WHERE sku = $1 AND warehouse_id = $2`, [
      sku,
      warehouseId,
      alerted,
    ]);
  }
}

export interface StockMovement {
  sku: string;
  warehouseId: string;
  kind:
    | 'stocktake'
    | 'adjustment'
    | 'replenishment'
    | 'shipment'
    | 'reservation'
    | 'reservation-expired'
    | 'reservation-released'
    | 'return-restocked'
    | 'return-written-off';
  onHandDelta: number;
  reservedDelta: number;
  onHandAfter: number;
  reservedAfter: number;
  reason?: string;
  note?: string;
  reference?: string;
  actor?: string;
  orderId?: string;
}
