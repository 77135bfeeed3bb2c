import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PickAndPack1700000002100 implements MigrationInterface {
  name = 'PickAndPack1700000002100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE pick_lists ADD COLUMN packages jsonb`);
    await q.query(`ALTER TABLE pick_lists ADD COLUMN picked_at timestamptz`);
    await q.query(`ALTER TABLE pick_lists ADD COLUMN packed_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE pick_lists DROP COLUMN packed_at`);
    await q.query(`ALTER TABLE pick_lists DROP COLUMN picked_at`);
    await q.query(`ALTER TABLE pick_lists DROP COLUMN packages`);
  }
}
