import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOrders1700000001000 implements MigrationInterface {
  name = 'CreateOrders1700000001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE orders (
        id               uuid PRIMARY KEY,
        customer_id      text        NOT NULL,
        channel          text        NOT NULL,
        currency         char(3)     NOT NULL,
        status           text        NOT NULL,
        payment_method   text        NOT NULL,
        ship_complete    boolean     NOT NULL,
        shipping_address jsonb       NOT NULL,
        contact          jsonb       NOT NULL,
        notes            text,
        placed_by        text,
        subtotal         bigint      NOT NULL CHECK (subtotal >= 0),
        shipping_total   bigint      NOT NULL CHECK (shipping_total >= 0),
        discount_total   bigint      NOT NULL CHECK (discount_total >= 0),
        total            bigint      NOT NULL CHECK (total >= 0),
        placed_at        timestamptz NOT NULL,
        updated_at       timestamptz NOT NULL DEFAULT now(),
        version          integer     NOT NULL
      )`);
    await q.query(`CREATE INDEX orders_customer ON orders (customer_id, placed_at DESC, id)`);
    await q.query(`CREATE INDEX orders_status ON orders (status, placed_at DESC, id)`);
    await q.query(`
      CREATE TABLE order_lines (
        order_id    uuid    NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
        sku         text    NOT NULL,
        quantity    integer NOT NULL CHECK (quantity > 0),
        unit_price  bigint  NOT NULL CHECK (unit_price >= 0),
        line_total  bigint  NOT NULL CHECK (line_total >= 0),
        reserved    integer NOT NULL DEFAULT 0 CHECK (reserved >= 0),
        backordered integer NOT NULL DEFAULT 0 CHECK (backordered >= 0),
        shipped     integer NOT NULL DEFAULT 0 CHECK (shipped >= 0),
        returned    integer NOT NULL DEFAULT 0 CHECK (returned >= 0),
        cancelled   integer NOT NULL DEFAULT 0 CHECK (cancelled >= 0),
        PRIMARY KEY (order_id, sku)
      )`);
    await q.query(`
      CREATE TABLE order_status_changes (
        id          bigserial PRIMARY KEY,
        order_id    uuid        NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
        from_status text,
        to_status   text        NOT NULL,
        reason      text        NOT NULL,
        occurred_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX order_status_changes_order ON order_status_changes (order_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE order_status_changes`);
    await q.query(`DROP TABLE order_lines`);
    await q.query(`DROP TABLE orders`);
  }
}
