import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The cancellation saga's state, one row per cancellation: which step runs, which are done, failed or to come,
 * and when an unanswered step is asked again (the durable timer). Refunds paid back are summed on the order.
 */
export class Compensations1700000001800 implements MigrationInterface {
  name = 'Compensations1700000001800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE order_compensations (
        cancellation_id uuid PRIMARY KEY,
        order_id        uuid        NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
        status          text        NOT NULL CHECK (status IN ('RUNNING', 'DONE', 'FAILED')),
        due_at          timestamptz,
        state           jsonb       NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX order_compensations_order ON order_compensations (order_id, created_at)`);
    await q.query(`CREATE INDEX order_compensations_due ON order_compensations (due_at) WHERE due_at IS NOT NULL`);
    await q.query(`ALTER TABLE orders ADD COLUMN amount_refunded bigint NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE orders DROP COLUMN amount_refunded`);
    await q.query(`DROP TABLE order_compensations`);
  }
}
