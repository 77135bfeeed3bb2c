import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { FollowUpRequestedV1 } from '@oms/contracts';
import { EventPublisher, type Logger, PLATFORM_LOGGER, SERVICE_CONFIG, UnitOfWork } from '@oms/platform';
import type { AftersalesConfig } from '../config';
import { AftersalesRepository } from '../infrastructure/persistence/aftersales.repository';

/**
 * Fires due follow-ups: in one transaction, locks due rows (SKIP LOCKED), publishes FollowUpRequested through
 * the outbox and marks them sent. The timers are rows, so a restart loses none and fires none twice; the
 * interval only says how often to look. It stops on the first shutdown hook, before the messaging runtime
 * drains the outbox and the database closes.
 */
@Injectable()
export class FollowUpScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private stopped = false;

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly aftersales: AftersalesRepository,
    private readonly events: EventPublisher,
    @Inject(SERVICE_CONFIG) private readonly config: AftersalesConfig,
    @Inject(PLATFORM_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.config.FOLLOW_UP_POLL_INTERVAL_MS);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  private async tick(): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = this.fireDue().catch((error: unknown) => {
      this.logger.warn({ err: error }, 'follow-up round failed; will retry');
      return 0;
    });
    await this.running;
    this.running = undefined;
  }

  /** Fires every due follow-up, in rounds of 100; returns how many. */
  async fireDue(): Promise<number> {
    let fired = 0;
    for (;;) {
      const round = await this.unitOfWork.run(async () => {
        const due = await this.aftersales.lockDueFollowUps(100);
        for (const followUp of due) {
          await this.events.publish(FollowUpRequestedV1, {
            orderId: followUp.orderId,
            payload: {
              followUpId: followUp.id,
              kind: followUp.kind,
              customerId: followUp.customerId,
              contact: followUp.contact,
            },
          });
          await this.aftersales.markFollowUpSent(followUp.id);
        }
        return due.length;
      });
      fired += round;
      if (round < 100 || this.stopped) return fired;
    }
  }
}
