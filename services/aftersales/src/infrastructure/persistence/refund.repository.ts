import { Injectable } from '@nestjs/common';
import type { ContactV1, Currency, RefundReason } from '@oms/contracts';
import { keysetQuery, type Page, rowPosition, toPage, UnitOfWork } from '@oms/platform';

export type RefundStatus = 'PENDING' | 'ISSUED' | 'FAILED';

export interface RefundView {
  id: string;
  orderId: string;
  reason: RefundReason;
  amount: number;
  currency: Currency;
  paymentReference: string;
  cancellationId: string | null;
  shipmentId: string | null;
  returnId: string | null;
  lines: Array<{ sku: string; quantity: number }> | null;
  contact: ContactV1 | null;
  requestedBy: string;
  status: RefundStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  surfacedAt: string | null;
  providerReference: string | null;
  issuedAt: string | null;
  createdAt: string;
}

interface RefundRow {
  id: string;
  order_id: string;
  reason: RefundReason;
  amount: string;
  currency: Currency;
  payment_reference: string;
  cancellation_id: string | null;
  shipment_id: string | null;
  return_id: string | null;
  lines: RefundView['lines'];
  contact: ContactV1 | null;
  requested_by: string;
  status: RefundStatus;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  surfaced_at: Date | null;
  provider_reference: string | null;
  issued_at: Date | null;
  created_at: Date;
}

/** The refunds work queue; joins the current UnitOfWork transaction. */
@Injectable()
export class RefundRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  private get db() {
    return this.unitOfWork.manager;
  }

  /** Queues a refund unless its id is already known (asked twice, paid once); returns whether it did. */
  async request(refund: {
    id: string;
    orderId: string;
    reason: RefundReason;
    amount: number;
    currency: Currency;
    paymentReference: string;
    cancellationId?: string;
    shipmentId?: string;
    returnId?: string;
    lines?: Array<{ sku: string; quantity: number }>;
    contact?: ContactV1;
    requestedBy: string;
  }): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO refunds (id, order_id, reason, amount, currency, payment_reference, cancellation_id, shipment_id,
                            return_id, lines, contact, requested_by, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'PENDING') ON CONFLICT (id) DO NOTHING RETURNING id`,
      [
        refund.id,
        refund.orderId,
        refund.reason,
        refund.amount,
        refund.currency,
        refund.paymentReference,
        refund.cancellationId ?? null,
        refund.shipmentId ?? null,
        refund.returnId ?? null,
        refund.lines ? JSON.stringify(refund.lines) : null,
        refund.contact ?? null,
        refund.requestedBy,
      ],
    );
    return rows.length > 0;
  }

  /**
   * Claims due refunds: counts the attempt and leases each row until `leaseMs` from now, so a crash between the
   * provider call and its record retries after the lease (with the same idempotency key). SKIP LOCKED: instances
   * share the queue, none claims a refund twice.
   */
  async claimDue(limit: number, leaseMs: number): Promise<RefundView[]> {
    const rows: RefundRow[] = await this.unitOfWork.requireTransaction().query(
      `WITH claimed AS (
         UPDATE refunds SET attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => $2 / 1000.0),
                updated_at = now()
         WHERE id IN (SELECT id FROM refunds WHERE status = 'PENDING' AND next_attempt_at <= now()
                      ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING *)
       SELECT * FROM claimed ORDER BY next_attempt_at`,
      [limit, leaseMs],
    );
    return rows.map(toView);
  }

  async markIssued(id: string, providerReference: string | null): Promise<void> {
    await this.unitOfWork.requireTransaction().query(
      `UPDATE refunds SET status = 'ISSUED', provider_reference = $2, issued_at = now(), last_error = NULL, updated_at = now()
         WHERE id = $1 AND status = 'PENDING'`,
      [id, providerReference],
    );
  }

  /** Not called because the provider's circuit is open: due again when it may be called, the attempt given back. */
  async deferUncalled(id: string, until: Date): Promise<void> {
    await this.unitOfWork.requireTransaction().query(
      `UPDATE refunds SET attempts = greatest(attempts - 1, 0), next_attempt_at = $2, updated_at = now()
        WHERE id = $1 AND status = 'PENDING'`,
      [id, until],
    );
  }

  /** A failed attempt: tried again at `retryAt`, or FAILED for good when null. Returns whether it was just surfaced. */
  async markAttemptFailed(id: string, error: string, retryAt: Date | null, surface: boolean): Promise<boolean> {
    const [row] = await this.unitOfWork.requireTransaction().query(
      `WITH failed AS (
         UPDATE refunds SET status = CASE WHEN $3::timestamptz IS NULL THEN 'FAILED' ELSE 'PENDING' END,
                next_attempt_at = coalesce($3, next_attempt_at), last_error = $2,
                surfaced_at = CASE WHEN $4 AND surfaced_at IS NULL THEN now() ELSE surfaced_at END, updated_at = now()
         WHERE id = $1 RETURNING (surfaced_at = now()) AS surfaced_now)
       SELECT surfaced_now FROM failed`,
      [id, error.slice(0, 2000), retryAt, surface],
    );
    return Boolean(row?.surfaced_now);
  }

  /** Ops ask again for a FAILED refund: due now, attempts counted afresh. */
  async retry(id: string): Promise<RefundView | null> {
    const [row] = await this.unitOfWork.requireTransaction().query(
      `WITH retried AS (
         UPDATE refunds SET status = 'PENDING', attempts = 0, next_attempt_at = now(), surfaced_at = NULL, updated_at = now()
         WHERE id = $1 AND status = 'FAILED' RETURNING *)
       SELECT * FROM retried`,
      [id],
    );
    return row ? toView(row) : null;
  }

  async findById(id: string): Promise<RefundView | null> {
    const [row] = await this.db.query(`SELECT * FROM refunds WHERE id = $1`, [id]);
    return row ? toView(row) : null;
  }

  async list(filter: { orderId?: string; status?: string; limit: number; cursor?: string }): Promise<Page<RefundView>> {
    const page = keysetQuery({
      conditions: [filter.orderId && ['order_id = ?', filter.orderId], filter.status && ['status = ?', filter.status]],
      cursor: filter.cursor,
      limit: filter.limit,
    });
    const rows: RefundRow[] = await this.db.query(
      `SELECT * FROM refunds ${page.where} ${page.orderByLimit}`,
      page.params,
    );
    return toPage(rows, filter.limit, rowPosition, toView);
  }
}

function toView(row: RefundRow): RefundView {
  return {
    id: row.id,
    orderId: row.order_id,
    reason: row.reason,
    amount: Number(row.amount),
    currency: row.currency,
    paymentReference: row.payment_reference,
    cancellationId: row.cancellation_id,
    shipmentId: row.shipment_id,
    returnId: row.return_id,
    lines: row.lines,
    contact: row.contact,
    requestedBy: row.requested_by,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'PENDING' ? new Date(row.next_attempt_at).toISOString() : null,
    lastError: row.last_error,
    surfacedAt: row.surfaced_at ? new Date(row.surfaced_at).toISOString() : null,
    providerReference: row.provider_reference,
    issuedAt: row.issued_at ? new Date(row.issued_at).toISOString() : null,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
