import { Injectable } from '@nestjs/common';
import type { ContactV1, FollowUpKind } from '@oms/contracts';
import { keysetQuery, type Page, rowPosition, toPage, UnitOfWork } from '@oms/platform';
import type { CaseStatus } from '../../domain/follow-up';

export interface DueFollowUp {
  id: string;
  orderId: string;
  kind: FollowUpKind;
  customerId: string;
  contact: ContactV1;
}

export interface CaseView {
  id: string;
  orderId: string | null;
  kind: string;
  status: CaseStatus;
  subject: string;
  detail: string | null;
  assignee: string | null;
  openedBy: string;
  outcome: string | null;
  resolution: string | null;
  createdAt: string;
}

export interface FeedbackView {
  id: string;
  orderId: string;
  rating: number;
  comment: string | null;
  createdAt: string;
}

interface CaseRow {
  id: string;
  order_id: string | null;
  kind: string;
  status: CaseStatus;
  subject: string;
  detail: string | null;
  assignee: string | null;
  opened_by: string;
  outcome: string | null;
  resolution: string | null;
  created_at: Date;
}

/** SQL of the after-sales database; joins the current UnitOfWork transaction. */
@Injectable()
export class AftersalesRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  private get db() {
    return this.unitOfWork.manager;
  }

  async rememberOrder(order: {
    orderId: string;
    customerId: string;
    contact: ContactV1;
    currency: string;
    lines: unknown;
    totals: object;
    paymentMethod: string;
    placedAt: string;
  }) {
    await this.db.query(
      `INSERT INTO orders (order_id, customer_id, contact, currency, lines, totals, payment_method, placed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (order_id) DO NOTHING`,
      [
        order.orderId,
        order.customerId,
        order.contact,
        order.currency,
        JSON.stringify(order.lines),
        JSON.stringify(order.totals),
        order.paymentMethod,
        order.placedAt,
      ],
    );
  }

  /** An edit changed the order's lines, totals or contact. */
  async orderEdited(orderId: string, change: { lines?: unknown; totals?: object; contact?: ContactV1 }): Promise<void> {
    await this.db.query(
      `UPDATE orders SET lines = coalesce($2, lines), totals = coalesce($3, totals), contact = coalesce($4, contact)
       WHERE order_id = $1`,
      [
        orderId,
        change.lines ? JSON.stringify(change.lines) : null,
        change.totals ? JSON.stringify(change.totals) : null,
        change.contact ?? null,
      ],
    );
  }

  async orderPaid(orderId: string, paymentReference: string): Promise<void> {
    await this.db.query(`UPDATE orders SET payment_reference = $2 WHERE order_id = $1`, [orderId, paymentReference]);
  }

  /** What a dispatched shipment carries for one order, and from where. */
  async shipmentDispatched(shipment: {
    orderId: string;
    shipmentId: string;
    warehouseId: string;
    purpose: string;
    lines: Array<{ sku: string; quantity: number }>;
  }): Promise<void> {
    await this.db.query(
      `INSERT INTO order_shipments (order_id, shipment_id, warehouse_id, purpose, lines) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING`,
      [shipment.orderId, shipment.shipmentId, shipment.warehouseId, shipment.purpose, JSON.stringify(shipment.lines)],
    );
  }

  /** A shipment arrived: its lines may be returned until the window after the order's last delivery closes. */
  async shipmentDelivered(orderId: string, shipmentId: string, deliveredAt: Date, windowMs: number): Promise<void> {
    await this.db.query(
      `UPDATE order_shipments SET delivered_at = $3 WHERE order_id = $1 AND shipment_id = $2 AND delivered_at IS NULL`,
      [orderId, shipmentId, deliveredAt],
    );
    const closesAt = new Date(deliveredAt.getTime() + windowMs);
    await this.db.query(
      `INSERT INTO return_windows (order_id, closes_at) VALUES ($1, $2)
       ON CONFLICT (order_id) DO UPDATE SET closes_at = GREATEST(return_windows.closes_at, EXCLUDED.closes_at)
       WHERE return_windows.closed_at IS NULL`,
      [orderId, closesAt],
    );
  }

  /** The order's latest delivery (an order shipped in parts is delivered when its last part is). */
  async recordDelivery(orderId: string, deliveredAt: Date): Promise<void> {
    await this.db.query(
      `UPDATE orders SET delivered_at = GREATEST(coalesce(delivered_at, $2), $2) WHERE order_id = $1`,
      [orderId, deliveredAt],
    );
  }

  async scheduleFollowUp(followUp: { id: string; orderId: string; shipmentId: string; dueAt: Date }): Promise<void> {
    await this.db.query(
      `INSERT INTO follow_ups (id, order_id, shipment_id, kind, due_at, status) VALUES ($1, $2, $3, 'feedback-request', $4, 'SCHEDULED')
       ON CONFLICT (order_id, shipment_id, kind) DO NOTHING`,
      [followUp.id, followUp.orderId, followUp.shipmentId, followUp.dueAt],
    );
  }

  /**
   * Due follow-ups whose order is known, locked for this transaction (SKIP LOCKED: several instances share
   * the work, none sends one twice).
   */
  async lockDueFollowUps(limit: number): Promise<DueFollowUp[]> {
    const rows = await this.db.query(
      `SELECT f.id, f.order_id, f.kind, o.customer_id, o.contact
       FROM follow_ups f JOIN orders o ON o.order_id = f.order_id
       WHERE f.status = 'SCHEDULED' AND f.due_at <= now()
       ORDER BY f.due_at
       LIMIT $1
       FOR UPDATE OF f SKIP LOCKED`,
      [limit],
    );
    return rows.map(
      (r: { id: string; order_id: string; kind: FollowUpKind; customer_id: string; contact: ContactV1 }) => ({
        id: r.id,
        orderId: r.order_id,
        kind: r.kind,
        customerId: r.customer_id,
        contact: r.contact,
      }),
    );
  }

  async markFollowUpSent(id: string): Promise<void> {
    await this.db.query(`UPDATE follow_ups SET status = 'SENT', sent_at = now() WHERE id = $1`, [id]);
  }

  async customerOf(orderId: string): Promise<string | null> {
    const [row] = await this.db.query(`SELECT customer_id FROM orders WHERE order_id = $1`, [orderId]);
    return row?.customer_id ?? null;
  }

  /** Inserts the order's feedback unless it already has one (one per order); returns it, or null when it had one. */
  async insertFeedbackOnce(feedback: {
    id: string;
    orderId: string;
    rating: number;
    comment: string | null;
  }): Promise<FeedbackView | null> {
    const [row] = await this.db.query(
      `INSERT INTO feedback (id, order_id, rating, comment) VALUES ($1, $2, $3, $4) ON CONFLICT (order_id) DO NOTHING
       RETURNING id, order_id, rating, comment, created_at`,
      [feedback.id, feedback.orderId, feedback.rating, feedback.comment],
    );
    return row ? toFeedbackView(row) : null;
  }

  async feedbackOf(orderId: string): Promise<FeedbackView | null> {
    const [row] = await this.db.query(
      `SELECT id, order_id, rating, comment, created_at FROM feedback WHERE order_id = $1`,
      [orderId],
    );
    return row ? toFeedbackView(row) : null;
  }

  /** Opens a case; with a `sourceRef`, only the first time that problem is heard. Returns whether it did. */
  async openCase(supportCase: {
    id: string;
    orderId: string | null;
    kind: string;
    subject: string;
    detail: string | null;
    openedBy: string;
    sourceRef?: string;
  }): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO support_cases (id, order_id, kind, status, subject, detail, opened_by, source_ref)
       VALUES ($1, $2, $3, 'OPEN', $4, $5, $6, $7) ON CONFLICT (source_ref) WHERE source_ref IS NOT NULL DO NOTHING
       RETURNING id`,
      [
        supportCase.id,
        supportCase.orderId,
        supportCase.kind,
        supportCase.subject,
        supportCase.detail,
        supportCase.openedBy,
        supportCase.sourceRef ?? null,
      ],
    );
    return rows.length > 0;
  }

  /** The open case a problem opened, locked; null when there is none (or it is resolved). */
  async lockOpenCaseOf(sourceRef: string): Promise<{ id: string; status: CaseStatus } | null> {
    const [row] = await this.unitOfWork
      .requireTransaction()
      .query(`SELECT id, status FROM support_cases WHERE source_ref = $1 AND status <> 'RESOLVED' FOR UPDATE`, [
        sourceRef,
      ]);
    return row ?? null;
  }

  async findCase(id: string, lock = false): Promise<CaseView | null> {
    const [row] = await (lock ? this.unitOfWork.requireTransaction() : this.db).query(
      `SELECT id, order_id, kind, status, subject, detail, assignee, opened_by, outcome, resolution, created_at
       FROM support_cases WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return row ? toCaseView(row) : null;
  }

  async updateCase(id: string, change: { status?: CaseStatus; assignee?: string }): Promise<void> {
    await this.db.query(
      `UPDATE support_cases SET status = coalesce($2, status), assignee = coalesce($3, assignee), updated_at = now()
       WHERE id = $1`,
      [id, change.status ?? null, change.assignee ?? null],
    );
  }

  async addCaseNote(caseId: string, author: string, text: string): Promise<void> {
    await this.db.query(`INSERT INTO case_notes (case_id, author, text) VALUES ($1, $2, $3)`, [caseId, author, text]);
  }

  async caseNotes(caseId: string): Promise<Array<{ author: string; text: string; at: string }>> {
    const rows: Array<{ author: string; text: string; created_at: Date }> = await this.db.query(
      `SELECT author, text, created_at FROM case_notes WHERE case_id = $1 ORDER BY id`,
      [caseId],
    );
    return rows.map((r) => ({ author: r.author, text: r.text, at: r.created_at.toISOString() }));
  }

  /**
   * The order's way as after-sales knows it, oldest first: placed, each shipment's dispatch and delivery,
   * feedback, returns, refunds and cases.
   */
  async orderTimeline(orderId: string): Promise<Array<{ at: string; what: string; detail: Record<string, unknown> }>> {
    const rows: Array<{ at: Date; what: string; detail: Record<string, unknown> }> = await this.db.query(
      `SELECT placed_at AS at, 'order placed' AS what, jsonb_build_object('currency', currency) AS detail
         FROM orders WHERE order_id = $1
       UNION ALL
       SELECT delivered_at, 'shipment delivered', jsonb_build_object('shipmentId', shipment_id, 'purpose', purpose, 'lines', lines)
         FROM order_shipments WHERE order_id = $1 AND delivered_at IS NOT NULL
       UNION ALL
       SELECT created_at, 'feedback', jsonb_build_object('rating', rating, 'comment', comment) FROM feedback WHERE order_id = $1
       UNION ALL
       SELECT created_at, 'return ' || lower(status), jsonb_build_object('returnId', id, 'reason', reason, 'lines', lines)
         FROM returns WHERE order_id = $1
       UNION ALL
       SELECT coalesce(issued_at, created_at), 'refund ' || lower(status),
              jsonb_build_object('refundId', id, 'amount', amount, 'currency', currency, 'reason', reason)
         FROM refunds WHERE order_id = $1
       UNION ALL
       SELECT created_at, 'case ' || lower(status), jsonb_build_object('caseId', id, 'kind', kind, 'subject', subject)
         FROM support_cases WHERE order_id = $1
       ORDER BY at`,
      [orderId],
    );
    return rows.map((r) => ({ at: new Date(r.at).toISOString(), what: r.what, detail: r.detail }));
  }

  async assignCase(id: string, assignee: string, note: string): Promise<void> {
    await this.db.query(
      `UPDATE support_cases SET status = 'IN_PROGRESS', assignee = $2,
              detail = concat_ws(E'\n', detail, $3::text), updated_at = now() WHERE id = $1`,
      [id, assignee, note],
    );
  }

  async resolveCase(id: string, resolution: { outcome: string; text: string; by: string }): Promise<void> {
    await this.db.query(
      `UPDATE support_cases SET status = 'RESOLVED', outcome = $2, resolution = $3, resolved_by = $4,
              resolved_at = now(), updated_at = now() WHERE id = $1`,
      [id, resolution.outcome, resolution.text, resolution.by],
    );
  }

  async cases(filter: { orderId?: string; limit: number; cursor?: string }): Promise<Page<CaseView>> {
    const page = keysetQuery({
      conditions: [filter.orderId && ['order_id = ?', filter.orderId]],
      cursor: filter.cursor,
      limit: filter.limit,
    });
    const rows: CaseRow[] = await this.db.query(
      `SELECT id, order_id, kind, status, subject, detail, assignee, opened_by, outcome, resolution, created_at FROM support_cases
       ${page.where} ${page.orderByLimit}`,
      page.params,
    );
    return toPage(rows, filter.limit, rowPosition, toCaseView);
  }
}

function toCaseView(r: CaseRow): CaseView {
  return {
    id: r.id,
    orderId: r.order_id,
    kind: r.kind,
    status: r.status,
    subject: r.subject,
    detail: r.detail,
    assignee: r.assignee,
    openedBy: r.opened_by,
    outcome: r.outcome,
    resolution: r.resolution,
    createdAt: r.created_at.toISOString(),
  };
}

function toFeedbackView(row: {
  id: string;
  order_id: string;
  rating: number;
  comment: string | null;
  created_at: Date;
}): FeedbackView {
  return {
    id: row.id,
    orderId: row.order_id,
    rating: row.rating,
    comment: row.comment,
    createdAt: row.created_at.toISOString(),
  };
}
