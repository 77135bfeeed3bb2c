import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reserving stock is a movement of the ledger too (`reservation`), so that the ledger alone explains every
 * level: on-hand and reserved are the sums of their deltas. Reservations taken before this migration are
 * written in once, at the time they were taken, so that existing ledgers add up as well.
 */
export class ReservedMovements1700000002300 implements MigrationInterface {
  name = 'ReservedMovements1700000002300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE stock_movements DROP CONSTRAINT stock_movements_kind_check`);
    await q.query(`
      ALTER TABLE stock_movements ADD CONSTRAINT stock_movements_kind_check CHECK (kind IN
        ('stocktake', 'adjustment', 'replenishment', 'shipment', 'reservation', 'reservation-expired',
         'reservation-released', 'return-restocked', 'return-written-off'))`);
    // The counts "after" of a back-filled movement are not known any more: the current ones stand in.
    await q.query(`
      INSERT INTO stock_movements (sku, warehouse_id, kind, on_hand_delta, reserved_delta, on_hand_after, reserved_after,
                                   reference, order_id, note, occurred_at)
      SELECT l.sku, l.warehouse_id, 'reservation', 0, l.quantity, s.on_hand, s.reserved, r.id::text, r.order_id,
             'back-filled', r.created_at
        FROM reservation_lines l
        JOIN reservations r ON r.id = l.reservation_id
        JOIN stock_levels s ON s.sku = l.sku AND s.warehouse_id = l.warehouse_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM stock_movements WHERE kind = 'reservation'`);
    await q.query(`ALTER TABLE stock_movements DROP CONSTRAINT stock_movements_kind_check`);
    await q.query(`
      ALTER TABLE stock_movements ADD CONSTRAINT stock_movements_kind_check CHECK (kind IN
        ('stocktake', 'adjustment', 'replenishment', 'shipment', 'reservation-expired', 'reservation-released',
         'return-restocked', 'return-written-off'))`);
  }
}
