import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAftersales1700000004000 implements MigrationInterface {
  name = 'CreateAftersales1700000004000';

  async up(q: QueryRunner): Promise<void> {
    // What after-sales must know of an order without asking the order service: who, how to reach them,
    // and the lines with prices (returns and refunds are computed from them).
    await q.query(`
      CREATE TABLE orders (
        order_id    uuid PRIMARY KEY,
        customer_id text        NOT NULL,
        contact     jsonb       NOT NULL,
        currency    char(3)     NOT NULL,
        lines       jsonb       NOT NULL,
        placed_at   timestamptz NOT NULL,
        delivered_at timestamptz
      )`);
    // Durable timers: rows, never in-process timeouts.
    await q.query(`
      CREATE TABLE follow_ups (
        id          uuid PRIMARY KEY,
        order_id    uuid        NOT NULL,
        shipment_id uuid        NOT NULL,
        kind        text        NOT NULL,
        due_at      timestamptz NOT NULL,
        status      text        NOT NULL,
        sent_at     timestamptz,
        created_at  timestamptz NOT NULL DEFAULT now(),
        UNIQUE (order_id, shipment_id, kind)
      )`);
    await q.query(`CREATE INDEX follow_ups_due ON follow_ups (due_at) WHERE status = 'SCHEDULED'`);
    await q.query(`
      CREATE TABLE feedback (
        id         uuid PRIMARY KEY,
        order_id   uuid        NOT NULL UNIQUE,
        rating     smallint    NOT NULL CHECK (rating BETWEEN 1 AND 5),
        comment    text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE support_cases (
        id         uuid PRIMARY KEY,
        order_id   uuid,
        kind       text        NOT NULL,
        status     text        NOT NULL,
        subject    text        NOT NULL,
        detail     text,
        assignee   text,
        opened_by  text        NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX support_cases_order ON support_cases (order_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX support_cases_listing ON support_cases (created_at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE support_cases`);
    await q.query(`DROP TABLE feedback`);
    await q.query(`DROP TABLE follow_ups`);
    await q.query(`DROP TABLE orders`);
  }
}
