import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Why a shipment's goods are sent (the order, a reship, an exchange), as the pick list said. */
export class Purpose1700000003300 implements MigrationInterface {
  name = 'Purpose1700000003300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE shipments ADD COLUMN purpose text NOT NULL DEFAULT 'order'`);
    await q.query(`ALTER TABLE shipments ADD COLUMN reship_id uuid`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE shipments DROP COLUMN reship_id`);
    await q.query(`ALTER TABLE shipments DROP COLUMN purpose`);
  }
}
