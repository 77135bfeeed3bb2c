import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What a waiting order keeps: the reservations a ships-complete order holds back, and since when it waits. */
export class WaitingOrders1700000001600 implements MigrationInterface {
  name = 'WaitingOrders1700000001600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE orders ADD COLUMN held_allocations jsonb NOT NULL DEFAULT '[]'`);
    // Since when some line of the order waits for stock: the backorder wait limit's durable timer.
    await q.query(`ALTER TABLE orders ADD COLUMN waiting_since timestamptz`);
    await q.query(`CREATE INDEX orders_waiting ON orders (waiting_since) WHERE waiting_since IS NOT NULL`);
    // The promise date of a line's waiting units: inventory's announced receipt for its SKU.
    await q.query(`ALTER TABLE order_lines ADD COLUMN promised_by timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE order_lines DROP COLUMN promised_by`);
    await q.query(`DROP INDEX orders_waiting`);
    await q.query(`ALTER TABLE orders DROP COLUMN waiting_since`);
    await q.query(`ALTER TABLE orders DROP COLUMN held_allocations`);
  }
}
