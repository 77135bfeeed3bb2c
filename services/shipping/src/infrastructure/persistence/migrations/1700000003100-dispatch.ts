import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Dispatch1700000003100 implements MigrationInterface {
  name = 'Dispatch1700000003100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE shipments ADD COLUMN shipping_cost bigint CHECK (shipping_cost >= 0)`);
    await q.query(`ALTER TABLE shipments ADD COLUMN tracking_url text`);
    await q.query(`ALTER TABLE shipments ADD COLUMN dispatched_at timestamptz`);
    await q.query(`ALTER TABLE shipments ADD COLUMN delivered_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const column of ['delivered_at', 'dispatched_at', 'tracking_url', 'shipping_cost']) {
      await q.query(`ALTER TABLE shipments DROP COLUMN ${column}`);
    }
  }
}
