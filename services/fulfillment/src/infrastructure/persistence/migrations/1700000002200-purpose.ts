import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Why a pick list's goods are sent (the order, a reship, an exchange): it travels with the parcel. */
export class Purpose1700000002200 implements MigrationInterface {
  name = 'Purpose1700000002200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE pick_lists ADD COLUMN purpose text NOT NULL DEFAULT 'order'`);
    await q.query(`ALTER TABLE pick_lists ADD COLUMN reship_id uuid`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE pick_lists DROP COLUMN reship_id`);
    await q.query(`ALTER TABLE pick_lists DROP COLUMN purpose`);
  }
}
