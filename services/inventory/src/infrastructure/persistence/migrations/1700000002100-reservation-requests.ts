import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Confirmed orders waiting their turn to reserve: served in the order they were placed, not the order their
 * confirmations arrived in (they travel on different partitions), once the ordering window has passed.
 */
export class ReservationRequests1700000002100 implements MigrationInterface {
  name = 'ReservationRequests1700000002100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reservation_requests (
        order_id    uuid PRIMARY KEY,
        placed_at   timestamptz NOT NULL,
        lines       jsonb       NOT NULL,
        cause       jsonb       NOT NULL,
        status      text        NOT NULL CHECK (status IN ('PENDING', 'DONE', 'CANCELLED')),
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX reservation_requests_pending ON reservation_requests (placed_at, order_id) WHERE status = 'PENDING'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE reservation_requests`);
  }
}
