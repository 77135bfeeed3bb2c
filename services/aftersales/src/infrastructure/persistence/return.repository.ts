import { Injectable } from '@nestjs/common';
import type { ContactV1, Currency, ReturnCondition, ReturnReason, ReturnResolution } from '@oms/contracts';
import { keysetQuery, type Page, rowPosition, toPage, UnitOfWork } from '@oms/platform';
import type { OrderPricing, RefundLine, ReturnStatus, SkuQuantity } from '../../domain/returns';

export interface ReceivedLine extends SkuQuantity {
  condition: ReturnCondition;
  writeOffReason?: string;
}

export interface ReturnView {
  id: string;
  orderId: string;
  status: ReturnStatus;
  reason: ReturnReason;
  comment: string | null;
  resolution: ReturnResolution;
  lines: SkuQuantity[];
  exchangeLines: SkuQuantity[] | null;
  approvedLines: SkuQuantity[] | null;
  receivedLines: ReceivedLine[] | null;
  reference: string | null;
  warehouseId: string | null;
  refund: { refundId: string; amount: number; currency: Currency; lines: RefundLine[] } | null;
  exchangeId: string | null;
  requestedBy: string;
  decidedBy: string | null;
  rejectionReason: string | null;
  createdAt: string;
  updatedAt: string;
}

interface ReturnRow {
  id: string;
  order_id: string;
  status: ReturnStatus;
  reason: ReturnReason;
  comment: string | null;
  resolution: ReturnResolution;
  lines: SkuQuantity[];
  exchange_lines: SkuQuantity[] | null;
  approved_lines: SkuQuantity[] | null;
  received_lines: ReceivedLine[] | null;
  reference: string | null;
  warehouse_id: string | null;
  refund: ReturnView['refund'];
  exchange_id: string | null;
  requested_by: string;
  decided_by: string | null;
  rejection_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

/** What aftersales knows of an order to take a return: prices, payment, contact, and what was delivered. */
export interface ReturnableOrder {
  orderId: string;
  customerId: string;
  contact: ContactV1;
  currency: Currency;
  pricing: OrderPricing;
  paymentReference: string | null;
  lastDeliveredAt: Date | null;
  delivered: SkuQuantity[];
  /** Per SKU, the warehouse that shipped it (where its return goes back by default). */
  shippedFrom: Map<string, string>;
}

/** Returns, and the order facts they are judged against; joins the current UnitOfWork transaction. */
@Injectable()
export class ReturnRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  private get db() {
    return this.unitOfWork.manager;
  }

  async order(orderId: string): Promise<ReturnableOrder | null> {
    const [row] = await this.db.query(
      `SELECT order_id, customer_id, contact, currency, lines, totals, payment_reference FROM orders WHERE order_id = $1`,
      [orderId],
    );
    if (!row) return null;
    const shipments: Array<{ warehouse_id: string; lines: SkuQuantity[]; delivered_at: Date | null }> =
      await this.db.query(`SELECT warehouse_id, lines, delivered_at FROM order_shipments WHERE order_id = $1`, [
        orderId,
      ]);
    const delivered = shipments.filter((s) => s.delivered_at);
    const shippedFrom = new Map<string, string>();
    for (const shipment of shipments)
      for (const line of shipment.lines) shippedFrom.set(line.sku, shipment.warehouse_id);
    const lines = row.lines as Array<{ sku: string; quantity: number; unitPrice: number }>;
    const subtotal = lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);
    return {
      orderId: row.order_id,
      customerId: row.customer_id,
      contact: row.contact,
      currency: row.currency,
      pricing: {
        lines: lines.map(({ sku, quantity, unitPrice }) => ({ sku, quantity, unitPrice })),
        totals: {
          subtotal: row.totals?.subtotal ?? subtotal,
          shipping: row.totals?.shipping ?? 0,
          discount: row.totals?.discount ?? 0,
        },
      },
      paymentReference: row.payment_reference,
      lastDeliveredAt: delivered.length
        ? new Date(Math.max(...delivered.map((s) => new Date(s.delivered_at!).getTime())))
        : null,
      delivered: delivered.flatMap((s) => s.lines),
      shippedFrom,
    };
  }

  /** Units of the order already in returns that were not rejected. */
  async alreadyReturned(orderId: string): Promise<SkuQuantity[]> {
    const rows: Array<{ lines: SkuQuantity[] }> = await this.db.query(
      `SELECT coalesce(approved_lines, lines) AS lines FROM returns WHERE order_id = $1 AND status <> 'REJECTED'`,
      [orderId],
    );
    return rows.flatMap((r) => r.lines);
  }

  async insert(ret: {
    id: string;
    orderId: string;
    reason: ReturnReason;
    comment: string | null;
    resolution: ReturnResolution;
    lines: SkuQuantity[];
    exchangeLines: SkuQuantity[] | null;
    requestedBy: string;
  }): Promise<void> {
    await this.db.query(
      `INSERT INTO returns (id, order_id, status, reason, comment, resolution, lines, exchange_lines, requested_by)
       VALUES ($1, $2, 'REQUESTED', $3, $4, $5, $6, $7, $8)`,
      [
        ret.id,
        ret.orderId,
        ret.reason,
        ret.comment,
        ret.resolution,
        JSON.stringify(ret.lines),
        ret.exchangeLines ? JSON.stringify(ret.exchangeLines) : null,
        ret.requestedBy,
      ],
    );
  }

  async lock(id: string): Promise<ReturnView | null> {
    const [row] = await this.unitOfWork
      .requireTransaction()
      .query(`SELECT * FROM returns WHERE id = $1 FOR UPDATE`, [id]);
    return row ? toView(row) : null;
  }

  async find(id: string): Promise<ReturnView | null> {
    const [row] = await this.db.query(`SELECT * FROM returns WHERE id = $1`, [id]);
    return row ? toView(row) : null;
  }

  /** Saves a return's changed fields. */
  async update(
    id: string,
    change: Partial<{
      status: ReturnStatus;
      approvedLines: SkuQuantity[];
      receivedLines: ReceivedLine[];
      reference: string;
      warehouseId: string;
      refund: ReturnView['refund'];
      exchangeId: string;
      decidedBy: string;
      rejectionReason: string;
    }>,
  ): Promise<void> {
    const columns: Record<string, string> = {
      status: 'status',
      approvedLines: 'approved_lines',
      receivedLines: 'received_lines',
      reference: 'reference',
      warehouseId: 'warehouse_id',
      refund: 'refund',
      exchangeId: 'exchange_id',
      decidedBy: 'decided_by',
      rejectionReason: 'rejection_reason',
    };
    const entries = Object.entries(change).filter(([, value]) => value !== undefined);
    const sets = entries.map(([key], i) => `${columns[key]} = $${i + 2}`);
    const values = entries.map(([, value]) => (typeof value === 'object' ? JSON.stringify(value) : value));
    await this.unitOfWork
      .requireTransaction()
      .query(`UPDATE returns SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE id = $1`, [id, ...values]);
  }

  /** The return whose refund or exchange this is is done. */
  async completeByRefund(refundId: string): Promise<void> {
    await this.db.query(
      `UPDATE returns SET status = 'COMPLETED', updated_at = now() WHERE refund->>'refundId' = $1 AND status = 'RECEIVED'`,
      [refundId],
    );
  }

  async completeByExchange(exchangeId: string): Promise<void> {
    await this.db.query(
      `UPDATE returns SET status = 'COMPLETED', updated_at = now() WHERE exchange_id = $1 AND status = 'RECEIVED'`,
      [exchangeId],
    );
  }

  async list(filter: { orderId?: string; status?: string; limit: number; cursor?: string }): Promise<Page<ReturnView>> {
    const page = keysetQuery({
      conditions: [filter.orderId && ['order_id = ?', filter.orderId], filter.status && ['status = ?', filter.status]],
      cursor: filter.cursor,
      limit: filter.limit,
    });
    const rows: ReturnRow[] = await this.db.query(
      `SELECT * FROM returns ${page.where} ${page.orderByLimit}`,
      page.params,
    );
    return toPage(rows, filter.limit, rowPosition, toView);
  }

  /** Windows that closed with no return open, locked (SKIP LOCKED): their orders' after-sales is done. */
  async lockClosedWindows(limit: number): Promise<Array<{ orderId: string; closesAt: Date; returns: number }>> {
    const rows: Array<{ order_id: string; closes_at: Date; returns: number }> = await this.unitOfWork
      .requireTransaction()
      .query(
        `SELECT w.order_id, w.closes_at,
                (SELECT count(*)::int FROM returns r WHERE r.order_id = w.order_id) AS returns
         FROM return_windows w
         WHERE w.closed_at IS NULL AND w.closes_at <= now()
           AND NOT EXISTS (SELECT 1 FROM returns r WHERE r.order_id = w.order_id
                           AND r.status IN ('REQUESTED', 'APPROVED', 'RECEIVED'))
         ORDER BY w.closes_at LIMIT $1 FOR UPDATE OF w SKIP LOCKED`,
        [limit],
      );
    return rows.map((r) => ({ orderId: r.order_id, closesAt: r.closes_at, returns: r.returns }));
  }

  async markWindowClosed(orderId: string): Promise<void> {
    await this.unitOfWork
      .requireTransaction()
      .query(`UPDATE return_windows SET closed_at = now() WHERE order_id = $1`, [orderId]);
  }
}

function toView(row: ReturnRow): ReturnView {
  return {
    id: row.id,
    orderId: row.order_id,
    status: row.status,
    reason: row.reason,
    comment: row.comment,
    resolution: row.resolution,
    lines: row.lines,
    exchangeLines: row.exchange_lines,
    approvedLines: row.approved_lines,
    receivedLines: row.received_lines,
    reference: row.reference,
    warehouseId: row.warehouse_id,
    refund: row.refund,
    exchangeId: row.exchange_id,
    requestedBy: row.requested_by,
    decidedBy: row.decided_by,
    rejectionReason: row.rejection_reason,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
