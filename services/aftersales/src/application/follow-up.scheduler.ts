import { Inject, Injectable } from '@nestjs/common';
import { FollowUpRequestedV1 } from '@oms/contracts';
import { DueWorkPoller, EventPublisher, type Logger, PLATFORM_LOGGER, SERVICE_CONFIG, UnitOfWork } from '@oms/platform';
import type { AftersalesConfig } from '../config';
import { AftersalesRepository } from '../infrastructure/persistence/aftersales.repository';

/**
 * Fires due follow-ups: in one transaction, locks due rows (SKIP LOCKED), publishes FollowUpRequested through
 * the outbox and marks them sent, so none is lost or fired twice across restarts and instances.
 */
@Injectable()
export class FollowUpScheduler extends DueWorkPoller {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly aftersales: AftersalesRepository,
    private readonly events: EventPublisher,
    @Inject(SERVICE_CONFIG) config: AftersalesConfig,
    @Inject(PLATFORM_LOGGER) logger: Logger,
  ) {
    super({ name: 'follow-ups', intervalMs: config.FOLLOW_UP_POLL_INTERVAL_MS, batchSize: 100 }, logger);
  }

  protected processDue(batchSize: number): Promise<number> {
    return this.unitOfWork.run(async () => {
      const due = await this.aftersales.lockDueFollowUps(batchSize);
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
  }
}
