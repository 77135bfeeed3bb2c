import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IdempotencyAndTimeline1700000001100 implements MigrationInterface {
  name = 'IdempotencyAndTimeline1700000001100';

  async up(q: QueryRunner): Promise<void> {
    // The first answer to a keyed POST /v1/orders, kept so that a retry gets it back verbatim.
    await q.query(`
      CREATE TABLE idempotency_keys (
        key             text PRIMARY KEY,
        request_hash    text        NOT NULL,
        order_id        uuid        NOT NULL,
        response_status integer     NOT NULL,
        response_body   jsonb       NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at)`);
    // Events of the other services that concern an order: its timeline beside its own transitions.
    await q.query(`
      CREATE TABLE order_timeline_events (
        order_id    uuid        NOT NULL,
        event_id    uuid        NOT NULL,
        type        text        NOT NULL,
        source      text        NOT NULL,
        occurred_at timestamptz NOT NULL,
        payload     jsonb       NOT NULL,
        PRIMARY KEY (order_id, event_id)
      )`);
    await q.query(`CREATE INDEX order_timeline_events_order ON order_timeline_events (order_id, occurred_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE order_timeline_events`);
    await q.query(`DROP TABLE idempotency_keys`);
  }
}
