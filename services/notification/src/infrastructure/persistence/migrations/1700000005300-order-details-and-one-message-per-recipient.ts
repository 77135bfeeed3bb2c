import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OrderDetailsAndOneMessagePerRecipient1700000005300 implements MigrationInterface {
  name = 'OrderDetailsAndOneMessagePerRecipient1700000005300';

  async up(q: QueryRunner): Promise<void> {
    // The rest of what messages show about an order: the city it goes to and the totals' parts (minor units).
    // Null for orders kept before; their items also lack unitPrice, and templates leave those parts out.
    await q.query(`ALTER TABLE orders ADD COLUMN shipping_city text`);
    await q.query(`ALTER TABLE orders ADD COLUMN subtotal bigint`);
    await q.query(`ALTER TABLE orders ADD COLUMN shipping_fee bigint`);
    await q.query(`ALTER TABLE orders ADD COLUMN discount bigint`);
    await q.query(`ALTER TABLE orders ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);

    // Every order a message is about: one parcel may carry several orders of a customer, who gets one message
    // naming them all. order_id stays the first of them (it keys the message's events).
    await q.query(`ALTER TABLE notifications ADD COLUMN order_ids uuid[] NOT NULL DEFAULT '{}'`);
    await q.query(`UPDATE notifications SET order_ids = ARRAY[order_id] WHERE order_id IS NOT NULL`);
    await q.query(`CREATE INDEX notifications_order_ids ON notifications USING gin (order_ids)`);

    // A redelivered event adds nothing: one message per event, channel and recipient (the inbox is the first guard).
    await q.query(
      `ALTER TABLE notifications DROP CONSTRAINT notifications_causation_event_id_channel_template_recipient_key`,
    );
    await q.query(
      `ALTER TABLE notifications ADD CONSTRAINT notifications_once_per_event
         UNIQUE (causation_event_id, channel, recipient)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_once_per_event`);
    await q.query(
      `ALTER TABLE notifications ADD CONSTRAINT notifications_causation_event_id_channel_template_recipient_key
         UNIQUE (causation_event_id, channel, template, recipient)`,
    );
    await q.query(`DROP INDEX notifications_order_ids`);
    await q.query(`ALTER TABLE notifications DROP COLUMN order_ids`);
    await q.query(`ALTER TABLE orders DROP COLUMN updated_at`);
    await q.query(`ALTER TABLE orders DROP COLUMN discount`);
    await q.query(`ALTER TABLE orders DROP COLUMN shipping_fee`);
    await q.query(`ALTER TABLE orders DROP COLUMN subtotal`);
    await q.query(`ALTER TABLE orders DROP COLUMN shipping_city`);
  }
}
