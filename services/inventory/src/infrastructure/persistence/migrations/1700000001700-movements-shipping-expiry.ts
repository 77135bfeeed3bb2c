import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MovementsShippingExpiry1700000001700 implements MigrationInterface {
  name = 'MovementsShippingExpiry1700000001700';

  async up(q: QueryRunner): Promise<void> {
    // The ledger ops audit: every change of on-hand or reserved, why, by whom, and the counts after it.
    await q.query(`
      CREATE TABLE stock_movements (
        id              bigserial PRIMARY KEY,
        sku             text        NOT NULL,
        warehouse_id    text        NOT NULL,
        kind            text        NOT NULL CHECK (kind IN ('stocktake', 'adjustment', 'replenishment', 'shipment', 'reservation-expired')),
        on_hand_delta   integer     NOT NULL,
        reserved_delta  integer     NOT NULL,
        on_hand_after   integer     NOT NULL,
        reserved_after  integer     NOT NULL,
        reason          text,
        note            text,
        reference       text,
        actor           text,
        order_id        uuid,
        occurred_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX stock_movements_level ON stock_movements (sku, warehouse_id, id DESC)`);
    // Set while a low-stock alert stands, so one crossing raises one alert; cleared when stock recovers.
    await q.query(`ALTER TABLE stock_levels ADD COLUMN low_stock_alerted boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE reservation_lines ADD COLUMN shipped integer NOT NULL DEFAULT 0`);
    await q.query(
      `ALTER TABLE reservation_lines ADD CONSTRAINT reservation_lines_shipped CHECK (shipped BETWEEN 0 AND quantity)`,
    );
    await q.query(`ALTER TABLE reservations ADD COLUMN fulfillment_requested_at timestamptz`);
    await q.query(`
      ALTER TABLE reservations ADD CONSTRAINT reservations_status
      CHECK (status IN ('ACTIVE', 'FULFILLING', 'CONSUMED', 'EXPIRED', 'RELEASED'))`);
    // A shipment takes its stock off once, even if its event came again under another id.
    await q.query(`
      CREATE TABLE applied_shipments (
        shipment_id uuid PRIMARY KEY,
        applied_at  timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE applied_shipments`);
    await q.query(`ALTER TABLE reservations DROP CONSTRAINT reservations_status`);
    await q.query(`ALTER TABLE reservations DROP COLUMN fulfillment_requested_at`);
    await q.query(`ALTER TABLE reservation_lines DROP CONSTRAINT reservation_lines_shipped`);
    await q.query(`ALTER TABLE reservation_lines DROP COLUMN shipped`);
    await q.query(`ALTER TABLE stock_levels DROP COLUMN low_stock_alerted`);
    await q.query(`DROP TABLE stock_movements`);
  }
}
