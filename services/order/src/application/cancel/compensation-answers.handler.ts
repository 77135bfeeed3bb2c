import { Inject, Injectable } from '@nestjs/common';
import {
  type CompensationCompletedV1Payload,
  FulfillmentCompensationCompletedV1,
  InventoryCompensationCompletedV1,
  RefundFailedV1,
  type RefundFailedV1Payload,
  RefundIssuedV1,
  type RefundIssuedV1Payload,
  ShippingCompensationCompletedV1,
} from '@oms/contracts';
import {
  type ConsumedEvent,
  DueWorkPoller,
  type Logger,
  OnEvents,
  PLATFORM_LOGGER,
  SERVICE_CONFIG,
} from '@oms/platform';
import type { OrderConfig } from '../../config';
import { OrderChanges } from '../order-changes';
import { CompensationSagaService } from './compensation-saga.service';

/** The services' answers to the cancellation saga, and refunds paid back (on the order, whatever their cause). */
@Injectable()
export class CompensationAnswersHandler {
  constructor(
    private readonly saga: CompensationSagaService,
    private readonly changes: OrderChanges,
  ) {}

  @OnEvents(ShippingCompensationCompletedV1, FulfillmentCompensationCompletedV1, InventoryCompensationCompletedV1)
  async onStepCompleted(events: ConsumedEvent<CompensationCompletedV1Payload>[]): Promise<void> {
    for (const event of events) {
      const { cancellationId, step, outcome, undone, detail } = event.payload;
      await this.saga.answered(cancellationId, { step, outcome, undone, ...(detail ? { detail } : {}) }, event);
    }
  }

  @OnEvents(RefundIssuedV1)
  async onRefundIssued(events: ConsumedEvent<RefundIssuedV1Payload>[]): Promise<void> {
    for (const event of events) {
      const { amount, reason, lines } = event.payload;
      // Units count as refunded for returns; a cancellation's lines are cancelled units, counted there.
      await this.changes.apply(event.orderId!, event, async (order) =>
        order.recordRefund(amount.amount, reason === 'return' ? (lines ?? []) : []),
      );
      if (event.payload.cancellationId) {
        await this.saga.answered(
          event.payload.cancellationId,
          { step: 'refund-payment', outcome: 'done', undone: [event.payload.refundId] },
          event,
        );
      }
    }
  }

  @OnEvents(RefundFailedV1)
  async onRefundFailed(events: ConsumedEvent<RefundFailedV1Payload>[]): Promise<void> {
    for (const event of events) {
      if (!event.payload.cancellationId) continue;
      await this.saga.answered(
        event.payload.cancellationId,
        { step: 'refund-payment', outcome: 'failed', undone: [event.payload.refundId], detail: event.payload.error },
        event,
      );
    }
  }
}

/** The cancellation saga's durable timer: unanswered steps are asked again, then surfaced to ops. */
@Injectable()
export class CompensationTimer extends DueWorkPoller {
  constructor(
    private readonly saga: CompensationSagaService,
    @Inject(SERVICE_CONFIG) config: OrderConfig,
    @Inject(PLATFORM_LOGGER) logger: Logger,
  ) {
    super({ name: 'compensation-timer', intervalMs: config.COMPENSATION_POLL_INTERVAL_MS, batchSize: 50 }, logger);
  }

  protected processDue(batchSize: number): Promise<number> {
    return this.saga.processOverdue(batchSize);
  }
}
