import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CartsAndPrices1700000001400 implements MigrationInterface {
  name = 'CartsAndPrices1700000001400';

  async up(q: QueryRunner): Promise<void> {
    // The price list carts are priced from (orders placed directly carry their own prices).
    await q.query(`
      CREATE TABLE prices (
        sku        text        NOT NULL,
        currency   text        NOT NULL,
        unit_price bigint      NOT NULL CHECK (unit_price >= 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (sku, currency)
      )`);
    await q.query(`
      CREATE TABLE carts (
        id                       uuid PRIMARY KEY,
        customer_id              text        NOT NULL,
        channel                  text        NOT NULL,
        currency                 text        NOT NULL,
        status                   text        NOT NULL CHECK (status IN ('OPEN', 'CHECKED_OUT')),
        order_id                 uuid REFERENCES orders (id),
        checkout_idempotency_key text,
        created_at               timestamptz NOT NULL DEFAULT now(),
        updated_at               timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'CHECKED_OUT') = (order_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX carts_customer ON carts (customer_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE cart_items (
        cart_id  uuid    NOT NULL REFERENCES carts (id) ON DELETE CASCADE,
        sku      text    NOT NULL,
        quantity integer NOT NULL CHECK (quantity > 0),
        position integer NOT NULL,
        PRIMARY KEY (cart_id, sku)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE cart_items`);
    await q.query(`DROP TABLE carts`);
    await q.query(`DROP TABLE prices`);
  }
}
