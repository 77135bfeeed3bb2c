import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Currency, Locale } from '@oms/contracts';
import { keysetQuery, type Page, rowPosition, toPage, UnitOfWork } from '@oms/platform';
import type { Contact, NotificationChannel, PlannedMessage, Preferences } from '../../domain/message-plan';

export interface NotificationView {
  id: string;
  orderId: string | null;
  customerId: string | null;
  audience: string;
  /** The event that caused it (`ShipmentDispatched`). */
  cause: string | null;
  channel: string;
  recipient: string;
  template: string;
  locale: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface OrderProjection {
  orderId: string;
  customerId: string;
  customerName: string;
  currency: Currency;
  total: number;
  items: Array<{ sku: string; quantity: number; lineTotal: number }>;
  locale: Locale | null;
  placedAt: string;
}

export interface DueNotification {
  id: string;
  orderId: string | null;
  customerId: string | null;
  audience: 'customer' | 'staff';
  channel: NotificationChannel;
  recipient: string;
  template: string;
  locale: Locale;
  attempts: number;
  causationEventId: string;
  causationEventType: string;
  data: Record<string, unknown>;
  order: Pick<OrderProjection, 'customerName' | 'currency' | 'total' | 'items'> | null;
}

interface DueRow {
  id: string;
  order_id: string | null;
  customer_id: string | null;
  audience: 'customer' | 'staff';
  channel: NotificationChannel;
  recipient: string;
  template: string;
  locale: Locale;
  attempts: number;
  data: Record<string, unknown>;
  causation_event_id: string;
  causation_event_type: string | null;
  customer_name: string | null;
  currency: Currency | null;
  total: string | null;
  items: OrderProjection['items'] | null;
}

function toProjection(row: {
  order_id: string;
  customer_id: string;
  customer_name: string;
  currency: Currency;
  total: string;
  items: OrderProjection['items'];
  locale: Locale | null;
  placed_at: Date;
}): OrderProjection {
  return {
    orderId: row.order_id,
    customerId: row.customer_id,
    customerName: row.customer_name,
    currency: row.currency,
    total: Number(row.total),
    items: row.items,
    locale: row.locale,
    placedAt: row.placed_at.toISOString(),
  };
}

interface NotificationRow {
  id: string;
  order_id: string | null;
  customer_id: string | null;
  audience: string;
  causation_event_type: string | null;
  channel: string;
  recipient: string;
  template: string;
  locale: string;
  status: string;
  attempts: number;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
}

/** SQL of the notification database; joins the current UnitOfWork transaction. */
@Injectable()
export class NotificationRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  private get db() {
    return this.unitOfWork.manager;
  }

  async savePreferences(customerId: string, preferences: Preferences): Promise<Preferences> {
    const [row] = await this.db.query(
      `INSERT INTO preferences (customer_id, email, sms, locale) VALUES ($1, $2, $3, $4)
       ON CONFLICT (customer_id) DO UPDATE SET email = $2, sms = $3, locale = $4, updated_at = now()
       RETURNING email, sms, locale`,
      [customerId, preferences.email, preferences.sms, preferences.locale],
    );
    return row;
  }

  async preferences(customerId: string): Promise<Preferences | null> {
    const [row] = await this.db.query(`SELECT email, sms, locale FROM preferences WHERE customer_id = $1`, [
      customerId,
    ]);
    return row ?? null;
  }

  /** Keeps the latest contact a customer gave on an order; fields the order left out are kept. */
  async rememberContact(customerId: string, contact: Contact): Promise<void> {
    await this.db.query(
      `INSERT INTO customer_contacts (customer_id, email, phone, locale) VALUES ($1, $2, $3, $4)
       ON CONFLICT (customer_id) DO UPDATE SET
         email = coalesce(EXCLUDED.email, customer_contacts.email),
         phone = coalesce(EXCLUDED.phone, customer_contacts.phone),
         locale = coalesce(EXCLUDED.locale, customer_contacts.locale),
         updated_at = now()`,
      [customerId, contact.email ?? null, contact.phone ?? null, contact.locale ?? null],
    );
  }

  /** Logs messages to send as PENDING; a message already logged for the same event is not logged again. */
  async logPending(
    messages: PlannedMessage[],
    context: {
      orderId: string | null;
      customerId: string | null;
      audience: 'customer' | 'staff';
      template: string;
      causationEventId: string;
      causationEventType: string;
      data: Record<string, unknown>;
    },
  ): Promise<number> {
    let logged = 0;
    for (const message of messages) {
      const inserted = await this.db.query(
        `INSERT INTO notifications (id, order_id, customer_id, audience, channel, recipient, template, locale, status,
                                    causation_event_id, causation_event_type, data, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'PENDING', $9, $10, $11, now())
         ON CONFLICT (causation_event_id, channel, template, recipient) DO NOTHING RETURNING id`,
        [
          randomUUID(),
          context.orderId,
          context.customerId,
          context.audience,
          message.channel,
          message.recipient,
          context.template,
          message.locale as Locale,
          context.causationEventId,
          context.causationEventType,
          JSON.stringify(context.data),
        ],
      );
      logged += inserted.length;
    }
    return logged;
  }

  async saveOrder(order: OrderProjection): Promise<void> {
    await this.db.query(
      `INSERT INTO orders (order_id, customer_id, customer_name, currency, total, items, locale, placed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (order_id) DO NOTHING`,
      [
        order.orderId,
        order.customerId,
        order.customerName,
        order.currency,
        order.total,
        JSON.stringify(order.items),
        order.locale,
        order.placedAt,
      ],
    );
  }

  async order(orderId: string): Promise<OrderProjection | null> {
    const [row] = await this.db.query(`SELECT * FROM orders WHERE order_id = $1`, [orderId]);
    return row ? toProjection(row) : null;
  }

  async contactOf(customerId: string): Promise<Contact | null> {
    const [row] = await this.db.query(`SELECT email, phone, locale FROM customer_contacts WHERE customer_id = $1`, [
      customerId,
    ]);
    return row ?? null;
  }

  /**
   * Claims up to `limit` due messages for one attempt: counts the attempt and moves their next attempt a lease
   * away, in one statement over rows locked with SKIP LOCKED. Once committed, no other round or instance takes
   * them until the lease ends, so the send can happen outside any transaction; if this instance dies mid-send
   * the lease ends and the message is tried again.
   */
  async claimDue(limit: number, leaseMs: number): Promise<DueNotification[]> {
    const rows = await this.db.query(
      `WITH due AS (
         SELECT id FROM notifications WHERE status = 'PENDING' AND next_attempt_at <= now()
         ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED),
       claimed AS (
         UPDATE notifications n SET attempts = n.attempts + 1,
                next_attempt_at = now() + make_interval(secs => $2::double precision / 1000), updated_at = now()
         FROM due WHERE n.id = due.id
         RETURNING n.*)
       SELECT c.id, c.order_id, c.customer_id, c.audience, c.channel, c.recipient, c.template, c.locale, c.attempts,
              c.data, c.causation_event_id, c.causation_event_type, o.customer_name, o.currency, o.total, o.items
       FROM claimed c LEFT JOIN orders o ON o.order_id = c.order_id`,
      [limit, leaseMs],
    );
    return rows.map((r: DueRow) => ({
      id: r.id,
      orderId: r.order_id,
      customerId: r.customer_id,
      audience: r.audience,
      channel: r.channel,
      recipient: r.recipient,
      template: r.template,
      locale: r.locale,
      attempts: r.attempts,
      causationEventId: r.causation_event_id,
      causationEventType: r.causation_event_type ?? 'Unknown',
      data: r.data,
      order: r.customer_name
        ? { customerName: r.customer_name, currency: r.currency!, total: Number(r.total), items: r.items! }
        : null,
    }));
  }

  async markSent(id: string): Promise<void> {
    await this.db.query(
      `UPDATE notifications SET status = 'SENT', sent_at = now(), last_error = NULL, next_attempt_at = NULL,
              updated_at = now()
       WHERE id = $1`,
      [id],
    );
  }

  /** A failed attempt: PENDING again at `retryAt`, or FAILED for good when it is null. */
  /** Not sent because the provider's circuit is open: due again when it may be called, the attempt given back. */
  async deferUncalled(id: string, until: Date): Promise<void> {
    await this.db.query(
      `UPDATE notifications SET attempts = greatest(attempts - 1, 0), next_attempt_at = $2, updated_at = now()
        WHERE id = $1 AND status = 'PENDING'`,
      [id, until],
    );
  }

  async markFailed(id: string, error: string, retryAt: Date | null): Promise<void> {
    await this.db.query(
      `UPDATE notifications SET status = $2, last_error = $3, next_attempt_at = $4, updated_at = now() WHERE id = $1`,
      [id, retryAt ? 'PENDING' : 'FAILED', error.slice(0, 2000), retryAt],
    );
  }

  async list(filter: {
    orderId?: string;
    recipient?: string;
    limit: number;
    cursor?: string;
  }): Promise<Page<NotificationView>> {
    const page = keysetQuery({
      conditions: [
        filter.orderId && ['order_id = ?', filter.orderId],
        filter.recipient && ['recipient = ?', filter.recipient],
      ],
      cursor: filter.cursor,
      limit: filter.limit,
    });
    const rows: NotificationRow[] = await this.db.query(
      `SELECT id, order_id, customer_id, audience, channel, recipient, template, locale, status, attempts, last_error,
              causation_event_type, created_at, sent_at
       FROM notifications ${page.where} ${page.orderByLimit}`,
      page.params,
    );
    return toPage(rows, filter.limit, rowPosition, (r) => ({
      id: r.id,
      orderId: r.order_id,
      customerId: r.customer_id,
      audience: r.audience,
      cause: r.causation_event_type,
      channel: r.channel,
      recipient: r.recipient,
      template: r.template,
      locale: r.locale,
      status: r.status,
      attempts: r.attempts,
      lastError: r.last_error,
      createdAt: r.created_at.toISOString(),
      sentAt: r.sent_at?.toISOString() ?? null,
    }));
  }
}
