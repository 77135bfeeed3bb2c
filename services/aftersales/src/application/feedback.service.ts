import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CaseOpenedV1, FeedbackReceivedV1 } from '@oms/contracts';
import { EventPublisher, ProblemException, SERVICE_CONFIG, UnitOfWork } from '@oms/platform';
import type { AftersalesConfig } from '../config';
import { ratingNeedsCase } from '../domain/follow-up';
import { AftersalesRepository } from '../infrastructure/persistence/aftersales.repository';

/** Takes an order's feedback once; a low rating opens a support case for staff. */
@Injectable()
export class FeedbackService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly aftersales: AftersalesRepository,
    private readonly events: EventPublisher,
    @Inject(SERVICE_CONFIG) private readonly config: AftersalesConfig,
  ) {}

  async receive(input: { orderId: string; rating: number; comment?: string }) {
    const id = randomUUID();
    return this.unitOfWork.run(async () => {
      const created = await this.aftersales.insertFeedbackOnce({
        id,
        orderId: input.orderId,
        rating: input.rating,
        comment: input.comment ?? null,
      });
      if (!created) {
        const existing = await this.aftersales.feedbackOf(input.orderId);
        throw ProblemException.conflict(`order ${input.orderId} already has feedback`, 'FEEDBACK_RECEIVED', {
          feedback: existing,
        });
      }
      const customerId = await this.aftersales.customerOf(input.orderId);
      await this.events.publish(FeedbackReceivedV1, {
        orderId: input.orderId,
        payload: {
          feedbackId: id,
          rating: input.rating,
          ...(input.comment ? { comment: input.comment } : {}),
          ...(customerId ? { customerId } : {}),
        },
      });
      let caseId: string | null = null;
      if (ratingNeedsCase(input.rating, this.config.LOW_RATING_THRESHOLD)) {
        caseId = randomUUID();
        const subject = `Low rating (${input.rating}/5)`;
        await this.aftersales.openCase({
          id: caseId,
          orderId: input.orderId,
          kind: 'complaint',
          subject,
          detail: input.comment ?? null,
          openedBy: 'system',
        });
        await this.events.publish(CaseOpenedV1, {
          orderId: input.orderId,
          payload: {
            caseId,
            kind: 'complaint',
            subject,
            ...(input.comment ? { detail: input.comment } : {}),
            openedBy: 'system',
          },
        });
      }
      return { id, orderId: input.orderId, rating: input.rating, comment: input.comment ?? null, caseId };
    });
  }
}
