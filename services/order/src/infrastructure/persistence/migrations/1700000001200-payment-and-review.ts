import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PaymentAndReview1700000001200 implements MigrationInterface {
  name = 'PaymentAndReview1700000001200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE orders ADD COLUMN review_reasons text[] NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE orders ADD COLUMN amount_paid bigint CHECK (amount_paid >= 0)`);
    await q.query(`ALTER TABLE orders ADD COLUMN payment_reference text`);
    await q.query(`ALTER TABLE orders ADD COLUMN payment_provider text`);
    await q.query(`ALTER TABLE orders ADD COLUMN paid_at timestamptz`);
    // A provider's payment reference confirms one order only.
    await q.query(
      `CREATE UNIQUE INDEX orders_payment_reference ON orders (payment_reference) WHERE payment_reference IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX orders_payment_reference`);
    for (const column of ['paid_at', 'payment_provider', 'payment_reference', 'amount_paid', 'review_reasons']) {
      await q.query(`ALTER TABLE orders DROP COLUMN ${column}`);
    }
  }
}
