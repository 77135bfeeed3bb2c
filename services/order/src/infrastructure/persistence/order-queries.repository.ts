import { Injectable } from '@nestjs/common';
import { keysetQuery, type Page, rowPosition, toPage, UnitOfWork } from '@oms/platform';

export interface OrderSummary {
  id: string;
  status: string;
  customerId: string;
  channel: string;
  currency: string;
  total: number;
  placedAt: string;
}

export interface TimelineEntry {
  at: string;
  type: string;
  source: string;
  eventId: string | null;
  detail: Record<string, unknown>;
}

interface SummaryRow {
  id: string;
  status: string;
  customer_id: string;
  channel: string;
  currency: string;
  total: string;
  created_at: Date;
}

/** Read side of the order database: lists, timelines, idempotency keys. Joins the current UnitOfWork. */
@Injectable()
export class OrderQueriesRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  private get db() {
    return this.unitOfWork.manager;
  }

  async list(filter: {
    customerId?: string;
    status?: string;
    channel?: string;
    limit: number;
    cursor?: string;
  }): Promise<Page<OrderSummary>> {
    const page = keysetQuery({
      conditions: [
        filter.customerId && ['customer_id = ?', filter.customerId],
        filter.status && ['status = ?', filter.status],
        filter.channel && ['channel = ?', filter.channel],
      ],
      cursor: filter.cursor,
      limit: filter.limit,
    });
    // placed_at is the list's time axis; exposed as created_at for the shared keyset helper.
    const rows: SummaryRow[] = await this.db.query(
      `SELECT * FROM (SELECT id, status, customer_id, channel, currency, total, placed_at AS created_at FROM orders) o
       ${page.where} ${page.orderByLimit}`,
      page.params,
    );
    return toPage(rows, filter.limit, rowPosition, (r) => ({
      id: r.id,
      status: r.status,
      customerId: r.customer_id,
      channel: r.channel,
      currency: r.currency,
      total: Number(r.total),
      placedAt: r.created_at.toISOString(),
    }));
  }

  /** The order's own transitions and the other services' events about it, oldest first. */
  async timeline(orderId: string): Promise<TimelineEntry[]> {
    const rows: Array<{
      at: Date;
      type: string;
      source: string;
      event_id: string | null;
      detail: Record<string, unknown>;
    }> = await this.db.query(
      `SELECT occurred_at AS at, 'OrderStatusChanged' AS type, 'order' AS source, NULL::uuid AS event_id,
                jsonb_build_object('from', from_status, 'to', to_status, 'reason', reason) AS detail, id AS seq
         FROM order_status_changes WHERE order_id = $1
         UNION ALL
         SELECT occurred_at, type, source, event_id, payload, 0 FROM order_timeline_events WHERE order_id = $1
         ORDER BY at, seq`,
      [orderId],
    );
    return rows.map((r) => ({
      at: r.at.toISOString(),
      type: r.type,
      source: r.source,
      eventId: r.event_id,
      detail: r.detail,
    }));
  }

  async recordTimelineEvents(
    entries: Array<{
      orderId: string;
      eventId: string;
      type: string;
      source: string;
      occurredAt: string;
      payload: object;
    }>,
  ): Promise<void> {
    for (const entry of entries) {
      await this.db.query(
        `INSERT INTO order_timeline_events (order_id, event_id, type, source, occurred_at, payload) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT DO NOTHING`,
        [entry.orderId, entry.eventId, entry.type, entry.source, entry.occurredAt, entry.payload],
      );
    }
  }

  /**
   * Claims an idempotency key for a new order. Returns null when the key is new (the caller goes on);
   * otherwise the stored first answer and the hash of the request that got it. A concurrent request with
   * the same key waits on the key's unique index until the first commits, then sees its answer.
   */
  async claimIdempotencyKey(
    key: string,
    requestHash: string,
    orderId: string,
    response: { status: number; body: object },
  ): Promise<{ requestHash: string; status: number; body: object } | null> {
    const inserted = await this.db.query(
      `INSERT INTO idempotency_keys (key, request_hash, order_id, response_status, response_body) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (key) DO NOTHING RETURNING key`,
      [key, requestHash, orderId, response.status, response.body],
    );
    if (inserted.length > 0) return null;
    const [row] = await this.db.query(
      `SELECT request_hash, response_status, response_body FROM idempotency_keys WHERE key = $1`,
      [key],
    );
    return { requestHash: row.request_hash, status: row.response_status, body: row.response_body };
  }

  /** Orders with lines waiting for stock longer than `seconds`, locked for this transaction (SKIP LOCKED). */
  async lockWaitingLongerThan(seconds: number, limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.unitOfWork.requireTransaction().query(
      `SELECT id FROM orders
       WHERE waiting_since <= now() - make_interval(secs => $1) AND status IN ('BACKORDERED', 'PROCESSING', 'PARTIALLY_SHIPPED')
       ORDER BY waiting_since LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [seconds, limit],
    );
    return rows.map((r) => r.id);
  }
}
