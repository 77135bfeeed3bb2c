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
      `SELECT EXISTS (SELECT 1 FROM reservations WHERE order_id = $1 AND reship_id IS NULL)
           OR EXISTS (SELECT 1 FROM backorders WHERE order_id = $1 AND reship_id IS NULL) AS handled`,
      [orderId],
    );
    return row.handled;
  }

  /** Queues a confirmed order's reservation for its turn; false when it was already queued or handled. */
  async requestReservation(request: {
    orderId: string;
    placedAt: string;
    lines: Array<{ sku: string; quantity: number }>;
    cause: { id: string; correlationId: string; headers?: Record<string, string> };
  }): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO reservation_requests (order_id, placed_at, lines, cause, status) VALUES ($1, $2, $3, $4, 'PENDING')
       ON CONFLICT (order_id) DO NOTHING RETURNING order_id`,
      [request.orderId, request.placedAt, JSON.stringify(request.lines), JSON.stringify(request.cause)],
    );
    return rows.length > 0;
  }

  /** Serving the request queue is one at a time (whichever partition or instance asks). */
  async lockRequestQueue(): Promise<void> {
    await this.db.query(`SELECT pg_advisory_xact_lock(hashtext('inventory:reservation-requests'))`);
  }

  /**
   * Pending requests whose turn has come, first placed first, locked. A request waits the ordering window after
   * its placement (so that the placement of an earlier order can arrive), then while an order placed before it
   * for one of its SKUs is still unconfirmed here (its confirmation is on its way), at most `maxHoldMs` after
   * that order's placement (one held for review does not hold others long). With `through`, every request
   * placed no later than that order's is served at once. A request is also served at once when, for each of its
   * SKUs, at least `headroom` units stay available after it and after every earlier order known here (pending
   * requests, unconfirmed demand, waiting backorders): then no order still on its way can lose by it.
   */
  async lockReadyRequests(
    ordering: { windowMs: number; maxHoldMs: number; headroom: number },
    through?: string,
  ): Promise<
    Array<{
      orderId: string;
      /** When it was queued; null when that was in this transaction (it did not wait at all). */
      receivedAt: Date | null;
      lines: Array<{ sku: string; quantity: number }>;
      cause: { id: string; correlationId: string; headers?: Record<string, string> };
    }>
  > {
    // Orders placed in the same millisecond are ordered by id, in the hold as in the serving order: a burst
    // places many orders per millisecond, and `<` on the time alone would let one overtake its twin.
    const rows: Array<{
      order_id: string;
      received_at: Date;
      received_now: boolean;
      lines: Array<{ sku: string; quantity: number }>;
      cause: { id: string; correlationId: string; headers?: Record<string, string> };
    }> = await this.db.query(
      `SELECT r.order_id, r.received_at, r.received_at = now() AS received_now, r.lines, r.cause
       FROM reservation_requests r
       WHERE r.status = 'PENDING' AND (
         r.placed_at <= (SELECT placed_at FROM reservation_requests WHERE order_id = $3::uuid)
         OR (r.placed_at <= now() - make_interval(secs => $1 / 1000.0)
             AND NOT EXISTS (
               SELECT 1 FROM order_demand d
               WHERE NOT d.confirmed AND d.order_id <> r.order_id
                 AND (d.placed_at, d.order_id) < (r.placed_at, r.order_id)
                 AND d.placed_at > now() - make_interval(secs => $2 / 1000.0)
                 AND d.sku IN (SELECT line->>'sku' FROM jsonb_array_elements(r.lines) AS line)))
         OR ($4::int >= 0 AND NOT EXISTS (
               SELECT 1 FROM jsonb_array_elements(r.lines) AS line
               WHERE (SELECT coalesce(sum(s.on_hand - s.reserved), 0) FROM stock_levels s WHERE s.sku = line->>'sku')
                   - (line->>'quantity')::int
                   - (SELECT coalesce(sum((l->>'quantity')::int), 0)
                        FROM reservation_requests e, jsonb_array_elements(e.lines) AS l
                       WHERE e.status = 'PENDING' AND l->>'sku' = line->>'sku'
                         AND (e.placed_at, e.order_id) < (r.placed_at, r.order_id))
                   - (SELECT coalesce(sum(d.quantity), 0) FROM order_demand d
                       WHERE d.sku = line->>'sku' AND NOT d.confirmed AND d.order_id <> r.order_id)
                   - (SELECT coalesce(sum(b.quantity), 0) FROM backorders b
                       WHERE b.sku = line->>'sku' AND b.status = 'WAITING')
                   < $4::int)))
       ORDER BY r.placed_at, r.order_id FOR UPDATE OF r`,
      [ordering.windowMs, ordering.maxHoldMs, through ?? null, ordering.headroom],
    );
    return rows.map((r) => ({
      orderId: r.order_id,
      receivedAt: r.received_now ? null : r.received_at,
      lines: r.lines,
      cause: r.cause,
    }));
  }

  async anyPendingRequest(): Promise<boolean> {
    const [row] = await this.db.query(
      `SELECT EXISTS (SELECT 1 FROM reservation_requests WHERE status = 'PENDING') AS pending`,
    );
    return row.pending;
  }

  async closeRequest(orderId: string, status: 'DONE' | 'CANCELLED'): Promise<void> {
    await this.db.query(`UPDATE reservation_requests SET status = $2 WHERE order_id = $1 AND status = 'PENDING'`, [
      orderId,
      status,
    ]);
  }

  /** Whether this reship was already reserved or queued here. */
  async reshipHandled(reshipId: string): Promise<boolean> {
    const [row] = await this.db.query(
      `SELECT EXISTS (SELECT 1 FROM reservations WHERE reship_id = $1)
           OR EXISTS (SELECT 1 FROM backorders WHERE reship_id = $1) AS handled`,
      [reshipId],
    );
    return row.handled;
  }

  async reserve(
    reservation: { id: string; orderId: string; expiresAt: Date; reshipId?: string | null },
    allocations: Array<{ warehouseId: string; lines: Array<{ sku: string; quantity: number }> }>,
  ): Promise<void> {
    await this.db.query(
      `INSERT INTO reservations (id, order_id, status, expires_at, reship_id) VALUES ($1, $2, 'ACTIVE', $3, $4)`,
      [reservation.id, reservation.orderId, reservation.expiresAt, reservation.reshipId ?? null],
    );
    for (const allocation of allocations) {
      for (const line of allocation.lines) {
        await this.db.query(
          `INSERT INTO reservation_lines (reservation_id, warehouse_id, sku, quantity) VALUES ($1, $2, $3, $4)`,
          [reservation.id, allocation.warehouseId, line.sku, line.quantity],
        );
        // The CHECK (reserved <= on_hand) is the last guard: this can never over-reserve. The ledger gets the
        // movement in the same statement, so that it alone explains every level.
        await this.db.query(
          `WITH level AS (
             UPDATE stock_levels SET reserved = reserved + $3, updated_at = now()
              WHERE sku = $1 AND warehouse_id = $2 RETURNING on_hand, reserved)
           INSERT INTO stock_movements (sku, warehouse_id, kind, on_hand_delta, reserved_delta, on_hand_after,
                                        reserved_after, reference, order_id)
           SELECT $1, $2, 'reservation', 0, $3, on_hand, reserved, $4, $5 FROM level`,
          [line.sku, allocation.warehouseId, line.quantity, reservation.id, reservation.orderId],
        );
      }
    }
  }

  /**
   * Puts units of an order (or of one of its reships) in the SKU's queue. Units added to a line that already
   * waits keep its place; a line that had been served or dropped queues again at the back.
   */
  async queueBackorders(
    orderId: string,
    lines: Array<{ sku: string; quantity: number }>,
    reshipId: string | null = null,
  ): Promise<void> {
    for (const line of lines) {
      await this.db.query(
        `INSERT INTO backorders (order_id, sku, quantity, status, reship_id) VALUES ($1, $2, $3, 'WAITING', $4)
         ON CONFLICT (order_id, sku, reship_id) DO UPDATE SET
           quantity = CASE WHEN backorders.status = 'WAITING' THEN backorders.quantity + EXCLUDED.quantity ELSE EXCLUDED.quantity END,
           seq = CASE WHEN backorders.status = 'WAITING' THEN backorders.seq ELSE nextval(pg_get_serial_sequence('backorders', 'seq')) END,
           queued_at = CASE WHEN backorders.status = 'WAITING' THEN backorders.queued_at ELSE clock_timestamp() END,
           status = 'WAITING'`,
        [orderId, line.sku, line.quantity, reshipId],
      );
    }
  }

  /**
   * Sets what the order itself waits for of each SKU: a line that still waits keeps its place in the queue, a
   * new one queues at the back, and SKUs no longer short leave the queue.
   */
  async setWaiting(orderId: string, lines: Array<{ sku: string; quantity: number }>): Promise<void> {
    await this.db.query(
      `UPDATE backorders SET status = 'CANCELLED'
       WHERE order_id = $1 AND reship_id IS NULL AND status = 'WAITING' AND NOT (sku = ANY($2::text[]))`,
      [orderId, lines.map((l) => l.sku)],
    );
    for (const line of lines) {
      await this.db.query(
        `INSERT INTO backorders (order_id, sku, quantity, status, reship_id) VALUES ($1, $2, $3, 'WAITING', NULL)
         ON CONFLICT (order_id, sku, reship_id) DO UPDATE SET
           quantity = EXCLUDED.quantity,
           seq = CASE WHEN backorders.status = 'WAITING' THEN backorders.seq ELSE nextval(pg_get_serial_sequence('backorders', 'seq')) END,
           queued_at = CASE WHEN backorders.status = 'WAITING' THEN backorders.queued_at ELSE clock_timestamp() END,
           status = 'WAITING'`,
        [orderId, line.sku, line.quantity],
      );
    }
  }

  /** What the order itself (not its reships) waits for now, per SKU. */
  async waitingOf(orderId: string): Promise<Array<{ sku: string; quantity: number }>> {
    return this.db.query(
      `SELECT sku, quantity FROM backorders WHERE order_id = $1 AND reship_id IS NULL AND status = 'WAITING' ORDER BY sku`,
      [orderId],
    );
  }

  /** The SKU's waiting backorders, first come first served, locked for this transaction. */
  async lockWaiting(sku: string): Promise<Array<{ orderId: string; quantity: number; reshipId: string | null }>> {
    const rows: Array<{ order_id: string; quantity: number; reship_id: string | null }> = await this.db.query(
      `SELECT order_id, quantity, reship_id FROM backorders WHERE sku = $1 AND status = 'WAITING' ORDER BY seq FOR UPDATE`,
      [sku],
    );
    return rows.map((r) => ({ orderId: r.order_id, quantity: r.quantity, reshipId: r.reship_id }));
  }

  /**
   * Takes `quantity` units off a waiting line: it waits for the rest, or ends as `done` (SERVED when stock
   * was reserved for it, CANCELLED when the units were dropped).
   */
  /** Returns how many units were waiting and are taken. */
  async takeFromBackorder(
    orderId: string,
    sku: string,
    quantity: number,
    done: 'SERVED' | 'CANCELLED',
    reshipId: string | null = null,
  ): Promise<number> {
    const [row] = await this.db.query(
      `SELECT quantity FROM backorders
       WHERE order_id = $1 AND sku = $2 AND reship_id IS NOT DISTINCT FROM $3 AND status = 'WAITING' FOR UPDATE`,
      [orderId, sku, reshipId],
    );
    if (!row) return 0;
    await this.db.query(
      `UPDATE backorders SET quantity = CASE WHEN quantity > $3 THEN quantity - $3 ELSE quantity END,
              status = CASE WHEN quantity > $3 THEN 'WAITING' ELSE $4 END
       WHERE order_id = $1 AND sku = $2 AND reship_id IS NOT DISTINCT FROM $5 AND status = 'WAITING'`,
      [orderId, sku, quantity, done, reshipId],
    );
    return Math.min(quantity, row.quantity);
  }

  /**
   * Up to `quantity` held units of a SKU in the order's own open reservations, newest first (what the queue
   * served last), their reservations locked (before any stock row, as everywhere).
   */
  async lockNewestOpen(
    orderId: string,
    sku: string,
    quantity: number,
  ): Promise<Array<{ reservationId: string; warehouseId: string; sku: string; quantity: number }>> {
    await this.db.query(
      `SELECT id FROM reservations WHERE order_id = $1 AND reship_id IS NULL AND status IN ('ACTIVE', 'FULFILLING')
       ORDER BY id FOR UPDATE`,
      [orderId],
    );
    const rows: Array<{ reservation_id: string; warehouse_id: string; held: number }> = await this.db.query(
      `SELECT l.reservation_id, l.warehouse_id, l.quantity - l.shipped AS held
       FROM reservations r JOIN reservation_lines l ON l.reservation_id = r.id
       WHERE r.order_id = $1 AND r.reship_id IS NULL AND r.status IN ('ACTIVE', 'FULFILLING') AND l.sku = $2
         AND l.shipped < l.quantity
       ORDER BY r.created_at DESC, l.warehouse_id`,
      [orderId, sku],
    );
    const parts: Array<{ reservationId: string; warehouseId: string; sku: string; quantity: number }> = [];
    let left = quantity;
    for (const row of rows) {
      if (left === 0) break;
      const take = Math.min(left, row.held);
      parts.push({ reservationId: row.reservation_id, warehouseId: row.warehouse_id, sku, quantity: take });
      left -= take;
    }
    return parts;
  }

  /** Takes released units off a reservation's lines; a reservation left with nothing is RELEASED. */
  async reduce(
    reservationId: string,
    lines: Array<{ warehouseId: string; sku: string; quantity: number }>,
  ): Promise<void> {
    for (const line of lines) {
      const where = `reservation_id = $1 AND warehouse_id = $2 AND sku = $3`;
      const args = [reservationId, line.warehouseId, line.sku, line.quantity];
      await this.db.query(`DELETE FROM reservation_lines WHERE ${where} AND quantity = $4 AND shipped = 0`, args);
      await this.db.query(
        `UPDATE reservation_lines SET quantity = quantity - $4 WHERE ${where} AND quantity > $4`,
        args,
      );
    }
    await this.db.query(
      `UPDATE reservations r SET status = 'RELEASED', updated_at = now()
       WHERE r.id = $1 AND NOT EXISTS (SELECT 1 FROM reservation_lines l WHERE l.reservation_id = r.id)`,
      [reservationId],
    );
  }

  async stillWaiting(orderId: string, reshipId: string | null = null): Promise<boolean> {
    const [row] = await this.db.query(
      `SELECT EXISTS (SELECT 1 FROM backorders WHERE order_id = $1 AND reship_id IS NOT DISTINCT FROM $2
                                               AND status = 'WAITING') AS waiting`,
      [orderId, reshipId],
    );
    return row.waiting;
  }

  /**
   * The order's reservations that still hold stock, locked (reservations before stock rows, as everywhere);
   * `ownOnly` leaves its reships' out.
   */
  async lockOpenReservationsOf(orderId: string, ownOnly = false): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT id FROM reservations WHERE order_id = $1 AND status IN ('ACTIVE', 'FULFILLING')
         AND ($2::boolean IS FALSE OR reship_id IS NULL)
       ORDER BY id FOR UPDATE`,
      [orderId, ownOnly],
    );
    return rows.map((r) => r.id);
  }

  async cancelBackorders(orderId: string): Promise<void> {
    await this.db.query(`UPDATE backorders SET status = 'CANCELLED' WHERE order_id = $1 AND status = 'WAITING'`, [
      orderId,
    ]);
  }

  async announceReceipt(receipt: {
    id: string;
    sku: string;
    warehouseId: string;
    quantity: number;
    expectedAt: string;
    reference?: string;
  }): Promise<void> {
    await this.db.query(
      `INSERT INTO expected_receipts (id, sku, warehouse_id, quantity, expected_at, reference, status)
       VALUES ($1, $2, $3, $4, $5, $6, 'OPEN')`,
      [receipt.id, receipt.sku, receipt.warehouseId, receipt.quantity, receipt.expectedAt, receipt.reference ?? null],
    );
  }

  /** Goods received under a reference close the receipt announced with it. */
  async receiptArrived(sku: string, warehouseId: string, reference: string): Promise<void> {
    await this.db.query(
      `UPDATE expected_receipts SET status = 'RECEIVED'
       WHERE sku = $1 AND warehouse_id = $2 AND reference = $3 AND status = 'OPEN'`,
      [sku, warehouseId, reference],
    );
  }

  /**
   * When waiting lines of these SKUs can be promised: the latest of each SKU's earliest open receipt, or
   * undefined when some SKU has none announced.
   */
  async promiseDate(skus: string[]): Promise<string | undefined> {
    const rows: Array<{ sku: string; earliest: Date }> = await this.db.query(
      `SELECT sku, min(expected_at) AS earliest FROM expected_receipts
       WHERE sku = ANY($1::text[]) AND status = 'OPEN' GROUP BY sku`,
      [skus],
    );
    if (rows.length < new Set(skus).size) return undefined;
    return new Date(Math.max(...rows.map((r) => r.earliest.getTime()))).toISOString();
  }

  /** What each order waits for of a SKU (first come first served). */
  async waitingFor(sku: string): Promise<Array<{ orderId: string; quantity: number }>> {
    const rows: Array<{ order_id: string; quantity: number }> = await this.db.query(
      `SELECT order_id, quantity FROM backorders WHERE sku = $1 AND status = 'WAITING' ORDER BY seq`,
      [sku],
    );
    return rows.map((r) => ({ orderId: r.order_id, quantity: r.quantity }));
  }

  async demandConfirmed(orderId: string): Promise<void> {
    await this.db.query(`UPDATE order_demand SET confirmed = true WHERE order_id = $1`, [orderId]);
  }

  /** Records a shipment as applied; false when it already was (its stock must not leave twice). */
  async claimShipment(shipmentId: string): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO applied_shipments (shipment_id) VALUES ($1) ON CONFLICT DO NOTHING RETURNING shipment_id`,
      [shipmentId],
    );
    return rows.length > 0;
  }

  /**
   * The unshipped reservation lines of these orders in one warehouse, oldest reservation first, their
   * reservations locked (always before stock rows, as the expiry timer does, so the two cannot deadlock).
   */
  async lockOpenLines(
    orderIds: string[],
    warehouseId: string,
  ): Promise<Array<{ reservationId: string; orderId: string; sku: string; open: number }>> {
    await this.db.query(
      `SELECT id FROM reservations WHERE order_id = ANY($1::uuid[]) AND status IN ('ACTIVE', 'FULFILLING')
       ORDER BY id FOR UPDATE`,
      [orderIds],
    );
    const rows: Array<{ reservation_id: string; order_id: string; sku: string; open: number }> = await this.db.query(
      `SELECT l.reservation_id, r.order_id, l.sku, l.quantity - l.shipped AS open
       FROM reservations r JOIN reservation_lines l ON l.reservation_id = r.id
       WHERE r.order_id = ANY($1::uuid[]) AND r.status IN ('ACTIVE', 'FULFILLING') AND l.warehouse_id = $2
         AND l.shipped < l.quantity
       ORDER BY r.created_at, l.sku`,
      [orderIds, warehouseId],
    );
    return rows.map((r) => ({ reservationId: r.reservation_id, orderId: r.order_id, sku: r.sku, open: r.open }));
  }

  async addShipped(reservationId: string, warehouseId: string, sku: string, quantity: number): Promise<void> {
    await this.db.query(
      `UPDATE reservation_lines SET shipped = shipped + $4 WHERE reservation_id = $1 AND warehouse_id = $2 AND sku = $3`,
      [reservationId, warehouseId, sku, quantity],
    );
  }

  /** Reservations whose every line has shipped are CONSUMED. */
  async consumeFullyShipped(reservationIds: string[]): Promise<void> {
    await this.db.query(
      `UPDATE reservations r SET status = 'CONSUMED', updated_at = now()
       WHERE r.id = ANY($1::uuid[]) AND NOT EXISTS (
         SELECT 1 FROM reservation_lines l WHERE l.reservation_id = r.id AND l.shipped < l.quantity)`,
      [reservationIds],
    );
  }

  /** The order took its reservation into fulfillment: it no longer expires. */
  async markFulfillmentRequested(match: { reservationId?: string; orderIds: string[] }): Promise<void> {
    const set = `UPDATE reservations SET status = 'FULFILLING', fulfillment_requested_at = now(), updated_at = now()`;
    if (match.reservationId) {
      await this.db.query(`${set} WHERE status = 'ACTIVE' AND id = $1`, [match.reservationId]);
    } else {
      await this.db.query(`${set} WHERE status = 'ACTIVE' AND order_id = ANY($1::uuid[])`, [match.orderIds]);
    }
  }

  /** Lapsed reservations, locked for this transaction (SKIP LOCKED: instances share the work, none twice). */
  async lockDueExpiries(limit: number): Promise<Array<{ id: string; orderId: string; reshipId: string | null }>> {
    const rows: Array<{ id: string; order_id: string; reship_id: string | null }> = await this.db.query(
      `SELECT id, order_id, reship_id FROM reservations WHERE status = 'ACTIVE' AND expires_at <= now()
       ORDER BY expires_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    return rows.map((r) => ({ id: r.id, orderId: r.order_id, reshipId: r.reship_id }));
  }

  /** What a reservation still holds, per warehouse and SKU. */
  async heldBy(reservationId: string): Promise<Array<{ warehouseId: string; sku: string; quantity: number }>> {
    const rows: Array<{ warehouse_id: string; sku: string; held: number }> = await this.db.query(
      `SELECT warehouse_id, sku, quantity - shipped AS held FROM reservation_lines
       WHERE reservation_id = $1 AND shipped < quantity ORDER BY sku, warehouse_id`,
      [reservationId],
    );
    return rows.map((r) => ({ warehouseId: r.warehouse_id, sku: r.sku, quantity: r.held }));
  }

  async setStatus(reservationId: string, status: 'EXPIRED' | 'RELEASED'): Promise<void> {
    await this.db.query(`UPDATE reservations SET status = $2, updated_at = now() WHERE id = $1`, [
      reservationId,
      status,
    ]);
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
