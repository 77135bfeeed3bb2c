import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Returns (RMA) and what they are computed from: the order's totals and payment, what each shipment delivered
 * from which warehouse, and each order's return window (a durable timer that completes the order's after-sales).
 */
export class Returns1700000004400 implements MigrationInterface {
  name = 'Returns1700000004400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE orders ADD COLUMN totals jsonb`);
    await q.query(`ALTER TABLE orders ADD COLUMN payment_method text`);
    await q.query(`ALTER TABLE orders ADD COLUMN payment_reference text`);
    await q.query(`
      CREATE TABLE order_shipments (
        order_id     uuid        NOT NULL,
        shipment_id  uuid        NOT NULL,
        warehouse_id text        NOT NULL,
        purpose      text        NOT NULL,
        lines        jsonb       NOT NULL,
        delivered_at timestamptz,
        PRIMARY KEY (order_id, shipment_id)
      )`);
    await q.query(`
      CREATE TABLE returns (
        id                uuid PRIMARY KEY,
        order_id          uuid        NOT NULL,
        status            text        NOT NULL CHECK (status IN ('REQUESTED', 'APPROVED', 'REJECTED', 'RECEIVED', 'COMPLETED')),
        reason            text        NOT NULL,
        comment           text,
        resolution        text        NOT NULL CHECK (resolution IN ('refund', 'exchange')),
        lines             jsonb       NOT NULL,
        exchange_lines    jsonb,
        approved_lines    jsonb,
        received_lines    jsonb,
        reference         text UNIQUE,
        warehouse_id      text,
        refund            jsonb,
        exchange_id       uuid,
        requested_by      text        NOT NULL,
        decided_by        text,
        rejection_reason  text,
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX returns_order ON returns (order_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX returns_listing ON returns (created_at DESC, id DESC)`);
    await q.query(`
      CREATE TABLE return_windows (
        order_id  uuid PRIMARY KEY,
        closes_at timestamptz NOT NULL,
        closed_at timestamptz
      )`);
    await q.query(`CREATE INDEX return_windows_due ON return_windows (closes_at) WHERE closed_at IS NULL`);
    await q.query(`
      CREATE TABLE case_notes (
        id         bigserial PRIMARY KEY,
        case_id    uuid        NOT NULL REFERENCES support_cases (id) ON DELETE CASCADE,
        author     text        NOT NULL,
        text       text        NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX case_notes_case ON case_notes (case_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_notes`);
    await q.query(`DROP TABLE return_windows`);
    await q.query(`DROP TABLE returns`);
    await q.query(`DROP TABLE order_shipments`);
    for (const column of ['payment_reference', 'payment_method', 'totals']) {
      await q.query(`ALTER TABLE orders DROP COLUMN ${column}`);
    }
  }
}
