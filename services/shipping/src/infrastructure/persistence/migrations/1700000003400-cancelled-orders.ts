import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Orders whose cancellation reached shipping: a parcel packed for them afterwards is never made a shipment. A
 * pick list has one live shipment: when it is voided (a merged parcel that lost an order), the repacked list
 * gets a new one.
 */
export class CancelledOrders1700000003400 implements MigrationInterface {
  name = 'CancelledOrders1700000003400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cancelled_orders (
        order_id        uuid PRIMARY KEY,
        cancellation_id uuid        NOT NULL,
        cancelled_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`ALTER TABLE shipments DROP CONSTRAINT shipments_pick_list_id_key`);
    await q.query(
      `CREATE UNIQUE INDEX shipments_live_per_pick_list ON shipments (pick_list_id) WHERE status <> 'VOIDED'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX shipments_live_per_pick_list`);
    await q.query(`ALTER TABLE shipments ADD CONSTRAINT shipments_pick_list_id_key UNIQUE (pick_list_id)`);
    await q.query(`DROP TABLE cancelled_orders`);
  }
}
