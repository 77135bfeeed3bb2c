import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Stock released by a cancellation is a movement of its own in the ledger. */
export class ReleasedMovements1700000001800 implements MigrationInterface {
  name = 'ReleasedMovements1700000001800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE stock_movements DROP CONSTRAINT stock_movements_kind_check`);
    await q.query(`
      ALTER TABLE stock_movements ADD CONSTRAINT stock_movements_kind_check CHECK (kind IN
        ('stocktake', 'adjustment', 'replenishment', 'shipment', 'reservation-expired', 'reservation-released'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE stock_movements DROP CONSTRAINT stock_movements_kind_check`);
    await q.query(`
      ALTER TABLE stock_movements ADD CONSTRAINT stock_movements_kind_check CHECK (kind IN
        ('stocktake', 'adjustment', 'replenishment', 'shipment', 'reservation-expired'))`);
  }
}
