import type { DataSource } from 'typeorm';
import type { MessageProducer, OutgoingMessage } from '../kafka/kafka-port';
import { PgChannelListener } from '../../database/pg-channel-listener';
import type { Logger } from '../../logging/logger';
import type { MessagingMetrics } from '../../metrics/messaging-metrics';

export interface OutboxRelayOptions {
  databaseUrl: string;
  pollIntervalMs: number;
  batchSize: number;
  /** Published rows are kept this long for diagnosis, then deleted. */
  retentionHours?: number;
}

interface OutboxRow {
  seq: string;
  topic: string;
  message_key: string;
  value: string;
  headers: Record<string, string>;
  created_at: Date;
}

/**
 * Publishes committed outbox rows to Kafka, oldest first per shard. Woken by LISTEN/NOTIFY for low latency,
 * with a poll as the safety net (a notification missed while reconnecting). Several instances share the work:
 * each locks whole shards with FOR UPDATE SKIP LOCKED, so one key's events are never published out of order.
 * A row is marked published only after the broker acknowledged it; a crash in between publishes it again,
 * and consumers' inboxes drop the duplicate.
 */
export class OutboxRelay {
  private listener: PgChannelListener | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private janitorTimer: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;
  private wakeAgain = false;
  private stopped = true;
  private consecutiveFailures = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: MessageProducer,
    private readonly options: OutboxRelayOptions,
    private readonly logger: Logger,
    private readonly metrics?: MessagingMetrics,
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    this.listener = new PgChannelListener({
      databaseUrl: this.options.databaseUrl,
      channel: 'messaging_outbox',
      onNotification: () => this.wake(),
      onReconnect: () => this.wake(),
      logger: this.logger,
    });
    await this.listener.start();
    this.pollTimer = setInterval(() => this.wake(), this.options.pollIntervalMs);
    this.janitorTimer = setInterval(() => void this.deletePublished(), 10 * 60_000);
    this.pollTimer.unref();
    this.janitorTimer.unref();
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.pollTimer);
    clearInterval(this.janitorTimer);
    await this.draining;
    await this.listener?.stop();
    this.listener = undefined;
  }

  /** Starts a drain unless one is running; a wake during a drain makes it go round once more. */
  wake(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.wakeAgain = true;
      return;
    }
    this.draining = this.drain().finally(() => {
      this.draining = undefined;
      if (this.wakeAgain && !this.stopped) {
        this.wakeAgain = false;
        this.wake();
      }
    });
  }

  /** Publishes until nothing is pending. Resolves when done; used by tests and shutdown. */
  async drain(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      let published: number;
      try {
        published = await this.publishOnce();
        this.consecutiveFailures = 0;
      } catch (error) {
        this.consecutiveFailures += 1;
        this.metrics?.outboxFailures.inc();
        this.logger.warn(
          { err: error, failures: this.consecutiveFailures },
          'outbox relay: publish failed, will retry',
        );
        await sleep(Math.min(5000, 100 * 2 ** Math.min(this.consecutiveFailures, 6)));
        continue;
      }
      // A round that was not full took all there was: rows committed since then have notified us (wakeAgain),
      // so another round now would only find nothing (a commit for nothing, each time the relay wakes).
      if (published < this.options.batchSize) return;
    }
  }

  /** One round: lock free shards that have work, publish their oldest rows, mark them. Returns rows published. */
  async publishOnce(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      // Losing this round's commit in a database crash is harmless: its rows are published again and the
      // consumers' inboxes drop the copies. So it does not wait for the WAL flush (the state changes that wrote
      // the rows did, in their own transactions).
      await manager.query(`SET LOCAL synchronous_commit = off`);
      const shards: Array<{ shard: number }> = await manager.query(`
        SELECT s.shard FROM messaging_outbox_shard s
        WHERE EXISTS (SELECT 1 FROM messaging_outbox o WHERE o.shard = s.shard AND o.published_at IS NULL)
        FOR UPDATE OF s SKIP LOCKED`);
      if (shards.length === 0) return 0;
      const rows: OutboxRow[] = await manager.query(
        `SELECT seq, topic, message_key, value, headers, created_at FROM messaging_outbox
         WHERE published_at IS NULL AND shard = ANY($1::smallint[])
         ORDER BY seq LIMIT $2`,
        [shards.map((s) => s.shard), this.options.batchSize],
      );
      if (rows.length === 0) return 0;
      const messages: OutgoingMessage[] = rows.map((row) => ({
        topic: row.topic,
        key: row.message_key,
        value: row.value,
        headers: row.headers,
      }));
      try {
        await this.producer.send(messages);
      } catch (error) {
        // Recorded outside this transaction, which is about to roll back.
        await this.dataSource
          .query(`UPDATE messaging_outbox SET attempts = attempts + 1, last_error = $2 WHERE seq = ANY($1::bigint[])`, [
            rows.map((r) => r.seq),
            String(error instanceof Error ? error.message : error).slice(0, 2000),
          ])
          .catch(() => undefined);
        throw error;
      }
      await manager.query(
        `UPDATE messaging_outbox SET published_at = now(), attempts = attempts + 1 WHERE seq = ANY($1::bigint[])`,
        [rows.map((r) => r.seq)],
      );
      const now = Date.now();
      for (const row of rows) {
        const seconds = (now - row.created_at.getTime()) / 1000;
        this.metrics?.outboxLatency.observe(seconds);
        this.metrics?.hop.observe({ hop: 'outbox', type: row.headers['event-type'] ?? 'unknown' }, seconds);
      }
      this.metrics?.outboxPublished.inc(rows.length);
      return rows.length;
    });
  }

  async pendingCount(): Promise<number> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM messaging_outbox WHERE published_at IS NULL`,
    );
    return row.n;
  }

  private async deletePublished(): Promise<void> {
    const hours = this.options.retentionHours ?? 24;
    await this.dataSource
      .query(`DELETE FROM messaging_outbox WHERE published_at < now() - make_interval(hours => $1)`, [hours])
      .catch((error: unknown) => this.logger.warn({ err: error }, 'outbox relay: cleanup failed'));
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
