import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A ships-complete order keeps the reservations it holds back until every line is reserved. */
export class HeldAllocations1700000001600 implements MigrationInterface {
  name = 'HeldAllocations1700000001600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE orders ADD COLUMN held_allocations jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE orders DROP COLUMN held_allocations`);
  }
}
