import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CarrierEvents1700000003200 implements MigrationInterface {
  name = 'CarrierEvents1700000003200';

  async up(q: QueryRunner): Promise<void> {
    // Every carrier report, as received; the key makes a replayed webhook a no-op.
    await q.query(`
      CREATE TABLE carrier_events (
        carrier         text        NOT NULL,
        tracking_number text        NOT NULL,
        status          text        NOT NULL,
        at              timestamptz NOT NULL,
        detail          text,
        shipment_id     uuid        NOT NULL REFERENCES shipments (id),
        applied         boolean     NOT NULL,
        received_at     timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (carrier, tracking_number, status, at)
      )`);
    await q.query(`CREATE INDEX carrier_events_shipment ON carrier_events (shipment_id, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE carrier_events`);
  }
}
