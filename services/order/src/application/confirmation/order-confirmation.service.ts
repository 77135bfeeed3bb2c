import { Inject, Injectable } from '@nestjs/common';
import {
  OrderApprovedV1,
  OrderAwaitingPaymentV1,
  OrderConfirmedV1,
  OrderHeldForReviewV1,
  OrderRejectedV1,
  PaymentConfirmedV1,
  type ReviewReason,
} from '@oms/contracts';
import { EventPublisher, SERVICE_CONFIG } from '@oms/platform';
import type { OrderConfig } from '../../config';
import type { Order } from '../../domain/order';
import { reviewReasons } from '../../domain/review-policy';
import { type Cause, OrderChanges } from '../order-changes';

export { OrderNotFoundError } from '../order-changes';

/**
 * Confirmation: review rules hold an order for a person (PENDING_REVIEW) until approved or rejected; a prepaid
 * order waits for its payment (AWAITING_PAYMENT); otherwise it is CONFIRMED. Every move is stored with the
 * order, under its row lock, and published (OrderStatusChanged plus the event that says what happened).
 */
@Injectable()
export class OrderConfirmationService {
  constructor(
    private readonly changes: OrderChanges,
    private readonly events: EventPublisher,
    @Inject(SERVICE_CONFIG) private readonly config: OrderConfig,
  ) {}

  /** Runs the review rules on a PLACED order; an order already past PLACED is left alone (a redelivery). */
  async confirmPlaced(orderId: string, cause?: Cause): Promise<void> {
    await this.changes.apply(orderId, cause, async (order) => {
      if (order.status !== 'PLACED') return;
      const reasons = reviewReasons(order, this.config.reviewPolicy);
      if (reasons.length > 0) {
        order.holdForReview(reasons);
        await this.events.publish(OrderHeldForReviewV1, {
          orderId: order.id,
          causedBy: cause,
          payload: {
            reasons: reasons as ReviewReason[],
            customerId: order.customerId,
            total: { amount: order.totals.total, currency: order.currency },
          },
        });
        return;
      }
      await this.proceed(order, 'passed automatic review', cause);
    });
  }

  async approve(orderId: string, approvedBy: string, note?: string): Promise<Order> {
    return this.changes.apply(orderId, undefined, async (order) => {
      await this.proceed(order, `approved by ${approvedBy}`, undefined, () =>
        this.events.publish(OrderApprovedV1, { orderId: order.id, payload: { approvedBy, ...(note ? { note } : {}) } }),
      );
    });
  }

  async reject(orderId: string, reason: string, rejectedBy?: string): Promise<Order> {
    return this.changes.apply(orderId, undefined, async (order) => {
      order.reject(reason);
      await this.events.publish(OrderRejectedV1, {
        orderId: order.id,
        payload: { reason, ...(rejectedBy ? { rejectedBy } : {}), contact: order.contact },
      });
    });
  }

  async recordPayment(
    orderId: string,
    payment: { amount: number; reference: string; provider?: string },
  ): Promise<Order> {
    return this.changes.apply(orderId, undefined, async (order) => {
      const paidAt = new Date();
      const confirmed = order.recordPayment({
        amount: payment.amount,
        reference: payment.reference,
        provider: payment.provider ?? null,
        paidAt,
      });
      await this.events.publish(PaymentConfirmedV1, {
        orderId: order.id,
        payload: {
          amount: payment.amount,
          currency: order.currency,
          reference: payment.reference,
          ...(payment.provider ? { provider: payment.provider } : {}),
          paidAt: paidAt.toISOString(),
        },
      });
      if (confirmed) await this.publishConfirmed(order, undefined);
    });
  }

  /** Moves on from review: to AWAITING_PAYMENT or CONFIRMED. `before` publishes what caused the move first. */
  private async proceed(order: Order, reason: string, cause: Cause, before?: () => Promise<unknown>): Promise<void> {
    const next = order.proceed(reason);
    await before?.();
    if (next === 'AWAITING_PAYMENT') {
      await this.events.publish(OrderAwaitingPaymentV1, {
        orderId: order.id,
        causedBy: cause,
        payload: {
          amountDue: { amount: order.totals.total, currency: order.currency },
          paymentMethod: order.paymentMethod,
          contact: order.contact,
        },
      });
    } else {
      await this.publishConfirmed(order, cause);
    }
  }

  private async publishConfirmed(order: Order, cause: Cause): Promise<void> {
    await this.events.publish(OrderConfirmedV1, {
      orderId: order.id,
      causedBy: cause,
      payload: {
        customerId: order.customerId,
        channel: order.channel,
        currency: order.currency,
        items: order.lines.map(({ sku, quantity, unitPrice, lineTotal }) => ({ sku, quantity, unitPrice, lineTotal })),
        totals: order.totals,
        shippingAddress: order.shippingAddress,
        contact: order.contact,
        paymentMethod: order.paymentMethod,
        shipComplete: order.shipComplete,
        priority: 'standard',
        placedAt: order.placedAt.toISOString(),
      },
    });
  }
}
