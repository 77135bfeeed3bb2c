import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Announced replenishments (purchase orders): what is coming, when; the promise dates of backordered lines. */
export class ExpectedReceipts1700000001900 implements MigrationInterface {
  name = 'ExpectedReceipts1700000001900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE expected_receipts (
        id           uuid PRIMARY KEY,
        sku          text        NOT NULL,
        warehouse_id text        NOT NULL,
        quantity     integer     NOT NULL CHECK (quantity > 0),
        expected_at  timestamptz NOT NULL,
        reference    text,
        status       text        NOT NULL CHECK (status IN ('OPEN', 'RECEIVED')),
        created_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX expected_receipts_open ON expected_receipts (sku, expected_at) WHERE status = 'OPEN'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE expected_receipts`);
  }
}
