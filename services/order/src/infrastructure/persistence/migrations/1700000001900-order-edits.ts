import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Edits of an order: the one on its way is kept with the order; every edit, with its outcome, in its own table. */
export class OrderEdits1700000001900 implements MigrationInterface {
  name = 'OrderEdits1700000001900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE orders ADD COLUMN pending_edit jsonb`);
    await q.query(`
      CREATE TABLE order_edits (
        edit_id      uuid PRIMARY KEY,
        order_id     uuid        NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
        status       text        NOT NULL CHECK (status IN ('PENDING', 'APPLIED', 'REFUSED', 'SUPERSEDED')),
        request      jsonb       NOT NULL,
        changes      jsonb       NOT NULL,
        requested_by text        NOT NULL,
        detail       text,
        created_at   timestamptz NOT NULL DEFAULT now(),
        decided_at   timestamptz
      )`);
    await q.query(`CREATE INDEX order_edits_order ON order_edits (order_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE order_edits`);
    await q.query(`ALTER TABLE orders DROP COLUMN pending_edit`);
  }
}
