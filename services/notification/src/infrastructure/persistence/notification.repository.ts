import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Locale } from '@oms/contracts';
import { keysetQuery, type Page, rowPosition, toPage, UnitOfWork } from '@oms/platform';
import type { Contact, PlannedMessage, Preferences } from '../../domain/message-plan';

export interface NotificationView {
  id: string;
  orderId: string | null;
  customerId: string | null;
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

interface NotificationRow {
  id: string;
  order_id: string | null;
  customer_id: string | null;
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
    context: { orderId: string | null; customerId: string | null; template: string; causationEventId: string },
  ): Promise<number> {
    let logged = 0;
    for (const message of messages) {
      const inserted = await this.db.query(
        `INSERT INTO notifications (id, order_id, customer_id, audience, channel, recipient, template, locale, status, causation_event_id, next_attempt_at)
         VALUES ($1, $2, $3, 'customer', $4, $5, $6, $7, 'PENDING', $8, now())
         ON CONFLICT (causation_event_id, channel, template, recipient) DO NOTHING RETURNING id`,
        [
          randomUUID(),
          context.orderId,
          context.customerId,
          message.channel,
          message.recipient,
          context.template,
          message.locale as Locale,
          context.causationEventId,
        ],
      );
      logged += inserted.length;
    }
    return logged;
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
      `SELECT id, order_id, customer_id, channel, recipient, template, locale, status, attempts, last_error, created_at, sent_at
       FROM notifications ${page.where} ${page.orderByLimit}`,
      page.params,
    );
    return toPage(rows, filter.limit, rowPosition, (r) => ({
      id: r.id,
      orderId: r.order_id,
      customerId: r.customer_id,
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
