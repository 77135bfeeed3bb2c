import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The demand of orders not yet confirmed here, per SKU: what the first-placed rule subtracts from the available
 * stock before it serves an order without waiting. Confirmed demand stays for the record and is not read there.
 */
export class UnconfirmedDemand1700000002400 implements MigrationInterface {
  name = 'UnconfirmedDemand1700000002400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX order_demand_unconfirmed ON order_demand (sku) WHERE NOT confirmed`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX order_demand_unconfirmed`);
  }
}
