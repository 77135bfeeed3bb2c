import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateShipments1700000003000 implements MigrationInterface {
  name = 'CreateShipments1700000003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE shipments (
        id                 uuid PRIMARY KEY,
        pick_list_id       uuid        NOT NULL UNIQUE,
        warehouse_id       text        NOT NULL,
        status             text        NOT NULL,
        order_ids          uuid[]      NOT NULL,
        customer_id        text        NOT NULL,
        shipping_address   jsonb       NOT NULL,
        contact            jsonb       NOT NULL,
        packages           jsonb       NOT NULL,
        total_weight_grams integer     NOT NULL CHECK (total_weight_grams > 0),
        carrier            text,
        tracking_number    text UNIQUE,
        created_at         timestamptz NOT NULL DEFAULT now(),
        updated_at         timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX shipments_listing ON shipments (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX shipments_orders ON shipments USING gin (order_ids)`);
    await q.query(`
      CREATE TABLE shipment_lines (
        shipment_id uuid    NOT NULL REFERENCES shipments (id) ON DELETE CASCADE,
        order_id    uuid    NOT NULL,
        sku         text    NOT NULL,
        quantity    integer NOT NULL CHECK (quantity > 0),
        PRIMARY KEY (shipment_id, order_id, sku)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE shipment_lines`);
    await q.query(`DROP TABLE shipments`);
  }
}
