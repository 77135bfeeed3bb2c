import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The database refuses a state the domain does not know (domain/follow-up.ts). */
export class StateChecks1700000004100 implements MigrationInterface {
  name = 'StateChecks1700000004100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE follow_ups ADD CONSTRAINT follow_ups_status CHECK (status IN ('SCHEDULED', 'SENT', 'CANCELLED'))`,
    );
    await q.query(
      `ALTER TABLE support_cases ADD CONSTRAINT support_cases_status CHECK (status IN ('OPEN', 'IN_PROGRESS', 'RESOLVED'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE support_cases DROP CONSTRAINT support_cases_status`);
    await q.query(`ALTER TABLE follow_ups DROP CONSTRAINT follow_ups_status`);
  }
}
