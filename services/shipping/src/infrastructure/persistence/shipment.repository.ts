import { Injectable } from '@nestjs/common';
import type { AddressV1, ContactV1, FulfillmentPurpose } from '@oms/contracts';
import { keysetQuery, type Page, rowPosition, toPage, UnitOfWork } from '@oms/platform';
import type { DeliveryNote, PackedPackage, ShipmentStatus } from '../../domain/shipment';

export interface NewShipment {
  id: string;
  pickListId: string;
  warehouseId: string;
  orderIds: string[];
  customerId: string;
  shippingAddress: AddressV1;
  contact: ContactV1;
  packages: PackedPackage[];
  note: DeliveryNote;
  purpose: FulfillmentPurpose;
  reshipId: string | null;
}

export interface ShipmentView {
  id: string;
  pickListId: string;
  warehouseId: string;
  status: ShipmentStatus;
  orderIds: string[];
  customerId: string;
  shippingAddress: AddressV1;
  carrier: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  shippingCost: number | null;
  dispatchedAt: string | null;
  totalWeightGrams: number;
  packages: PackedPackage[];
  items: Array<{ orderId: string; sku: string; quantity: number }>;
  purpose: FulfillmentPurpose;
  reshipId: string | null;
  createdAt: string;
}

interface ShipmentRow {
  id: string;
  pick_list_id: string;
  warehouse_id: string;
  status: ShipmentStatus;
  order_ids: string[];
  customer_id: string;
  shipping_address: AddressV1;
  carrier: string | null;
  tracking_number: string | null;
  tracking_url: string | null;
  shipping_cost: string | null;
  dispatched_at: Date | null;
  total_weight_grams: number;
  packages: PackedPackage[];
  items: Array<{ orderId: string; sku: string; quantity: number }>;
  purpose: FulfillmentPurpose;
  reship_id: string | null;
  created_at: Date;
}

const SELECT = `
  SELECT s.id, s.pick_list_id, s.warehouse_id, s.status, s.order_ids, s.customer_id, s.shipping_address, s.carrier,
         s.tracking_number, s.tracking_url, s.shipping_cost, s.dispatched_at, s.total_weight_grams, s.packages, s.created_at,
         s.purpose, s.reship_id,
         coalesce((SELECT json_agg(json_build_object('orderId', l.order_id, 'sku', l.sku, 'quantity', l.quantity)
                                   ORDER BY l.order_id, l.sku)
                   FROM shipment_lines l WHERE l.shipment_id = s.id), '[]') AS items
  FROM shipments s`;

/** SQL of the shipping database; joins the current UnitOfWork transaction. */
@Injectable()
export class ShipmentRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  /** Inserts the shipment unless its pick list already has one; returns whether it did. */
  async insertOnce(shipment: NewShipment): Promise<boolean> {
    const db = this.unitOfWork.manager;
    const inserted = await db.query(
      `INSERT INTO shipments (id, pick_list_id, warehouse_id, status, order_ids, customer_id, shipping_address, contact, packages,
                              total_weight_grams, purpose, reship_id)
       VALUES ($1, $2, $3, 'CREATED', $4::uuid[], $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (pick_list_id) WHERE status <> 'VOIDED' DO NOTHING RETURNING id`,
      [
        shipment.id,
        shipment.pickListId,
        shipment.warehouseId,
        shipment.orderIds,
        shipment.customerId,
        shipment.shippingAddress,
        shipment.contact,
        JSON.stringify(shipment.packages),
        shipment.note.totalWeightGrams,
        shipment.purpose,
        shipment.reshipId,
      ],
    );
    if (inserted.length === 0) return false;
    for (const line of shipment.note.lines) {
      await db.query(`INSERT INTO shipment_lines (shipment_id, order_id, sku, quantity) VALUES ($1, $2, $3, $4)`, [
        shipment.id,
        line.orderId,
        line.sku,
        line.quantity,
      ]);
    }
    return true;
  }

  /** The shipment, row-locked for the rest of the transaction. */
  async lockForDispatch(id: string): Promise<(ShipmentView & { contact: ContactV1 }) | null> {
    const db = this.unitOfWork.requireTransaction();
    const locked = await db.query(`SELECT contact FROM shipments WHERE id = $1 FOR UPDATE`, [id]);
    if (locked.length === 0) return null;
    const view = await this.findById(id);
    return view ? { ...view, contact: locked[0].contact } : null;
  }

  /** The shipment made from a pick list, locked, with its lines; null when the list was never packed. */
  async lockByPickList(pickListId: string): Promise<{
    id: string;
    status: ShipmentStatus;
    warehouseId: string;
    orderIds: string[];
    lines: Array<{ orderId: string; sku: string; quantity: number }>;
  } | null> {
    const db = this.unitOfWork.requireTransaction();
    const [row] = await db.query(
      `SELECT id, status, warehouse_id, order_ids FROM shipments WHERE pick_list_id = $1 AND status <> 'VOIDED' FOR UPDATE`,
      [pickListId],
    );
    if (!row) return null;
    const lines = await db.query(
      `SELECT order_id AS "orderId", sku, quantity FROM shipment_lines WHERE shipment_id = $1 ORDER BY order_id, sku`,
      [row.id],
    );
    return { id: row.id, status: row.status, warehouseId: row.warehouse_id, orderIds: row.order_ids, lines };
  }

  /** Notes the order as cancelled; false when it already was. */
  async markOrderCancelled(orderId: string, cancellationId: string): Promise<boolean> {
    const rows = await this.unitOfWork
      .requireTransaction()
      .query(
        `INSERT INTO cancelled_orders (order_id, cancellation_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING order_id`,
        [orderId, cancellationId],
      );
    return rows.length > 0;
  }

  /** Whether any of these orders was cancelled. */
  async anyCancelled(orderIds: string[]): Promise<boolean> {
    const rows = await this.unitOfWork.manager.query(
      `SELECT 1 FROM cancelled_orders WHERE order_id = ANY($1::uuid[]) LIMIT 1`,
      [orderIds],
    );
    return rows.length > 0;
  }

  /** The order's shipments that are not voided, locked, with their lines. */
  async lockLiveOf(orderId: string): Promise<
    Array<{
      id: string;
      status: ShipmentStatus;
      warehouseId: string;
      orderIds: string[];
      lines: Array<{ orderId: string; sku: string; quantity: number }>;
    }>
  > {
    const db = this.unitOfWork.requireTransaction();
    const rows: Array<{ id: string; status: ShipmentStatus; warehouse_id: string; order_ids: string[] }> =
      await db.query(
        `SELECT id, status, warehouse_id, order_ids FROM shipments WHERE $1 = ANY(order_ids) AND status <> 'VOIDED'
         ORDER BY id FOR UPDATE`,
        [orderId],
      );
    const shipments = [];
    for (const row of rows) {
      const lines = await db.query(
        `SELECT order_id AS "orderId", sku, quantity FROM shipment_lines WHERE shipment_id = $1 ORDER BY order_id, sku`,
        [row.id],
      );
      shipments.push({ id: row.id, status: row.status, warehouseId: row.warehouse_id, orderIds: row.order_ids, lines });
    }
    return shipments;
  }

  async trackingNumberTaken(trackingNumber: string): Promise<boolean> {
    return (
      (await this.unitOfWork.manager.query(`SELECT 1 FROM shipments WHERE tracking_number = $1`, [trackingNumber]))
        .length > 0
    );
  }

  async markDispatched(
    id: string,
    dispatch: { carrier: string; trackingNumber: string; trackingUrl: string | null; costMinor: number; at: Date },
  ): Promise<void> {
    await this.unitOfWork.requireTransaction().query(
      `UPDATE shipments SET status = 'DISPATCHED', carrier = $2, tracking_number = $3, tracking_url = $4, shipping_cost = $5,
              dispatched_at = $6, updated_at = now()
       WHERE id = $1`,
      [id, dispatch.carrier, dispatch.trackingNumber, dispatch.trackingUrl, dispatch.costMinor, dispatch.at],
    );
  }

  /** Records a carrier report; false when the same report (carrier, number, status, time) was seen before. */
  async recordCarrierEvent(event: {
    carrier: string;
    trackingNumber: string;
    status: string;
    at: string;
    detail: string | null;
    shipmentId: string;
    applied: boolean;
  }): Promise<boolean> {
    const inserted = await this.unitOfWork.requireTransaction().query(
      `INSERT INTO carrier_events (carrier, tracking_number, status, at, detail, shipment_id, applied) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT DO NOTHING RETURNING status`,
      [event.carrier, event.trackingNumber, event.status, event.at, event.detail, event.shipmentId, event.applied],
    );
    return inserted.length > 0;
  }

  /** The shipment a carrier's tracking number belongs to, row-locked. */
  async lockByTracking(
    carrier: string,
    trackingNumber: string,
  ): Promise<{ id: string; status: ShipmentStatus; contact: ContactV1 } | null> {
    const [row] = await this.unitOfWork
      .requireTransaction()
      .query(`SELECT id, status, contact FROM shipments WHERE carrier = $1 AND tracking_number = $2 FOR UPDATE`, [
        carrier,
        trackingNumber,
      ]);
    return row ?? null;
  }

  async setStatus(id: string, status: ShipmentStatus, deliveredAt: string | null): Promise<void> {
    await this.unitOfWork
      .requireTransaction()
      .query(
        `UPDATE shipments SET status = $2, delivered_at = coalesce($3, delivered_at), updated_at = now() WHERE id = $1`,
        [id, status, deliveredAt],
      );
  }

  async findById(id: string): Promise<ShipmentView | null> {
    const [row] = await this.unitOfWork.manager.query(`${SELECT} WHERE s.id = $1`, [id]);
    return row ? toView(row) : null;
  }

  async findByTrackingNumber(trackingNumber: string): Promise<ShipmentView | null> {
    const [row] = await this.unitOfWork.manager.query(`${SELECT} WHERE s.tracking_number = $1`, [trackingNumber]);
    return row ? toView(row) : null;
  }

  async list(filter: { orderId?: string; limit: number; cursor?: string }): Promise<Page<ShipmentView>> {
    const page = keysetQuery({
      alias: 's',
      conditions: [filter.orderId && ['?::uuid = ANY(s.order_ids)', filter.orderId]],
      cursor: filter.cursor,
      limit: filter.limit,
    });
    const rows: ShipmentRow[] = await this.unitOfWork.manager.query(
      `${SELECT} ${page.where} ${page.orderByLimit}`,
      page.params,
    );
    return toPage(rows, filter.limit, rowPosition, toView);
  }
}

function toView(row: ShipmentRow): ShipmentView {
  return {
    id: row.id,
    pickListId: row.pick_list_id,
    warehouseId: row.warehouse_id,
    status: row.status,
    orderIds: row.order_ids,
    customerId: row.customer_id,
    shippingAddress: row.shipping_address,
    carrier: row.carrier,
    trackingNumber: row.tracking_number,
    trackingUrl: row.tracking_url,
    shippingCost: row.shipping_cost === null ? null : Number(row.shipping_cost),
    dispatchedAt: row.dispatched_at?.toISOString() ?? null,
    totalWeightGrams: row.total_weight_grams,
    packages: row.packages,
    items: row.items,
    purpose: row.purpose,
    reshipId: row.reship_id,
    createdAt: row.created_at.toISOString(),
  };
}
