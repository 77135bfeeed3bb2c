import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Returned goods: resellable units come back on hand (`return-restocked`), damaged ones are recorded as written
 * off (`return-written-off`, no change on hand: they had left with the shipment). A return is applied once.
 */
export class Returns1700000002200 implements MigrationInterface {
  name = 'Returns1700000002200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE stock_movements DROP CONSTRAINT stock_movements_kind_check`);
    await q.query(`
      ALTER TABLE stock_movements ADD CONSTRAINT stock_movements_kind_check CHECK (kind IN
        ('stocktake', 'adjustment', 'replenishment', 'shipment', 'reservation-expired', 'reservation-released',
         'return-restocked', 'return-written-off'))`);
    await q.query(
      `CREATE TABLE applied_returns (return_id uuid PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE applied_returns`);
    await q.query(`DELETE FROM stock_movements WHERE kind IN ('return-restocked', 'return-written-off')`);
    await q.query(`ALTER TABLE stock_movements DROP CONSTRAINT stock_movements_kind_check`);
    await q.query(`
      ALTER TABLE stock_movements ADD CONSTRAINT stock_movements_kind_check CHECK (kind IN
        ('stocktake', 'adjustment', 'replenishment', 'shipment', 'reservation-expired', 'reservation-released'))`);
  }
}
