import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Orders whose cancellation reached shipping: a parcel packed for them afterwards is never made a shipment. */
export class CancelledOrders1700000003400 implements MigrationInterface {
  name = 'CancelledOrders1700000003400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cancelled_orders (
        order_id        uuid PRIMARY KEY,
        cancellation_id uuid        NOT NULL,
        cancelled_at    timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE cancelled_orders`);
  }
}
