import { Client } from 'pg';
import type { Logger } from '../logging/logger';

/**
 * A dedicated connection LISTENing on one PostgreSQL channel. NOTIFY arrives only after the notifying
 * transaction commits, so a listener never sees uncommitted work. When the connection drops it reconnects, and
 * calls `onReconnect` so the owner can catch up with what was notified meanwhile (notifications are not queued
 * for a listener that is away).
 */
export class PgChannelListener {
  private client: Client | undefined;
  private stopped = false;

  constructor(
    private readonly options: {
      databaseUrl: string;
      channel: string;
      onNotification: (payload: string | undefined) => void;
      onReconnect?: () => void;
      logger: Logger;
    },
  ) {}

  get listening(): boolean {
    return this.client !== undefined;
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.connect(false);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(reconnecting: boolean): Promise<void> {
    const { channel, logger } = this.options;
    const client = new Client({ connectionString: this.options.databaseUrl, application_name: `listen-${channel}` });
    client.on('notification', (message) => this.options.onNotification(message.payload));
    client.on('error', (error) => {
      logger.warn({ err: error, channel }, 'LISTEN connection lost; reconnecting');
      this.client = undefined;
      client.end().catch(() => undefined);
      this.retry(1000);
    });
    try {
      await client.connect();
      await client.query(`LISTEN "${channel.replace(/"/g, '""')}"`);
      if (this.stopped) {
        await client.end().catch(() => undefined);
        return;
      }
      this.client = client;
      if (reconnecting) this.options.onReconnect?.();
    } catch (error) {
      logger.warn({ err: error, channel }, 'cannot LISTEN yet; retrying');
      await client.end().catch(() => undefined);
      this.retry(2000);
    }
  }

  private retry(afterMs: number): void {
    if (this.stopped) return;
    setTimeout(() => void this.connect(true).catch(() => undefined), afterMs).unref();
  }
}
