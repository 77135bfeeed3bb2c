import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@oms/platform';
import type { EntityManager } from 'typeorm';
import { Order, type OrderShipment, type StatusChange } from '../../domain/order';
import type { OrderRepository } from '../../domain/order.repository';
import type { OrderStatus } from '../../domain/order-status';
import { OrderEntity, OrderLineEntity, OrderStatusChangeEntity } from './order.entity';

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

  async insert(order: Order, changes: StatusChange[]): Promise<void> {
    const manager = this.unitOfWork.manager;
    await manager.insert(OrderEntity, {
      id: order.id,
      customerId: order.customerId,
      channel: order.channel,
      currency: order.currency,
      status: order.status,
      paymentMethod: order.paymentMethod,
      shipComplete: order.shipComplete,
      shippingAddress: order.shippingAddress,
      contact: order.contact,
      notes: order.notes ?? null,
      placedBy: order.placedBy ?? null,
      subtotal: order.totals.subtotal,
      shippingTotal: order.totals.shipping,
      discountTotal: order.totals.discount,
      total: order.totals.total,
      placedAt: order.placedAt,
      version: 1,
    });
    await manager.insert(
      OrderLineEntity,
      order.lines.map((line) => ({
        orderId: order.id,
        ...line,
        promisedBy: line.promisedBy ? new Date(line.promisedBy) : null,
      })),
    );
    await recordChanges(manager, order.id, changes);
  }

  async findById(id: string, options: { lock?: boolean } = {}): Promise<Order | null> {
    if (options.lock) {
      // Row lock first (an eager outer join cannot be locked): writers of one order queue up here, which
      // also keeps that order's events in commit order in the outbox.
      const locked = await this.unitOfWork
        .requireTransaction()
        .query(`SELECT 1 FROM orders WHERE id = $1 FOR UPDATE`, [id]);
      if (locked.length === 0) return null;
    }
    const row = await this.unitOfWork.manager.findOne(OrderEntity, { where: { id } });
    return row ? toDomain(row, await this.shipmentsOf(id)) : null;
  }

  async update(order: Order, changes: StatusChange[]): Promise<void> {
    const manager = this.unitOfWork.requireTransaction();
    // An UPDATE answers [rows, count] through TypeORM.
    const [updated] = await manager.query(
      `UPDATE orders SET status = $3, review_reasons = $4, amount_paid = $5, payment_reference = $6, payment_provider = $7,
              paid_at = $8, held_allocations = $9, ship_complete = $10, reships = $11, amount_refunded = $12,
              pending_edit = $13, shipping_address = $14, contact = $15, subtotal = $16, total = $17,
              version = version + 1, updated_at = now()
       WHERE id = $1 AND version = $2 RETURNING version`,
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
      ],
    );
    if (updated.length === 0) throw new ConcurrentOrderUpdateError(order.id);
    // Lines an edit removed go; the others are written whole (an edit may add lines or change prices).
    await manager.query(`DELETE FROM order_lines WHERE order_id = $1 AND NOT (sku = ANY($2::text[]))`, [
      order.id,
      order.lines.map((l) => l.sku),
    ]);
    for (const line of order.lines) {
      await manager.query(
        `INSERT INTO order_lines (order_id, sku, quantity, unit_price, line_total, reserved, backordered, shipped, returned,
                                  cancelled, promised_by, refunded)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (order_id, sku) DO UPDATE SET quantity = EXCLUDED.quantity, unit_price = EXCLUDED.unit_price,
           line_total = EXCLUDED.line_total, reserved = EXCLUDED.reserved, backordered = EXCLUDED.backordered,
           shipped = EXCLUDED.shipped, returned = EXCLUDED.returned, cancelled = EXCLUDED.cancelled,
           promised_by = EXCLUDED.promised_by, refunded = EXCLUDED.refunded`,
        [
          order.id,
          line.sku,
          line.quantity,
          line.unitPrice,
          line.lineTotal,
          line.reserved,
          line.backordered,
          line.shipped,
          line.returned,
          line.cancelled,
          line.promisedBy,
          line.refunded,
        ],
      );
    }
    // The backorder wait limit counts from the first moment a line waited; it stops when none waits.
    await manager.query(
      `UPDATE orders SET waiting_since = CASE
         WHEN EXISTS (SELECT 1 FROM order_lines WHERE order_id = $1 AND backordered > 0) THEN coalesce(waiting_since, now())
         ELSE NULL END
       WHERE id = $1`,
      [order.id],
    );
    for (const shipment of order.shipments) await saveShipment(manager, order.id, shipment);
    await recordChanges(manager, order.id, changes);
  }

  private async shipmentsOf(orderId: string): Promise<OrderShipment[]> {
    const rows: Array<{
      shipment_id: string;
      carrier: string;
      tracking_number: string;
      purpose: OrderShipment['purpose'];
      reship_id: string | null;
      lines: OrderShipment['lines'];
      status: OrderShipment['status'];
      dispatched_at: Date;
      delivered_at: Date | null;
      exception: OrderShipment['exception'];
      resolution: OrderShipment['resolution'];
    }> = await this.unitOfWork.manager.query(
      `SELECT shipment_id, carrier, tracking_number, purpose, reship_id, lines, status, dispatched_at, delivered_at,
              exception, resolution
       FROM order_shipments WHERE order_id = $1 ORDER BY dispatched_at, shipment_id`,
      [orderId],
    );
    return rows.map((r) => ({
      shipmentId: r.shipment_id,
      carrier: r.carrier,
      trackingNumber: r.tracking_number,
      purpose: r.purpose,
      reshipId: r.reship_id,
      lines: r.lines,
      status: r.status,
      dispatchedAt: r.dispatched_at.toISOString(),
      deliveredAt: r.delivered_at ? r.delivered_at.toISOString() : null,
      exception: r.exception,
      resolution: r.resolution,
    }));
  }
}

async function saveShipment(manager: EntityManager, orderId: string, shipment: OrderShipment): Promise<void> {
  await manager.query(
    `INSERT INTO order_shipments (order_id, shipment_id, carrier, tracking_number, purpose, reship_id, lines, status,
                                  dispatched_at, delivered_at, exception, resolution)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (order_id, shipment_id) DO UPDATE SET status = EXCLUDED.status, delivered_at = EXCLUDED.delivered_at,
       exception = EXCLUDED.exception, resolution = EXCLUDED.resolution`,
    [
      orderId,
      shipment.shipmentId,
      shipment.carrier,
      shipment.trackingNumber,
      shipment.purpose,
      shipment.reshipId,
      JSON.stringify(shipment.lines),
      shipment.status,
      shipment.dispatchedAt,
      shipment.deliveredAt,
      shipment.exception ? JSON.stringify(shipment.exception) : null,
      shipment.resolution ? JSON.stringify(shipment.resolution) : null,
    ],
  );
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

/** Stores the order's state changes (its timeline's own entries), in the caller's transaction. */
async function recordChanges(manager: EntityManager, orderId: string, changes: StatusChange[]): Promise<void> {
  if (changes.length === 0) return;
  await manager.insert(
    OrderStatusChangeEntity,
    changes.map((c) => ({ orderId, fromStatus: c.from, toStatus: c.to, reason: c.reason, occurredAt: c.at })),
  );
}
