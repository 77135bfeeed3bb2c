import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reships: lines of a delivered-in-trouble shipment are reserved again under their own reservation and, when
 * stock is short, wait in the same queue beside the order's own backorders of that SKU.
 */
export class Reships1700000002000 implements MigrationInterface {
  name = 'Reships1700000002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reservations ADD COLUMN reship_id uuid`);
    await q.query(`ALTER TABLE backorders ADD COLUMN reship_id uuid`);
    await q.query(`ALTER TABLE backorders DROP CONSTRAINT backorders_pkey`);
    await q.query(`CREATE UNIQUE INDEX backorders_demand ON backorders (order_id, sku, reship_id) NULLS NOT DISTINCT`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM backorders WHERE reship_id IS NOT NULL`);
    await q.query(`DROP INDEX backorders_demand`);
    await q.query(`ALTER TABLE backorders ADD PRIMARY KEY (order_id, sku)`);
    await q.query(`ALTER TABLE backorders DROP COLUMN reship_id`);
    await q.query(`ALTER TABLE reservations DROP COLUMN reship_id`);
  }
}
