import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OrderShipments1700000001300 implements MigrationInterface {
  name = 'OrderShipments1700000001300';

  async up(q: QueryRunner): Promise<void> {
    // The shipments of each order as the saga heard of them: it is DELIVERED when all have arrived.
    await q.query(`
      CREATE TABLE order_shipments (
        order_id        uuid        NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
        shipment_id     uuid        NOT NULL,
        carrier         text        NOT NULL,
        tracking_number text        NOT NULL,
        status          text        NOT NULL CHECK (status IN ('DISPATCHED', 'DELIVERED')),
        dispatched_at   timestamptz NOT NULL,
        delivered_at    timestamptz,
        PRIMARY KEY (order_id, shipment_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE order_shipments`);
  }
}
