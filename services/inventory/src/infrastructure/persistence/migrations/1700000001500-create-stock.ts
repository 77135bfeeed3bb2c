import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateStock1700000001500 implements MigrationInterface {
  name = 'CreateStock1700000001500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE warehouses (
        id         text PRIMARY KEY,
        name       text        NOT NULL,
        address    text,
        region     text,
        priority   integer     NOT NULL DEFAULT 100,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The CHECKs are the last line of defence: no code path can make stock negative or over-reserve it.
    await q.query(`
      CREATE TABLE stock_levels (
        sku          text    NOT NULL,
        warehouse_id text    NOT NULL REFERENCES warehouses (id),
        on_hand      integer NOT NULL CHECK (on_hand >= 0),
        reserved     integer NOT NULL DEFAULT 0 CHECK (reserved >= 0),
        updated_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (sku, warehouse_id),
        CHECK (reserved <= on_hand)
      )`);
    await q.query(`
      CREATE TABLE order_demand (
        order_id  uuid        NOT NULL,
        sku       text        NOT NULL,
        quantity  integer     NOT NULL CHECK (quantity > 0),
        placed_at timestamptz NOT NULL,
        PRIMARY KEY (order_id, sku)
      )`);
    await q.query(`CREATE INDEX order_demand_sku ON order_demand (sku, placed_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE order_demand`);
    await q.query(`DROP TABLE stock_levels`);
    await q.query(`DROP TABLE warehouses`);
  }
}
