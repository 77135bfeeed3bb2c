import { Inject, Injectable } from '@nestjs/common';
import { RefundFailedV1, RefundIssuedV1, RefundRequestedV1, type RefundRequestedV1Payload } from '@oms/contracts';
import {
  type ConsumedEvent,
  DueWorkPoller,
  EventPublisher,
  type Logger,
  OnEvents,
  callLeaseMs,
  CircuitOpenError,
  OutboundCallError,
  PLATFORM_LOGGER,
  recordOutcome,
  retryDelayMs,
  SERVICE_CONFIG,
  UnitOfWork,
} from '@oms/platform';
import type { AftersalesConfig } from '../config';
import { RefundRepository, type RefundView } from '../infrastructure/persistence/refund.repository';
import { ReturnRepository } from '../infrastructure/persistence/return.repository';
import { PAYMENT_PROVIDER, type PaymentProvider } from './payment-provider';

const BATCH_SIZE = 10;

/** A refund asked for by the order saga (a cancellation, a shipment in trouble) joins the queue, once per id. */
@Injectable()
export class RefundRequestedHandler {
  constructor(private readonly refunds: RefundRepository) {}

  @OnEvents(RefundRequestedV1)
  async queue(events: ConsumedEvent<RefundRequestedV1Payload>[]): Promise<void> {
    for (const { orderId, payload } of events) {
      await this.refunds.request({
        id: payload.refundId,
        orderId: orderId!,
        reason: payload.reason,
        amount: payload.amount.amount,
        currency: payload.amount.currency,
        paymentReference: payload.paymentReference,
        ...(payload.cancellationId ? { cancellationId: payload.cancellationId } : {}),
        ...(payload.shipmentId ? { shipmentId: payload.shipmentId } : {}),
        ...(payload.lines ? { lines: payload.lines } : {}),
        ...(payload.contact ? { contact: payload.contact } : {}),
        requestedBy: payload.requestedBy,
      });
    }
  }
}

/**
 * Pays refunds back through the payment provider, in three steps like every outside call here: claim due
 * refunds (one short transaction that counts the attempt and leases them), call the provider outside any
 * transaction (the refund id is its idempotency key, so a repeat after a crash pays once), then record the
 * outcome with RefundIssued, or a retry with backoff. A refund that keeps failing is surfaced once
 * (RefundFailed, willRetry) and still retried at the longest interval; one the provider refuses is FAILED
 * (RefundFailed) until ops retry it. Never dropped.
 */
@Injectable()
export class RefundDispatcher extends DueWorkPoller {
  private readonly leaseMs: number;

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly refunds: RefundRepository,
    private readonly returns: ReturnRepository,
    private readonly events: EventPublisher,
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
    @Inject(SERVICE_CONFIG) private readonly config: AftersalesConfig,
    @Inject(PLATFORM_LOGGER) logger: Logger,
  ) {
    super({ name: 'refunds', intervalMs: config.REFUND_POLL_INTERVAL_MS, batchSize: BATCH_SIZE }, logger);
    this.leaseMs = callLeaseMs(config.PAYMENT_TIMEOUT_MS);
  }

  protected async processDue(batchSize: number): Promise<number> {
    const claimed = await this.unitOfWork.run(() => this.refunds.claimDue(batchSize, this.leaseMs));
    // All at once: the lease covers one call and its recording (the provider's circuit lets one probe through).
    await Promise.all(claimed.map((refund) => this.payAndRecord(refund)));
    return claimed.length;
  }

  private async payAndRecord(refund: RefundView): Promise<void> {
    const outcome = await this.pay(refund);
    try {
      if (!outcome.paid && outcome.error instanceof CircuitOpenError) {
        // The provider was not called (its circuit is open): no attempt spent, nothing to report.
        const { retryAfter } = outcome.error;
        await this.unitOfWork.run(() => this.refunds.deferUncalled(refund.id, retryAfter));
        return;
      }
      await recordOutcome(() => this.unitOfWork.run(() => this.record(refund, outcome)));
    } catch (error) {
      // Left to its lease: it comes back as due, and the provider sees the same refund id again.
      this.logger.error({ err: error, refundId: refund.id }, 'could not record a refund outcome');
    }
  }

  private async pay(
    refund: RefundView,
  ): Promise<{ paid: true; reference: string | null } | { paid: false; error: OutboundCallError }> {
    try {
      const { reference } = await this.provider.refund({
        refundId: refund.id,
        paymentReference: refund.paymentReference,
        amount: refund.amount,
        currency: refund.currency,
        reason: refund.reason,
      });
      return { paid: true, reference };
    } catch (error) {
      return {
        paid: false,
        error:
          error instanceof OutboundCallError
            ? error
            : new OutboundCallError(`payments: ${(error as Error).message}`, false),
      };
    }
  }

  private async record(
    refund: RefundView,
    outcome: { paid: true; reference: string | null } | { paid: false; error: OutboundCallError },
  ): Promise<void> {
    const about = {
      refundId: refund.id,
      reason: refund.reason,
      amount: { amount: refund.amount, currency: refund.currency },
      ...(refund.cancellationId ? { cancellationId: refund.cancellationId } : {}),
      ...(refund.returnId ? { returnId: refund.returnId } : {}),
    };
    if (outcome.paid) {
      await this.refunds.markIssued(refund.id, outcome.reference);
      if (refund.returnId) await this.returns.completeByRefund(refund.id);
      await this.events.publish(RefundIssuedV1, {
        orderId: refund.orderId,
        payload: {
          ...about,
          ...(refund.lines ? { lines: refund.lines } : {}),
          ...(outcome.reference ? { reference: outcome.reference } : {}),
          ...(refund.contact ? { contact: refund.contact } : {}),
        },
      });
      return;
    }
    const { error } = outcome;
    const exhausted = refund.attempts >= this.config.REFUND_MAX_ATTEMPTS;
    const retryAt = error.permanent
      ? null
      : new Date(
          Date.now() +
            (exhausted
              ? this.config.REFUND_RETRY_MAX_MS
              : retryDelayMs(refund.attempts, this.config.REFUND_RETRY_BASE_MS, this.config.REFUND_RETRY_MAX_MS)),
        );
    this.logger.warn({ refundId: refund.id, attempts: refund.attempts, err: error.message }, 'refund not paid');
    const surfacedNow = await this.refunds.markAttemptFailed(refund.id, error.message, retryAt, exhausted);
    if (error.permanent || surfacedNow) {
      await this.events.publish(RefundFailedV1, {
        orderId: refund.orderId,
        payload: {
          ...about,
          ...(refund.shipmentId ? { shipmentId: refund.shipmentId } : {}),
          attempts: refund.attempts,
          error: error.message.slice(0, 2000),
          willRetry: !error.permanent,
        },
      });
    }
  }
}
