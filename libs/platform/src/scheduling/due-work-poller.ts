import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Logger } from '../logging/logger';

/**
 * The mechanics of a durable timer: the due work lives in database rows (a `due_at` column locked with
 * `FOR UPDATE SKIP LOCKED`), so a restart loses none and several instances share it; this class only says how
 * often to look. A subclass implements one round (`processDue`, in its own transaction) that handles at most
 * `batchSize` rows and returns how many it handled; rounds repeat at once while they come back full.
 *
 * Polling starts when the application has booted and stops on the first shutdown hook, waiting for the round in
 * flight, so it ends before the messaging runtime drains the outbox and the database closes.
 */
export abstract class DueWorkPoller implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private stopped = false;

  protected constructor(
    private readonly work: { name: string; intervalMs: number; batchSize: number },
    protected readonly logger: Logger,
  ) {}

  /** One round in one transaction: handle at most `batchSize` due rows and return how many were handled. */
  protected abstract processDue(batchSize: number): Promise<number>;

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.work.intervalMs);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** Handles everything due now, round after round; returns how many. Tests and ops tools call it directly. */
  async runDue(): Promise<number> {
    let handled = 0;
    for (;;) {
      const round = await this.processDue(this.work.batchSize);
      handled += round;
      if (round < this.work.batchSize || this.stopped) return handled;
    }
  }

  private async tick(): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = this.runDue().catch((error: unknown) => {
      this.logger.warn({ err: error, poller: this.work.name }, 'due-work round failed; will retry');
      return 0;
    });
    await this.running;
    this.running = undefined;
  }
}
