import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  type CancellationCause,
  type CancellationScope,
  type CompensationStep,
  CompensationFailedV1,
  CompensationRequestedV1,
  type EventDefinition,
  OrderCancellationRequestedV1,
  RefundRequestedV1,
} from '@oms/contracts';
import { type ConsumedEvent, EventPublisher, SERVICE_CONFIG, UnitOfWork } from '@oms/platform';
import type { OrderConfig } from '../../config';
import type { Order, SkuQuantity } from '../../domain/order';
import {
  type Compensation,
  type CompensationCommand,
  onStepAnswered,
  onStepOverdue,
  planCompensation,
  retryFailed,
  startCompensation,
} from '../../domain/saga/cancellation-saga';
import { CompensationRepository } from '../../infrastructure/persistence/compensation.repository';
import { OrderQueriesRepository } from '../../infrastructure/persistence/order-queries.repository';

export class CompensationNotFoundError extends Error {}

/**
 * Runs the cancellation saga (domain/saga/cancellation-saga.ts): starts it in the cancel's own transaction,
 * applies each service's answer and the timer's overdue checks under the saga's row lock, and carries out what
 * the saga asks (CompensationRequested to one service at a time, RefundRequested, CompensationFailed for ops),
 * each recorded in the order's timeline.
 */
@Injectable()
export class CompensationSagaService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly compensations: CompensationRepository,
    private readonly queries: OrderQueriesRepository,
    private readonly events: EventPublisher,
    @Inject(SERVICE_CONFIG) private readonly config: OrderConfig,
  ) {}

  /**
   * Inside the cancel's own transaction: when other services hold something for the order, or money must go
   * back, announces the cancellation (OrderCancellationRequested), plans the way back and asks for its first
   * step. Returns the cancellation id, or undefined when there is nothing to undo.
   */
  async begin(
    order: Order,
    cancellation: {
      scope: CancellationScope;
      lines?: SkuQuantity[];
      cause: CancellationCause;
      reason: string;
      requestedBy: string;
      reachedServices: boolean;
    },
  ): Promise<string | undefined> {
    const refundAmount = this.refundableOf(order, cancellation);
    if (!cancellation.reachedServices && refundAmount === 0) return undefined;
    const cancellationId = randomUUID();
    const refund =
      order.payment && refundAmount > 0
        ? {
            refundId: randomUUID(),
            amount: refundAmount,
            currency: order.currency,
            paymentReference: order.payment.reference,
          }
        : null;
    await this.events.publish(OrderCancellationRequestedV1, {
      orderId: order.id,
      payload: {
        cancellationId,
        scope: cancellation.scope,
        ...(cancellation.lines ? { lines: cancellation.lines } : {}),
        cause: cancellation.cause,
        reason: cancellation.reason,
        requestedBy: cancellation.requestedBy,
        ...(refund ? { refundDue: { amount: refund.amount, currency: refund.currency } } : {}),
      },
    });
    const compensation = planCompensation({
      cancellationId,
      orderId: order.id,
      scope: cancellation.scope,
      lines: cancellation.lines ?? null,
      reason: cancellation.reason,
      reachedServices: cancellation.reachedServices,
      refund,
      startedAt: new Date().toISOString(),
    });
    await this.carryOut(compensation, startCompensation(compensation, new Date(), this.config.compensationPolicy));
    return cancellationId;
  }

  /** What a cancellation pays back: the whole payment, or the value of the dropped lines. */
  private refundableOf(order: Order, cancellation: { scope: CancellationScope; lines?: SkuQuantity[] }): number {
    if (!order.payment) return 0;
    const value =
      cancellation.scope === 'order'
        ? order.payment.amount
        : (cancellation.lines ?? []).reduce(
            (sum, l) => sum + (order.lines.find((line) => line.sku === l.sku)?.unitPrice ?? 0) * l.quantity,
            0,
          );
    return Math.min(value, order.payment.amount - order.amountRefunded);
  }

  /** A service answered its step. */
  answered(
    cancellationId: string,
    answer: { step: CompensationStep; outcome: 'done' | 'failed'; undone: string[]; detail?: string },
    cause: ConsumedEvent,
  ): Promise<void> {
    return this.withSaga(
      cancellationId,
      (c) => onStepAnswered(c, answer, new Date(), this.config.compensationPolicy),
      cause,
    );
  }

  /** Ops ask again for a step that was surfaced as failed. */
  async retry(orderId: string, cancellationId: string): Promise<Compensation> {
    return this.unitOfWork.run(async () => {
      const compensation = await this.compensations.lock(cancellationId);
      if (!compensation || compensation.orderId !== orderId) throw new CompensationNotFoundError(cancellationId);
      await this.carryOut(compensation, retryFailed(compensation, new Date(), this.config.compensationPolicy));
      return compensation;
    });
  }

  /** The durable timer: steps that did not answer in time are asked again or surfaced. */
  async processOverdue(limit: number): Promise<number> {
    return this.unitOfWork.run(async () => {
      const overdue = await this.compensations.lockOverdue(limit);
      for (const compensation of overdue) {
        await this.carryOut(compensation, onStepOverdue(compensation, new Date(), this.config.compensationPolicy));
      }
      return overdue.length;
    });
  }

  ofOrder(orderId: string): Promise<Compensation[]> {
    return this.compensations.ofOrder(orderId);
  }

  private withSaga(
    cancellationId: string,
    decide: (c: Compensation) => CompensationCommand[],
    cause: ConsumedEvent,
  ): Promise<void> {
    return this.unitOfWork.run(async () => {
      const compensation = await this.compensations.lock(cancellationId);
      // An answer to a cancellation this order service never started (another environment): nothing to do.
      if (!compensation) return;
      await this.carryOut(compensation, decide(compensation), cause);
    });
  }

  private async carryOut(c: Compensation, commands: CompensationCommand[], cause?: ConsumedEvent): Promise<void> {
    await this.compensations.save(c);
    for (const command of commands) {
      switch (command.type) {
        case 'RequestStep':
          await this.publish(c, CompensationRequestedV1, cause, {
            cancellationId: c.cancellationId,
            step: command.step,
            attempt: command.attempt,
            scope: c.scope,
            ...(c.lines ? { lines: c.lines } : {}),
            reason: c.reason.slice(0, 2000),
          });
          break;
        case 'RequestRefund': {
          const refund = c.refund!;
          await this.publish(c, RefundRequestedV1, cause, {
            refundId: refund.refundId,
            reason: 'cancellation',
            amount: { amount: refund.amount, currency: refund.currency },
            paymentReference: refund.paymentReference,
            cancellationId: c.cancellationId,
            ...(c.lines ? { lines: c.lines } : {}),
            requestedBy: 'system',
          });
          break;
        }
        case 'ReportFailure':
          await this.publish(c, CompensationFailedV1, cause, {
            step: command.step,
            cancellationId: c.cancellationId,
            ...(command.targetId ? { targetId: command.targetId.slice(0, 200) } : {}),
            attempts: command.attempts,
            error: command.error.slice(0, 2000),
          });
          break;
        case 'Completed':
          break;
      }
    }
  }

  private async publish<TPayload extends object>(
    c: Compensation,
    definition: EventDefinition<string, TPayload>,
    cause: ConsumedEvent | undefined,
    payload: TPayload,
  ): Promise<void> {
    const envelope = await this.events.publish(definition, { orderId: c.orderId, causedBy: cause, payload });
    await this.queries.recordTimelineEvents([
      {
        orderId: c.orderId,
        eventId: envelope.id,
        type: envelope.type,
        source: envelope.source,
        occurredAt: envelope.occurredAt,
        payload: envelope.payload,
      },
    ]);
  }
}
