import { Inject, Injectable } from '@nestjs/common';
import { DueWorkPoller, type Logger, PLATFORM_LOGGER, SERVICE_CONFIG, UnitOfWork } from '@oms/platform';
import type { OrderConfig } from '../../config';
import { OrderQueriesRepository } from '../../infrastructure/persistence/order-queries.repository';
import { BackorderChoiceService } from './backorder-choice.service';

/**
 * The backorder wait limit, a durable timer: orders whose lines have waited for stock longer than the limit
 * (`orders.waiting_since`) get those lines dropped by policy, as if the customer had chosen `drop-waiting`
 * (the whole order is CANCELLED when nothing else is left), and the customer is told.
 */
@Injectable()
export class BackorderWaitLimit extends DueWorkPoller {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly queries: OrderQueriesRepository,
    private readonly choice: BackorderChoiceService,
    @Inject(SERVICE_CONFIG) private readonly config: OrderConfig,
    @Inject(PLATFORM_LOGGER) logger: Logger,
  ) {
    super({ name: 'backorder-wait-limit', intervalMs: config.BACKORDER_POLL_INTERVAL_MS, batchSize: 20 }, logger);
  }

  protected processDue(batchSize: number): Promise<number> {
    return this.unitOfWork.run(async () => {
      const due = await this.queries.lockWaitingLongerThan(this.config.backorderWaitLimitSeconds, batchSize);
      for (const orderId of due) {
        await this.choice.choose(orderId, 'drop-waiting', 'policy', { cause: 'backorder-timeout' });
      }
      return due.length;
    });
  }
}
