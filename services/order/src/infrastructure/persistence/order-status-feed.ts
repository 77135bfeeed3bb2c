import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import {
  type Logger,
  PgChannelListener,
  PLATFORM_LOGGER,
  SERVICE_CONFIG,
  type ServiceConfig,
  UnitOfWork,
} from '@oms/platform';

export interface StatusChangeRow {
  seq: number;
  orderId: string;
  from: string | null;
  to: string;
  reason: string;
  at: string;
}

/**
 * Status changes of orders as they commit, on every instance: a trigger NOTIFYs the order id, this feed tells
 * the watchers of that order, and they read the new rows after the last one they saw. After a lost connection
 * every watcher reads again, so none misses a change.
 */
@Injectable()
export class OrderStatusFeed implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly watchers = new Map<string, Set<() => void>>();
  private listener: PgChannelListener | undefined;

  constructor(
    private readonly unitOfWork: UnitOfWork,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(PLATFORM_LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.listener = new PgChannelListener({
      databaseUrl: this.config.DATABASE_URL,
      channel: 'order_status_changes',
      onNotification: (orderId) => orderId && this.watchers.get(orderId)?.forEach((wake) => wake()),
      onReconnect: () => this.watchers.forEach((wakes) => wakes.forEach((wake) => wake())),
      logger: this.logger,
    });
    await this.listener.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.listener?.stop();
  }

  /** Calls `wake` whenever the order's status may have changed; returns the unsubscribe. */
  watch(orderId: string, wake: () => void): () => void {
    const wakes = this.watchers.get(orderId) ?? new Set();
    wakes.add(wake);
    this.watchers.set(orderId, wakes);
    return () => {
      wakes.delete(wake);
      if (wakes.size === 0) this.watchers.delete(orderId);
    };
  }

  /** The order's status changes after `afterSeq`, oldest first. */
  async changesAfter(orderId: string, afterSeq: number): Promise<StatusChangeRow[]> {
    const rows: Array<{
      id: string;
      from_status: string | null;
      to_status: string;
      reason: string;
      occurred_at: Date;
    }> = await this.unitOfWork.manager.query(
      `SELECT id, from_status, to_status, reason, occurred_at FROM order_status_changes
       WHERE order_id = $1 AND id > $2 ORDER BY id`,
      [orderId, afterSeq],
    );
    return rows.map((row) => ({
      seq: Number(row.id),
      orderId,
      from: row.from_status,
      to: row.to_status,
      reason: row.reason,
      at: row.occurred_at.toISOString(),
    }));
  }
}
