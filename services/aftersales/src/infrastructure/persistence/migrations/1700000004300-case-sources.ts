import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What opened a case (a shipment in trouble, a failed compensation step), so that the same problem heard twice
 * opens one case, and its resolution closes it; and how it was resolved.
 */
export class CaseSources1700000004300 implements MigrationInterface {
  name = 'CaseSources1700000004300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE support_cases ADD COLUMN source_ref text`);
    await q.query(
      `CREATE UNIQUE INDEX support_cases_source ON support_cases (source_ref) WHERE source_ref IS NOT NULL`,
    );
    await q.query(`ALTER TABLE support_cases ADD COLUMN outcome text`);
    await q.query(`ALTER TABLE support_cases ADD COLUMN resolution text`);
    await q.query(`ALTER TABLE support_cases ADD COLUMN resolved_by text`);
    await q.query(`ALTER TABLE support_cases ADD COLUMN resolved_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const column of ['resolved_at', 'resolved_by', 'resolution', 'outcome']) {
      await q.query(`ALTER TABLE support_cases DROP COLUMN ${column}`);
    }
    await q.query(`DROP INDEX support_cases_source`);
    await q.query(`ALTER TABLE support_cases DROP COLUMN source_ref`);
  }
}
