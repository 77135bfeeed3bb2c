import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Number of outbox shards: the unit of parallelism between relay instances (one key always maps to one shard). */
export const OUTBOX_SHARDS = 16;

/**
 * Outbox and inbox tables. Every service includes these migrations beside its own; the timestamp in the
 * name places them before any service migration (TypeORM still runs one added later on a database that has
 * newer service migrations: it runs whatever is pending).
 */
export class MessagingTables1700000000000 implements MigrationInterface {
  name = 'MessagingTables1700000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE messaging_outbox (
        seq           bigserial PRIMARY KEY,
        event_id      uuid        NOT NULL UNIQUE,
        topic         text        NOT NULL,
        message_key   text        NOT NULL,
        shard         smallint    NOT NULL,
        event_type    text        NOT NULL,
        value         text        NOT NULL,
        headers       jsonb       NOT NULL DEFAULT '{}'::jsonb,
        created_at    timestamptz NOT NULL DEFAULT now(),
        published_at  timestamptz,
        attempts      integer     NOT NULL DEFAULT 0,
        last_error    text
      )`);
    await queryRunner.query(
      `CREATE INDEX messaging_outbox_pending ON messaging_outbox (shard, seq) WHERE published_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX messaging_outbox_published ON messaging_outbox (published_at) WHERE published_at IS NOT NULL`,
    );
    // Relay instances lock shards (FOR UPDATE SKIP LOCKED): per-key order holds with several instances.
    await queryRunner.query(`CREATE TABLE messaging_outbox_shard (shard smallint PRIMARY KEY)`);
    await queryRunner.query(
      `INSERT INTO messaging_outbox_shard (shard) SELECT generate_series(0, ${OUTBOX_SHARDS - 1})`,
    );
    // One notification per inserting statement wakes the relay; NOTIFY is deduplicated per transaction.
    await queryRunner.query(`
      CREATE FUNCTION messaging_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('messaging_outbox', '');
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER messaging_outbox_inserted AFTER INSERT ON messaging_outbox
      FOR EACH STATEMENT EXECUTE FUNCTION messaging_outbox_notify()`);
    await queryRunner.query(`
      CREATE TABLE messaging_inbox (
        consumer_group text        NOT NULL,
        event_id       uuid        NOT NULL,
        event_type     text        NOT NULL,
        topic          text        NOT NULL,
        kafka_partition integer    NOT NULL,
        kafka_offset   bigint      NOT NULL,
        processed_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer_group, event_id)
      )`);
    await queryRunner.query(`CREATE INDEX messaging_inbox_processed_at ON messaging_inbox (processed_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE messaging_inbox`);
    await queryRunner.query(`DROP TRIGGER messaging_outbox_inserted ON messaging_outbox`);
    await queryRunner.query(`DROP FUNCTION messaging_outbox_notify()`);
    await queryRunner.query(`DROP TABLE messaging_outbox_shard`);
    await queryRunner.query(`DROP TABLE messaging_outbox`);
  }
}

/** Signed webhook deliveries taken (WebhookReceiver): the same delivery sent again changes nothing. */
export class WebhookReceipts1700000000100 implements MigrationInterface {
  name = 'WebhookReceipts1700000000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE webhook_receipts (
        source       text        NOT NULL,
        digest       text        NOT NULL,
        signed_at    timestamptz NOT NULL,
        received_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (source, digest)
      )`);
    await queryRunner.query(`CREATE INDEX webhook_receipts_signed_at ON webhook_receipts (signed_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE webhook_receipts`);
  }
}

export const MESSAGING_MIGRATIONS = [MessagingTables1700000000000, WebhookReceipts1700000000100];
