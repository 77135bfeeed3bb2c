import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The saga keeps each shipment's lines, purpose, trouble and resolution, and the reships it sent. */
export class ShipmentTroublesAndReships1700000001700 implements MigrationInterface {
  name = 'ShipmentTroublesAndReships1700000001700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE order_shipments DROP CONSTRAINT order_shipments_status_check`);
    await q.query(
      `ALTER TABLE order_shipments ADD CONSTRAINT order_shipments_status_check
         CHECK (status IN ('DISPATCHED', 'DELIVERED', 'EXCEPTION', 'RESOLVED'))`,
    );
    await q.query(`ALTER TABLE order_shipments ADD COLUMN purpose text NOT NULL DEFAULT 'order'`);
    await q.query(`ALTER TABLE order_shipments ADD COLUMN reship_id uuid`);
    await q.query(`ALTER TABLE order_shipments ADD COLUMN lines jsonb NOT NULL DEFAULT '[]'`);
    await q.query(`ALTER TABLE order_shipments ADD COLUMN exception jsonb`);
    await q.query(`ALTER TABLE order_shipments ADD COLUMN resolution jsonb`);
    await q.query(`ALTER TABLE orders ADD COLUMN reships jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE orders DROP COLUMN reships`);
    for (const column of ['resolution', 'exception', 'lines', 'reship_id', 'purpose']) {
      await q.query(`ALTER TABLE order_shipments DROP COLUMN ${column}`);
    }
    await q.query(`ALTER TABLE order_shipments DROP CONSTRAINT order_shipments_status_check`);
    await q.query(
      `ALTER TABLE order_shipments ADD CONSTRAINT order_shipments_status_check CHECK (status IN ('DISPATCHED', 'DELIVERED'))`,
    );
  }
}
