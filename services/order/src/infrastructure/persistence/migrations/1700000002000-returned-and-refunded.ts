import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Per line, the units whose price was paid back (returns); `returned` counts the goods that came back. */
export class ReturnedAndRefunded1700000002000 implements MigrationInterface {
  name = 'ReturnedAndRefunded1700000002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE order_lines ADD COLUMN refunded integer NOT NULL DEFAULT 0 CHECK (refunded >= 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE order_lines DROP COLUMN refunded`);
  }
}
