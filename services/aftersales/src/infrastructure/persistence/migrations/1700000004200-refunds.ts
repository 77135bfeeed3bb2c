import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Refunds, one row per refund id (the requester's): paid back once however often asked. A durable work queue:
 * due PENDING rows are claimed with a lease, sent to the payment provider outside any transaction, then
 * recorded ISSUED, retried later, or FAILED when the provider refused for good.
 */
export class Refunds1700000004200 implements MigrationInterface {
  name = 'Refunds1700000004200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE refunds (
        id                 uuid PRIMARY KEY,
        order_id           uuid        NOT NULL,
        reason             text        NOT NULL,
        amount             bigint      NOT NULL CHECK (amount > 0),
        currency           char(3)     NOT NULL,
        payment_reference  text        NOT NULL,
        cancellation_id    uuid,
        shipment_id        uuid,
        return_id          uuid,
        lines              jsonb,
        contact            jsonb,
        requested_by       text        NOT NULL,
        status             text        NOT NULL CHECK (status IN ('PENDING', 'ISSUED', 'FAILED')),
        attempts           integer     NOT NULL DEFAULT 0,
        next_attempt_at    timestamptz NOT NULL DEFAULT now(),
        last_error         text,
        surfaced_at        timestamptz,
        provider_reference text,
        issued_at          timestamptz,
        created_at         timestamptz NOT NULL DEFAULT now(),
        updated_at         timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX refunds_due ON refunds (next_attempt_at) WHERE status = 'PENDING'`);
    await q.query(`CREATE INDEX refunds_order ON refunds (order_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX refunds_listing ON refunds (created_at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE refunds`);
  }
}
