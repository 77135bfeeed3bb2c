import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Merged pick lists: several fulfillment requests (orders of one customer to one address) on one list. Each
 * request is recorded once, whichever list took it; `merge_key` finds an open list to join.
 */
export class MergedPickLists1700000002300 implements MigrationInterface {
  name = 'MergedPickLists1700000002300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE pick_list_requests (
        fulfillment_request_id uuid PRIMARY KEY,
        pick_list_id           uuid NOT NULL REFERENCES pick_lists (id) ON DELETE CASCADE,
        order_id               uuid NOT NULL
      )`);
    await q.query(`
      INSERT INTO pick_list_requests (fulfillment_request_id, pick_list_id, order_id)
      SELECT fulfillment_request_id, id, order_ids[1] FROM pick_lists`);
    await q.query(`ALTER TABLE pick_lists ADD COLUMN merge_key text`);
    await q.query(
      `CREATE INDEX pick_lists_mergeable ON pick_lists (warehouse_id, merge_key, created_at) WHERE status = 'OPEN'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX pick_lists_mergeable`);
    await q.query(`ALTER TABLE pick_lists DROP COLUMN merge_key`);
    await q.query(`DROP TABLE pick_list_requests`);
  }
}
