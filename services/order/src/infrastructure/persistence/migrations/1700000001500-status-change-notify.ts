import type { MigrationInterface, QueryRunner } from 'typeorm';

export class StatusChangeNotify1700000001500 implements MigrationInterface {
  name = 'StatusChangeNotify1700000001500';

  async up(q: QueryRunner): Promise<void> {
    // Wakes status watchers (gRPC WatchOrderStatus) on every instance when a change commits; they read the
    // rows themselves, so the payload is only the order id.
    await q.query(`
      CREATE FUNCTION notify_order_status_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('order_status_changes', NEW.order_id::text);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER order_status_changes_notify AFTER INSERT ON order_status_changes
      FOR EACH ROW EXECUTE FUNCTION notify_order_status_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER order_status_changes_notify ON order_status_changes`);
    await q.query(`DROP FUNCTION notify_order_status_change()`);
  }
}
