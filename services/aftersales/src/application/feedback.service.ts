import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { FeedbackReceivedV1 } from '@oms/contracts';
import { EventPublisher, ProblemException, SERVICE_CONFIG, UnitOfWork } from '@oms/platform';
import type { AftersalesConfig } from '../config';
import { caseForRating } from '../domain/follow-up';
import { SupportCases } from './support-cases';
import { AftersalesRepository, type FeedbackView } from '../infrastructure/persistence/aftersales.repository';

/**
 * Takes an order's feedback once; a low rating opens a support case for staff. The feedback, the case and
 * their events (outbox) commit in one transaction.
 */
@Injectable()
export class FeedbackService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly aftersales: AftersalesRepository,
    private readonly events: EventPublisher,
    private readonly cases: SupportCases,
    @Inject(SERVICE_CONFIG) private readonly config: AftersalesConfig,
  ) {}

  async receive(input: {
    orderId: string;
    rating: number;
    comment?: string;
  }): Promise<FeedbackView & { caseId: string | null }> {
    const comment = input.comment ?? null;
    return this.unitOfWork.run(async () => {
      const stored = await this.aftersales.insertFeedbackOnce({
        id: randomUUID(),
        orderId: input.orderId,
        rating: input.rating,
        comment,
      });
      if (!stored) {
        const existing = await this.aftersales.feedbackOf(input.orderId);
        throw ProblemException.conflict(`order ${input.orderId} already has feedback`, 'FEEDBACK_RECEIVED', {
          feedback: existing,
        });
      }
      const customerId = await this.aftersales.customerOf(input.orderId);
      await this.events.publish(FeedbackReceivedV1, {
        orderId: input.orderId,
        payload: {
          feedbackId: stored.id,
          rating: stored.rating,
          ...(comment ? { comment } : {}),
          ...(customerId ? { customerId } : {}),
        },
      });
      const toOpen = caseForRating(stored.rating, comment, this.config.LOW_RATING_THRESHOLD);
      if (!toOpen) return { ...stored, caseId: null };
      const caseId = await this.cases.open(input.orderId, { ...toOpen, openedBy: 'system' });
      return { ...stored, caseId };
    });
  }
}
