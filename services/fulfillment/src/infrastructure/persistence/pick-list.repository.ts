import { Injectable } from '@nestjs/common';
import type { AddressV1, ContactV1, FulfillmentPurpose } from '@oms/contracts';
import { keysetQuery, type Page, rowPosition, toPage, UnitOfWork } from '@oms/platform';
import type { PickLine, PickListStatus } from '../../domain/pick-list';

export interface NewPickList {
  id: string;
  fulfillmentRequestId: string;
  warehouseId: string;
  orderIds: string[];
  customerId: string;
  shippingAddress: AddressV1;
  contact: ContactV1;
  priority: string;
  purpose: FulfillmentPurpose;
  reshipId: string | null;
  mergeKey: string;
  lines: PickLine[];
  orderLines: Array<{ orderId: string; sku: string; quantity: number }>;
}

export interface LockedPickList {
  id: string;
  status: PickListStatus;
  warehouseId: string;
  orderIds: string[];
  customerId: string;
  shippingAddress: AddressV1;
  contact: ContactV1;
  purpose: FulfillmentPurpose;
  reshipId: string | null;
  lines: Array<{ sku: string; quantity: number; picked: number }>;
  orderLines: Array<{ orderId: string; sku: string; quantity: number }>;
}

export interface PickListView {
  id: string;
  fulfillmentRequestId: string;
  warehouseId: string;
  status: PickListStatus;
  orderIds: string[];
  customerId: string;
  shippingAddress: AddressV1;
  priority: string;
  lines: Array<PickLine & { picked: number }>;
  createdAt: string;
}

interface PickListRow {
  id: string;
  fulfillment_request_id: string;
  warehouse_id: string;
  status: PickListStatus;
  order_ids: string[];
  customer_id: string;
  shipping_address: AddressV1;
  priority: string;
  created_at: Date;
  lines: Array<PickLine & { picked: number }>;
}

const SELECT = `
  SELECT p.id, p.fulfillment_request_id, p.warehouse_id, p.status, p.order_ids, p.customer_id, p.shipping_address,
         p.priority, p.created_at,
         coalesce((SELECT json_agg(json_build_object('sku', l.sku, 'quantity', l.quantity, 'bin', l.bin, 'picked', l.picked)
                                   ORDER BY l.bin NULLS LAST, l.sku)
                   FROM pick_list_lines l WHERE l.pick_list_id = p.id), '[]') AS lines
  FROM pick_lists p`;

/** SQL of the fulfillment database; joins the current UnitOfWork transaction. */
@Injectable()
export class PickListRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  /** Inserts the pick list unless its fulfillment request already has one; returns whether it did. */
  async insertOnce(list: NewPickList): Promise<boolean> {
    const db = this.unitOfWork.manager;
    const inserted = await db.query(
      `INSERT INTO pick_lists (id, fulfillment_request_id, warehouse_id, status, order_ids, customer_id, shipping_address, contact, priority,
                               purpose, reship_id, merge_key)
       VALUES ($1, $2, $3, 'OPEN', $4::uuid[], $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (fulfillment_request_id) DO NOTHING RETURNING id`,
      [
        list.id,
        list.fulfillmentRequestId,
        list.warehouseId,
        list.orderIds,
        list.customerId,
        list.shippingAddress,
        list.contact,
        list.priority,
        list.purpose,
        list.reshipId,
        list.mergeKey,
      ],
    );
    if (inserted.length === 0) return false;
    await db.query(
      `INSERT INTO pick_list_requests (fulfillment_request_id, pick_list_id, order_id) VALUES ($1, $2, $3)`,
      [list.fulfillmentRequestId, list.id, list.orderIds[0]],
    );
    for (const line of list.lines) {
      await db.query(`INSERT INTO pick_list_lines (pick_list_id, sku, quantity, bin) VALUES ($1, $2, $3, $4)`, [
        list.id,
        line.sku,
        line.quantity,
        line.bin,
      ]);
    }
    for (const line of list.orderLines) {
      await db.query(
        `INSERT INTO pick_list_order_lines (pick_list_id, order_id, sku, quantity) VALUES ($1, $2, $3, $4)
         ON CONFLICT (pick_list_id, order_id, sku) DO UPDATE SET quantity = pick_list_order_lines.quantity + EXCLUDED.quantity`,
        [list.id, line.orderId, line.sku, line.quantity],
      );
    }
    return true;
  }

  /** Whether this fulfillment request is already on a pick list (its own, or one it joined). */
  async requestHandled(fulfillmentRequestId: string): Promise<boolean> {
    const rows = await this.unitOfWork.manager.query(
      `SELECT 1 FROM pick_list_requests WHERE fulfillment_request_id = $1`,
      [fulfillmentRequestId],
    );
    return rows.length > 0;
  }

  /**
   * An open list of the same warehouse, customer and address (merge key), purpose and priority, made since
   * `since`, with room for another order; locked. Lookups of one key queue up (advisory lock), so two orders of
   * one customer arriving together make one list, not two.
   */
  async lockMergeable(match: {
    warehouseId: string;
    mergeKey: string;
    priority: string;
    since: Date;
    maxOrders: number;
  }): Promise<string | null> {
    const db = this.unitOfWork.requireTransaction();
    await db.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`merge:${match.warehouseId}:${match.mergeKey}`]);
    const [row] = await db.query(
      `SELECT id FROM pick_lists
       WHERE warehouse_id = $1 AND merge_key = $2 AND status = 'OPEN' AND purpose = 'order' AND priority = $3
         AND created_at >= $4 AND cardinality(order_ids) < $5
       ORDER BY created_at LIMIT 1 FOR UPDATE`,
      [match.warehouseId, match.mergeKey, match.priority, match.since, match.maxOrders],
    );
    return row?.id ?? null;
  }

  /** Adds a fulfillment request's lines (of one order) to a locked open list. */
  async addRequest(
    pickListId: string,
    request: {
      fulfillmentRequestId: string;
      orderId: string;
      lines: PickLine[];
      orderLines: Array<{ orderId: string; sku: string; quantity: number }>;
    },
  ): Promise<void> {
    const db = this.unitOfWork.requireTransaction();
    await db.query(
      `INSERT INTO pick_list_requests (fulfillment_request_id, pick_list_id, order_id) VALUES ($1, $2, $3)`,
      [request.fulfillmentRequestId, pickListId, request.orderId],
    );
    for (const line of request.lines) {
      await db.query(
        `INSERT INTO pick_list_lines (pick_list_id, sku, quantity, bin) VALUES ($1, $2, $3, $4)
         ON CONFLICT (pick_list_id, sku) DO UPDATE SET quantity = pick_list_lines.quantity + EXCLUDED.quantity`,
        [pickListId, line.sku, line.quantity, line.bin],
      );
    }
    for (const line of request.orderLines) {
      await db.query(
        `INSERT INTO pick_list_order_lines (pick_list_id, order_id, sku, quantity) VALUES ($1, $2, $3, $4)
         ON CONFLICT (pick_list_id, order_id, sku) DO UPDATE SET quantity = pick_list_order_lines.quantity + EXCLUDED.quantity`,
        [pickListId, line.orderId, line.sku, line.quantity],
      );
    }
    await db.query(
      `UPDATE pick_lists SET order_ids = CASE WHEN $2 = ANY(order_ids) THEN order_ids ELSE array_append(order_ids, $2::uuid) END,
              updated_at = now() WHERE id = $1`,
      [pickListId, request.orderId],
    );
  }

  /**
   * Takes one order off a locked merged list: its units leave the lines (what was picked for it goes back to
   * the bins), and a packed list is PICKED again, to be repacked without it.
   */
  async removeOrder(pickListId: string, orderId: string): Promise<void> {
    const db = this.unitOfWork.requireTransaction();
    const own: Array<{ sku: string; quantity: number }> = await db.query(
      `SELECT sku, quantity FROM pick_list_order_lines WHERE pick_list_id = $1 AND order_id = $2`,
      [pickListId, orderId],
    );
    for (const line of own) {
      await db.query(`DELETE FROM pick_list_lines WHERE pick_list_id = $1 AND sku = $2 AND quantity <= $3`, [
        pickListId,
        line.sku,
        line.quantity,
      ]);
      await db.query(
        `UPDATE pick_list_lines SET quantity = quantity - $3, picked = least(picked, quantity - $3)
         WHERE pick_list_id = $1 AND sku = $2`,
        [pickListId, line.sku, line.quantity],
      );
    }
    await db.query(`DELETE FROM pick_list_order_lines WHERE pick_list_id = $1 AND order_id = $2`, [
      pickListId,
      orderId,
    ]);
    await db.query(
      `UPDATE pick_lists SET order_ids = array_remove(order_ids, $2::uuid),
              status = CASE WHEN status = 'PACKED' THEN 'PICKED' ELSE status END,
              packages = CASE WHEN status = 'PACKED' THEN NULL ELSE packages END,
              packed_at = CASE WHEN status = 'PACKED' THEN NULL ELSE packed_at END, updated_at = now()
       WHERE id = $1`,
      [pickListId, orderId],
    );
  }

  /** The pick list with its lines and per-order lines, row-locked for the rest of the transaction. */
  async lockForWork(id: string): Promise<LockedPickList | null> {
    const db = this.unitOfWork.requireTransaction();
    const [list] = await db.query(
      `SELECT id, status, warehouse_id, order_ids, customer_id, shipping_address, contact, purpose, reship_id
       FROM pick_lists WHERE id = $1 FOR UPDATE`,
      [id],
    );
    if (!list) return null;
    const lines = await db.query(
      `SELECT sku, quantity, picked FROM pick_list_lines WHERE pick_list_id = $1 ORDER BY bin NULLS LAST, sku`,
      [id],
    );
    const orderLines = await db.query(
      `SELECT order_id AS "orderId", sku, quantity FROM pick_list_order_lines WHERE pick_list_id = $1 ORDER BY order_id, sku`,
      [id],
    );
    return {
      id: list.id,
      status: list.status,
      warehouseId: list.warehouse_id,
      orderIds: list.order_ids,
      customerId: list.customer_id,
      shippingAddress: list.shipping_address,
      contact: list.contact,
      purpose: list.purpose,
      reshipId: list.reship_id,
      lines,
      orderLines,
    };
  }

  /** The order's pick lists not yet cancelled, locked, with their fulfillment requests. */
  async lockActiveOf(
    orderId: string,
  ): Promise<
    Array<{ id: string; status: string; warehouseId: string; orderIds: string[]; fulfillmentRequestId: string }>
  > {
    const rows: Array<{
      id: string;
      status: string;
      warehouse_id: string;
      order_ids: string[];
      fulfillment_request_id: string;
    }> = await this.unitOfWork.requireTransaction().query(
      `SELECT id, status, warehouse_id, order_ids, fulfillment_request_id FROM pick_lists
       WHERE $1 = ANY(order_ids) AND status <> 'CANCELLED' ORDER BY id FOR UPDATE`,
      [orderId],
    );
    return rows.map((r) => ({
      id: r.id,
      status: r.status,
      warehouseId: r.warehouse_id,
      orderIds: r.order_ids,
      fulfillmentRequestId: r.fulfillment_request_id,
    }));
  }

  async markPicking(id: string): Promise<void> {
    await this.unitOfWork
      .requireTransaction()
      .query(`UPDATE pick_lists SET status = 'PICKING', updated_at = now() WHERE id = $1`, [id]);
  }

  async markCancelled(id: string): Promise<void> {
    await this.unitOfWork
      .requireTransaction()
      .query(`UPDATE pick_lists SET status = 'CANCELLED', updated_at = now() WHERE id = $1`, [id]);
  }

  async savePick(id: string, lines: Array<{ sku: string; picked: number }>): Promise<void> {
    const db = this.unitOfWork.requireTransaction();
    for (const line of lines) {
      await db.query(`UPDATE pick_list_lines SET picked = $3 WHERE pick_list_id = $1 AND sku = $2`, [
        id,
        line.sku,
        line.picked,
      ]);
    }
    await db.query(`UPDATE pick_lists SET status = 'PICKED', picked_at = now(), updated_at = now() WHERE id = $1`, [
      id,
    ]);
  }

  async savePacked(id: string, packages: object[]): Promise<void> {
    await this.unitOfWork
      .requireTransaction()
      .query(
        `UPDATE pick_lists SET status = 'PACKED', packages = $2, packed_at = now(), updated_at = now() WHERE id = $1`,
        [id, JSON.stringify(packages)],
      );
  }

  async findById(id: string): Promise<PickListView | null> {
    const [row] = await this.unitOfWork.manager.query(`${SELECT} WHERE p.id = $1`, [id]);
    return row ? toView(row) : null;
  }

  async list(filter: {
    status?: string;
    warehouseId?: string;
    orderId?: string;
    limit: number;
    cursor?: string;
  }): Promise<Page<PickListView>> {
    const page = keysetQuery({
      alias: 'p',
      conditions: [
        filter.status && ['p.status = ?', filter.status],
        filter.warehouseId && ['p.warehouse_id = ?', filter.warehouseId],
        filter.orderId && ['?::uuid = ANY(p.order_ids)', filter.orderId],
      ],
      cursor: filter.cursor,
      limit: filter.limit,
    });
    const rows: PickListRow[] = await this.unitOfWork.manager.query(
      `${SELECT} ${page.where} ${page.orderByLimit}`,
      page.params,
    );
    return toPage(rows, filter.limit, rowPosition, toView);
  }
}

function toView(row: PickListRow): PickListView {
  return {
    id: row.id,
    fulfillmentRequestId: row.fulfillment_request_id,
    warehouseId: row.warehouse_id,
    status: row.status,
    orderIds: row.order_ids,
    customerId: row.customer_id,
    shippingAddress: row.shipping_address,
    priority: row.priority,
    lines: row.lines,
    createdAt: row.created_at.toISOString(),
  };
}
