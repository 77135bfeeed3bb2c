import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@oms/platform';
import type { WarehouseStock } from '../../domain/allocation';

export interface ReservationView {
  id: string;
  orderId: string;
  status: string;
  expiresAt: string;
  createdAt: string;
  lines: Array<{ warehouseId: string; sku: string; quantity: number }>;
}

/** Reservations and the backorder queue. Joins the current UnitOfWork transaction. */
@Injectable()
export class ReservationRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  private get db() {
    return this.unitOfWork.requireTransaction();
  }

  /**
   * The stock of these SKUs in every warehouse, row-locked until the transaction ends. Always locked in
   * (sku, warehouse) order, so two orders reserving overlapping SKUs queue up instead of deadlocking.
   */
  async lockStock(skus: string[]): Promise<WarehouseStock[]> {
    const rows: Array<{ sku: string; warehouse_id: string; on_hand: number; reserved: number; priority: number }> =
      await this.db.query(
        `SELECT s.sku, s.warehouse_id, s.on_hand, s.reserved, w.priority
       FROM stock_levels s JOIN warehouses w ON w.id = s.warehouse_id
       WHERE s.sku = ANY($1::text[])
       ORDER BY s.sku, s.warehouse_id
       FOR UPDATE OF s`,
        [skus],
      );
    const byWarehouse = new Map<string, WarehouseStock>();
    for (const row of rows) {
      const warehouse = byWarehouse.get(row.warehouse_id) ?? {
        warehouseId: row.warehouse_id,
        priority: row.priority,
        available: new Map(),
      };
      warehouse.available.set(row.sku, row.on_hand - row.reserved);
      byWarehouse.set(row.warehouse_id, warehouse);
    }
    return [...byWarehouse.values()];
  }

  /** Whether this order was already handled here (reserved or queued): a second confirmation changes nothing. */
  async orderHandled(orderId: string): Promise<boolean> {
    const [row] = await this.db.query(
      `SELECT EXISTS (SELECT 1 FROM reservations WHERE order_id = $1) OR EXISTS (SELECT 1 FROM backorders WHERE order_id = $1) AS handled`,
      [orderId],
    );
    return row.handled;
  }

  async reserve(
    reservation: { id: string; orderId: string; expiresAt: Date },
    allocations: Array<{ warehouseId: string; lines: Array<{ sku: string; quantity: number }> }>,
  ): Promise<void> {
    await this.db.query(`INSERT INTO reservations (id, order_id, status, expires_at) VALUES ($1, $2, 'ACTIVE', $3)`, [
      reservation.id,
      reservation.orderId,
      reservation.expiresAt,
    ]);
    for (const allocation of allocations) {
      for (const line of allocation.lines) {
        await this.db.query(
          `INSERT INTO reservation_lines (reservation_id, warehouse_id, sku, quantity) VALUES ($1, $2, $3, $4)`,
          [reservation.id, allocation.warehouseId, line.sku, line.quantity],
        );
        // The CHECK (reserved <= on_hand) is the last guard: this can never over-reserve.
        await this.db.query(
          `UPDATE stock_levels SET reserved = reserved + $3, updated_at = now() WHERE sku = $1 AND warehouse_id = $2`,
          [line.sku, allocation.warehouseId, line.quantity],
        );
      }
    }
  }

  async queueBackorders(orderId: string, lines: Array<{ sku: string; quantity: number }>): Promise<void> {
    for (const line of lines) {
      await this.db.query(
        `INSERT INTO backorders (order_id, sku, quantity, status) VALUES ($1, $2, $3, 'WAITING') ON CONFLICT (order_id, sku) DO NOTHING`,
        [orderId, line.sku, line.quantity],
      );
    }
  }

  async demandConfirmed(orderId: string): Promise<void> {
    await this.db.query(`UPDATE order_demand SET confirmed = true WHERE order_id = $1`, [orderId]);
  }

  async ofOrder(orderId: string): Promise<ReservationView[]> {
    const rows = await this.unitOfWork.manager.query(
      `SELECT r.id, r.order_id, r.status, r.expires_at, r.created_at,
              coalesce(json_agg(json_build_object('warehouseId', l.warehouse_id, 'sku', l.sku, 'quantity', l.quantity)
                                ORDER BY l.warehouse_id, l.sku) FILTER (WHERE l.sku IS NOT NULL), '[]') AS lines
       FROM reservations r LEFT JOIN reservation_lines l ON l.reservation_id = r.id
       WHERE r.order_id = $1 GROUP BY r.id ORDER BY r.created_at`,
      [orderId],
    );
    return rows.map(
      (r: {
        id: string;
        order_id: string;
        status: string;
        expires_at: Date;
        created_at: Date;
        lines: ReservationView['lines'];
      }) => ({
        id: r.id,
        orderId: r.order_id,
        status: r.status,
        expiresAt: r.expires_at.toISOString(),
        createdAt: r.created_at.toISOString(),
        lines: r.lines,
      }),
    );
  }
}
