import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@oms/platform';
import { Order, type OrderShipment, type StatusChange } from '../../domain/order';
import type { OrderRepository } from '../../domain/order.repository';
import type { OrderStatus } from '../../domain/order-status';
import type { OrderEntity } from './order.entity';

/** The order changed under us (its version moved): the caller retries from a fresh read. */
export class ConcurrentOrderUpdateError extends Error {
  constructor(readonly orderId: string) {
    super(`order ${orderId} was changed concurrently`);
    this.name = 'ConcurrentOrderUpdateError';
  }
}

/** Maps the aggregate to its tables; joins the current UnitOfWork transaction. */
@Injectable()
export class TypeormOrderRepository implements OrderRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  /** A new order, its lines and its first transitions in one statement. */
  async insert(order: Order, changes: StatusChange[]): Promise<void> {
    await this.unitOfWork.manager.query(
      `WITH inserted AS (
         INSERT INTO orders (id, customer_id, channel, currency, status, payment_method, ship_complete,
                             shipping_address, contact, notes, placed_by, subtotal, shipping_total, discount_total,
                             total, placed_at, review_reasons, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, 1)
         RETURNING id),
       written_lines AS (
         INSERT INTO order_lines (order_id, sku, quantity, unit_price, line_total, reserved, backordered, shipped,
                                  returned, cancelled, promised_by, refunded)
         SELECT (SELECT id FROM inserted), x.sku, x.quantity, x.unit_price, x.line_total, x.reserved, x.backordered,
                x.shipped, x.returned, x.cancelled, x.promised_by, x.refunded
         FROM jsonb_to_recordset($18::jsonb) AS x(sku text, quantity int, unit_price bigint, line_total bigint,
              reserved int, backordered int, shipped int, returned int, cancelled int, promised_by timestamptz,
              refunded int))
       INSERT INTO order_status_changes (order_id, from_status, to_status, reason, occurred_at)
       SELECT (SELECT id FROM inserted), x.from_status, x.to_status, x.reason, x.occurred_at
       FROM jsonb_to_recordset($19::jsonb) AS x(from_status text, to_status text, reason text, occurred_at timestamptz)`,
      [
        order.id,
        order.customerId,
        order.channel,
        order.currency,
        order.status,
        order.paymentMethod,
        order.shipComplete,
        order.shippingAddress,
        order.contact,
        order.notes ?? null,
        order.placedBy ?? null,
        order.totals.subtotal,
        order.totals.shipping,
        order.totals.discount,
        order.totals.total,
        order.placedAt,
        [...order.reviewReasons],
        JSON.stringify(linesAsRows(order)),
        JSON.stringify(transitionsAsRows(changes)),
      ],
    );
  }

  async findById(id: string, options: { lock?: boolean } = {}): Promise<Order | null> {
    const manager = options.lock ? this.unitOfWork.requireTransaction() : this.unitOfWork.manager;
    if (options.lock) {
      // Row lock first, in a statement of its own: writers of one order queue up here (which also keeps that
      // order's events in commit order in the outbox), and the read below then sees what the last one wrote.
      const locked = await manager.query(`SELECT 1 FROM orders WHERE id = $1 FOR UPDATE`, [id]);
      if (locked.length === 0) return null;
    }
    // The order, its lines and its shipments in one round trip.
    const [row]: OrderRow[] = await manager.query(
      `SELECT o.*,
              coalesce((SELECT jsonb_agg(to_jsonb(l)) FROM order_lines l WHERE l.order_id = o.id), '[]') AS line_rows,
              coalesce((SELECT jsonb_agg(to_jsonb(s) ORDER BY s.dispatched_at, s.shipment_id)
                          FROM order_shipments s WHERE s.order_id = o.id), '[]') AS shipment_rows
       FROM orders o WHERE o.id = $1`,
      [id],
    );
    return row ? toDomain(entityOf(row), row.shipment_rows.map(shipmentOf)) : null;
  }

  /**
   * The new state in one statement: the order row (version checked and raised), its lines written whole (those an
   * edit removed deleted), its shipments, and its transitions.
   */
  async update(order: Order, changes: StatusChange[]): Promise<void> {
    const manager = this.unitOfWork.requireTransaction();
    const shipments = order.shipments.map((shipment) => ({
      shipment_id: shipment.shipmentId,
      carrier: shipment.carrier,
      tracking_number: shipment.trackingNumber,
      purpose: shipment.purpose,
      reship_id: shipment.reshipId,
      lines: shipment.lines,
      status: shipment.status,
      dispatched_at: shipment.dispatchedAt,
      delivered_at: shipment.deliveredAt,
      exception: shipment.exception,
      resolution: shipment.resolution,
    }));
    const [updated]: Array<{ version: number }> = await manager.query(
      `WITH updated AS (
         UPDATE orders SET status = $3, review_reasons = $4, amount_paid = $5, payment_reference = $6,
                payment_provider = $7, paid_at = $8, held_allocations = $9, ship_complete = $10, reships = $11,
                amount_refunded = $12, pending_edit = $13, shipping_address = $14, contact = $15, subtotal = $16,
                total = $17,
                -- The backorder wait limit counts from the first moment a line waited; it stops when none waits.
                waiting_since = CASE WHEN $18 THEN coalesce(waiting_since, now()) ELSE NULL END,
                version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $2 RETURNING version),
       removed_lines AS (
         DELETE FROM order_lines WHERE order_id = $1 AND NOT (sku = ANY(ARRAY(SELECT x.sku FROM
           jsonb_to_recordset($19::jsonb) AS x(sku text))))),
       written_lines AS (
         INSERT INTO order_lines (order_id, sku, quantity, unit_price, line_total, reserved, backordered, shipped,
                                  returned, cancelled, promised_by, refunded)
         SELECT $1, x.sku, x.quantity, x.unit_price, x.line_total, x.reserved, x.backordered, x.shipped, x.returned,
                x.cancelled, x.promised_by, x.refunded
         FROM jsonb_to_recordset($19::jsonb) AS x(sku text, quantity int, unit_price bigint, line_total bigint,
              reserved int, backordered int, shipped int, returned int, cancelled int, promised_by timestamptz,
              refunded int)
         ON CONFLICT (order_id, sku) DO UPDATE SET quantity = EXCLUDED.quantity, unit_price = EXCLUDED.unit_price,
           line_total = EXCLUDED.line_total, reserved = EXCLUDED.reserved, backordered = EXCLUDED.backordered,
           shipped = EXCLUDED.shipped, returned = EXCLUDED.returned, cancelled = EXCLUDED.cancelled,
           promised_by = EXCLUDED.promised_by, refunded = EXCLUDED.refunded),
       written_shipments AS (
         INSERT INTO order_shipments (order_id, shipment_id, carrier, tracking_number, purpose, reship_id, lines,
                                      status, dispatched_at, delivered_at, exception, resolution)
         SELECT $1, x.shipment_id, x.carrier, x.tracking_number, x.purpose, x.reship_id, x.lines, x.status,
                x.dispatched_at, x.delivered_at, x.exception, x.resolution
         FROM jsonb_to_recordset($20::jsonb) AS x(shipment_id uuid, carrier text, tracking_number text, purpose text,
              reship_id uuid, lines jsonb, status text, dispatched_at timestamptz, delivered_at timestamptz,
              exception jsonb, resolution jsonb)
         ON CONFLICT (order_id, shipment_id) DO UPDATE SET status = EXCLUDED.status,
           delivered_at = EXCLUDED.delivered_at, exception = EXCLUDED.exception, resolution = EXCLUDED.resolution),
       written_transitions AS (
         INSERT INTO order_status_changes (order_id, from_status, to_status, reason, occurred_at)
         SELECT $1, x.from_status, x.to_status, x.reason, x.occurred_at
         FROM jsonb_to_recordset($21::jsonb) AS x(from_status text, to_status text, reason text,
              occurred_at timestamptz))
       SELECT version FROM updated`,
      [
        order.id,
        order.version,
        order.status,
        [...order.reviewReasons],
        order.payment?.amount ?? null,
        order.payment?.reference ?? null,
        order.payment?.provider ?? null,
        order.payment?.paidAt ?? null,
        JSON.stringify(order.heldAllocations),
        order.shipComplete,
        JSON.stringify(order.reships),
        order.amountRefunded,
        order.pendingEdit ? JSON.stringify(order.pendingEdit) : null,
        order.shippingAddress,
        order.contact,
        order.totals.subtotal,
        order.totals.total,
        order.lines.some((line) => line.backordered > 0),
        JSON.stringify(linesAsRows(order)),
        JSON.stringify(shipments),
        JSON.stringify(transitionsAsRows(changes)),
      ],
    );
    if (!updated) throw new ConcurrentOrderUpdateError(order.id);
  }
}

/** An `orders` row with its lines and shipments as the one-query read returns it (bigint as strings, pg's way). */
interface OrderRow {
  id: string;
  customer_id: string;
  channel: string;
  currency: string;
  status: string;
  payment_method: string;
  ship_complete: boolean;
  shipping_address: OrderEntity['shippingAddress'];
  contact: OrderEntity['contact'];
  notes: string | null;
  placed_by: string | null;
  subtotal: string;
  shipping_total: string;
  discount_total: string;
  total: string;
  placed_at: Date;
  updated_at: Date;
  version: number;
  review_reasons: string[];
  held_allocations: OrderEntity['heldAllocations'] | null;
  reships: OrderEntity['reships'] | null;
  amount_refunded: string;
  pending_edit: OrderEntity['pendingEdit'];
  amount_paid: string | null;
  payment_reference: string | null;
  payment_provider: string | null;
  paid_at: Date | null;
  line_rows: Array<{
    sku: string;
    quantity: number;
    unit_price: number;
    line_total: number;
    reserved: number;
    backordered: number;
    shipped: number;
    returned: number;
    refunded: number;
    cancelled: number;
    promised_by: string | null;
  }>;
  shipment_rows: Array<{
    shipment_id: string;
    carrier: string;
    tracking_number: string;
    purpose: OrderShipment['purpose'];
    reship_id: string | null;
    lines: OrderShipment['lines'];
    status: OrderShipment['status'];
    dispatched_at: string;
    delivered_at: string | null;
    exception: OrderShipment['exception'];
    resolution: OrderShipment['resolution'];
  }>;
}

/** The order's lines as jsonb_to_recordset reads them (the columns of order_lines). */
function linesAsRows(order: Order) {
  return order.lines.map((line) => ({
    sku: line.sku,
    quantity: line.quantity,
    unit_price: line.unitPrice,
    line_total: line.lineTotal,
    reserved: line.reserved,
    backordered: line.backordered,
    shipped: line.shipped,
    returned: line.returned,
    cancelled: line.cancelled,
    promised_by: line.promisedBy,
    refunded: line.refunded,
  }));
}

/** Transitions as jsonb_to_recordset reads them (the columns of order_status_changes). */
function transitionsAsRows(changes: StatusChange[]) {
  return changes.map((c) => ({ from_status: c.from, to_status: c.to, reason: c.reason, occurred_at: c.at }));
}

const numberOrNull = (value: string | null): number | null => (value === null ? null : Number(value));

function entityOf(row: OrderRow): OrderEntity {
  return {
    id: row.id,
    customerId: row.customer_id,
    channel: row.channel,
    currency: row.currency,
    status: row.status,
    paymentMethod: row.payment_method,
    shipComplete: row.ship_complete,
    shippingAddress: row.shipping_address,
    contact: row.contact,
    notes: row.notes,
    placedBy: row.placed_by,
    subtotal: Number(row.subtotal),
    shippingTotal: Number(row.shipping_total),
    discountTotal: Number(row.discount_total),
    total: Number(row.total),
    placedAt: row.placed_at,
    updatedAt: row.updated_at,
    version: row.version,
    reviewReasons: row.review_reasons,
    heldAllocations: row.held_allocations ?? [],
    reships: row.reships ?? [],
    amountRefunded: Number(row.amount_refunded),
    pendingEdit: row.pending_edit,
    amountPaid: numberOrNull(row.amount_paid),
    paymentReference: row.payment_reference,
    paymentProvider: row.payment_provider,
    paidAt: row.paid_at,
    lines: row.line_rows.map((line) => ({
      orderId: row.id,
      sku: line.sku,
      quantity: line.quantity,
      unitPrice: Number(line.unit_price),
      lineTotal: Number(line.line_total),
      reserved: line.reserved,
      backordered: line.backordered,
      shipped: line.shipped,
      returned: line.returned,
      refunded: line.refunded,
      cancelled: line.cancelled,
      promisedBy: line.promised_by === null ? null : new Date(line.promised_by),
    })) as OrderEntity['lines'],
  };
}

function shipmentOf(r: OrderRow['shipment_rows'][number]): OrderShipment {
  return {
    shipmentId: r.shipment_id,
    carrier: r.carrier,
    trackingNumber: r.tracking_number,
    purpose: r.purpose,
    reshipId: r.reship_id,
    lines: r.lines,
    status: r.status,
    dispatchedAt: new Date(r.dispatched_at).toISOString(),
    deliveredAt: r.delivered_at ? new Date(r.delivered_at).toISOString() : null,
    exception: r.exception,
    resolution: r.resolution,
  };
}

function toDomain(row: OrderEntity, shipments: OrderShipment[]): Order {
  return Order.restore({
    id: row.id,
    customerId: row.customerId,
    channel: row.channel as Order['channel'],
    currency: row.currency as Order['currency'],
    lines: row.lines
      .map(
        ({
          sku,
          quantity,
          unitPrice,
          lineTotal,
          reserved,
          backordered,
          shipped,
          returned,
          refunded,
          cancelled,
          promisedBy,
        }) => ({
          sku,
          quantity,
          unitPrice,
          lineTotal,
          reserved,
          backordered,
          shipped,
          returned,
          refunded,
          cancelled,
          promisedBy: promisedBy ? new Date(promisedBy).toISOString() : null,
        }),
      )
      .sort((a, b) => a.sku.localeCompare(b.sku)),
    shippingAddress: row.shippingAddress,
    contact: row.contact,
    paymentMethod: row.paymentMethod as Order['paymentMethod'],
    shipComplete: row.shipComplete,
    notes: row.notes ?? undefined,
    placedBy: row.placedBy ?? undefined,
    status: row.status as OrderStatus,
    totals: { subtotal: row.subtotal, shipping: row.shippingTotal, discount: row.discountTotal, total: row.total },
    placedAt: row.placedAt,
    version: row.version,
    payment:
      row.amountPaid !== null && row.paymentReference !== null && row.paidAt !== null
        ? { amount: row.amountPaid, reference: row.paymentReference, provider: row.paymentProvider, paidAt: row.paidAt }
        : null,
    reviewReasons: row.reviewReasons,
    heldAllocations: row.heldAllocations ?? [],
    shipments,
    reships: row.reships ?? [],
    amountRefunded: row.amountRefunded,
    pendingEdit: row.pendingEdit ?? null,
  });
}
