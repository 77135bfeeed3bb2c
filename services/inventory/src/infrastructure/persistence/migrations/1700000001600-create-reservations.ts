import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateReservations1700000001600 implements MigrationInterface {
  name = 'CreateReservations1700000001600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reservations (
        id         uuid PRIMARY KEY,
        order_id   uuid        NOT NULL,
        status     text        NOT NULL,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX reservations_order ON reservations (order_id)`);
    await q.query(`CREATE INDEX reservations_expiry ON reservations (expires_at) WHERE status = 'ACTIVE'`);
    await q.query(`
      CREATE TABLE reservation_lines (
        reservation_id uuid    NOT NULL REFERENCES reservations (id) ON DELETE CASCADE,
        warehouse_id   text    NOT NULL,
        sku            text    NOT NULL,
        quantity       integer NOT NULL CHECK (quantity > 0),
        PRIMARY KEY (reservation_id, warehouse_id, sku)
      )`);
    // First come, first served per SKU: the queue of what confirmed orders still wait for.
    await q.query(`
      CREATE TABLE backorders (
        order_id  uuid        NOT NULL,
        sku       text        NOT NULL,
        quantity  integer     NOT NULL CHECK (quantity > 0),
        status    text        NOT NULL,
        queued_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        seq       bigserial,
        PRIMARY KEY (order_id, sku)
      )`);
    await q.query(`CREATE INDEX backorders_queue ON backorders (sku, seq) WHERE status = 'WAITING'`);
    // Demand of an order ends when it is confirmed and handled here.
    await q.query(`ALTER TABLE order_demand ADD COLUMN confirmed boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE order_demand DROP COLUMN confirmed`);
    await q.query(`DROP TABLE backorders`);
    await q.query(`DROP TABLE reservation_lines`);
    await q.query(`DROP TABLE reservations`);
  }
}
