import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The database refuses a channel, status or locale the service does not know (domain/message-plan.ts). */
export class StateChecks1700000005100 implements MigrationInterface {
  name = 'StateChecks1700000005100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE notifications ADD CONSTRAINT notifications_channel CHECK (channel IN ('email', 'sms', 'webhook'))`,
    );
    await q.query(
      `ALTER TABLE notifications ADD CONSTRAINT notifications_status CHECK (status IN ('PENDING', 'SENT', 'FAILED', 'SKIPPED'))`,
    );
    await q.query(`ALTER TABLE notifications ADD CONSTRAINT notifications_attempts CHECK (attempts >= 0)`);
    await q.query(
      `ALTER TABLE preferences ADD CONSTRAINT preferences_locale CHECK (locale IN ('zh-CN', 'zh-TW', 'en'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE preferences DROP CONSTRAINT preferences_locale`);
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_attempts`);
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_status`);
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_channel`);
  }
}
