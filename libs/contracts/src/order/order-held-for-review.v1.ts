import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { MoneyV1 } from '../common/values';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

/** Why the review rules held an order. */
export const REVIEW_REASONS = [
  'amount-over-threshold',
  'quantity-over-threshold',
  'staff-keyed',
  'incomplete-address',
  'customer-flagged',
  'payment-risk',
] as const;
export type ReviewReason = (typeof REVIEW_REASONS)[number];

export class OrderHeldForReviewV1Payload {
  @IsIn(REVIEW_REASONS, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(REVIEW_REASONS.length)
  reasons!: ReviewReason[];
  @IsString() @MaxLength(64) customerId!: string;
  /** The order's total, so that ops can triage from the alert. */
  @ValidateNested() @Type(() => MoneyV1) total!: MoneyV1;
  @IsOptional() @IsString() @MaxLength(2000) detail?: string;
}

/** The review rules held an order (PENDING_REVIEW) until ops approve or reject it. */
export const OrderHeldForReviewV1 = defineEvent({
  type: 'OrderHeldForReview',
  version: 1,
  topic: Topics.order,
  payloadClass: OrderHeldForReviewV1Payload,
  description: 'The review rules held an order (PENDING_REVIEW) until ops approve or reject it.',
});
