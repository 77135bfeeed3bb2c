import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateNotifications1700000005000 implements MigrationInterface {
  name = 'CreateNotifications1700000005000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE preferences (
        customer_id text PRIMARY KEY,
        email       boolean     NOT NULL,
        sms         boolean     NOT NULL,
        locale      text        NOT NULL,
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE customer_contacts (
        customer_id text PRIMARY KEY,
        email       text,
        phone       text,
        locale      text,
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    // The delivery log. The unique key is what makes a redelivered event never send twice.
    await q.query(`
      CREATE TABLE notifications (
        id                 uuid PRIMARY KEY,
        order_id           uuid,
        customer_id        text,
        audience           text        NOT NULL,
        channel            text        NOT NULL,
        recipient          text        NOT NULL,
        template           text        NOT NULL,
        locale             text        NOT NULL,
        status             text        NOT NULL,
        attempts           integer     NOT NULL DEFAULT 0,
        last_error         text,
        causation_event_id uuid        NOT NULL,
        next_attempt_at    timestamptz,
        sent_at            timestamptz,
        created_at         timestamptz NOT NULL DEFAULT now(),
        UNIQUE (causation_event_id, channel, template, recipient)
      )`);
    await q.query(`CREATE INDEX notifications_order ON notifications (order_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX notifications_recipient ON notifications (recipient, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX notifications_due ON notifications (next_attempt_at) WHERE status = 'PENDING'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notifications`);
    await q.query(`DROP TABLE customer_contacts`);
    await q.query(`DROP TABLE preferences`);
  }
}
