import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePickLists1700000002000 implements MigrationInterface {
  name = 'CreatePickLists1700000002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE pick_lists (
        id                     uuid PRIMARY KEY,
        fulfillment_request_id uuid        NOT NULL UNIQUE,
        warehouse_id           text        NOT NULL,
        status                 text        NOT NULL,
        order_ids              uuid[]      NOT NULL,
        customer_id            text        NOT NULL,
        shipping_address       jsonb       NOT NULL,
        contact                jsonb       NOT NULL,
        priority               text        NOT NULL,
        created_at             timestamptz NOT NULL DEFAULT now(),
        updated_at             timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX pick_lists_listing ON pick_lists (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX pick_lists_warehouse_status ON pick_lists (warehouse_id, status, created_at DESC)`);
    await q.query(`CREATE INDEX pick_lists_orders ON pick_lists USING gin (order_ids)`);
    await q.query(`
      CREATE TABLE pick_list_lines (
        pick_list_id uuid    NOT NULL REFERENCES pick_lists (id) ON DELETE CASCADE,
        sku          text    NOT NULL,
        quantity     integer NOT NULL CHECK (quantity > 0),
        bin          text,
        picked       integer NOT NULL DEFAULT 0 CHECK (picked >= 0 AND picked <= quantity),
        PRIMARY KEY (pick_list_id, sku)
      )`);
    // Per order and SKU, so that a merged pick list still knows which order each unit belongs to.
    await q.query(`
      CREATE TABLE pick_list_order_lines (
        pick_list_id uuid    NOT NULL REFERENCES pick_lists (id) ON DELETE CASCADE,
        order_id     uuid    NOT NULL,
        sku          text    NOT NULL,
        quantity     integer NOT NULL CHECK (quantity > 0),
        PRIMARY KEY (pick_list_id, order_id, sku)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE pick_list_order_lines`);
    await q.query(`DROP TABLE pick_list_lines`);
    await q.query(`DROP TABLE pick_lists`);
  }
}
