import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OrderProjectionAndDelivery1700000005200 implements MigrationInterface {
  name = 'OrderProjectionAndDelivery1700000005200';

  async up(q: QueryRunner): Promise<void> {
    // What messages about an order show (items, total, the customer's name), kept from OrderPlaced.
    await q.query(`
      CREATE TABLE orders (
        order_id      uuid PRIMARY KEY,
        customer_id   text        NOT NULL,
        customer_name text        NOT NULL,
        currency      text        NOT NULL,
        total         bigint      NOT NULL,
        items         jsonb       NOT NULL,
        locale        text,
        placed_at     timestamptz NOT NULL
      )`);
    // The event's own details a template needs (carrier, tracking number, reason ...), and its type.
    await q.query(`ALTER TABLE notifications ADD COLUMN data jsonb NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE notifications ADD COLUMN causation_event_type text`);
    await q.query(`ALTER TABLE notifications ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications DROP COLUMN updated_at`);
    await q.query(`ALTER TABLE notifications DROP COLUMN causation_event_type`);
    await q.query(`ALTER TABLE notifications DROP COLUMN data`);
    await q.query(`DROP TABLE orders`);
  }
}
