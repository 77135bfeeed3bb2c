import type { CaseKind } from '@oms/contracts';

/** A follow-up timer's states: a durable row fires once (SENT) unless it is called off (CANCELLED). */
export const FOLLOW_UP_STATUSES = ['SCHEDULED', 'SENT', 'CANCELLED'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

/** When to ask for feedback: a set delay after delivery. */
export function followUpDueAt(deliveredAt: Date, delayHours: number): Date {
  if (Number.isNaN(deliveredAt.getTime())) throw new RangeError('bad delivery time');
  if (!Number.isFinite(delayHours) || delayHours < 0) throw new RangeError(`bad follow-up delay ${delayHours}`);
  return new Date(deliveredAt.getTime() + delayHours * 3_600_000);
}

export const CASE_STATUSES = ['OPEN', 'IN_PROGRESS', 'RESOLVED'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** A rating at or below the threshold is a complaint someone should look at. */
export function ratingNeedsCase(rating: number, threshold: number): boolean {
  if (!Number.isInteger(rating) || rating < 1 || rating > 5) throw new RangeError(`rating must be 1..5, got ${rating}`);
  return rating <= threshold;
}

export interface CaseToOpen {
  kind: CaseKind;
  subject: string;
  detail: string | null;
}

/**
 * The support case a rating opens, or null. The contracts have no `low-rating` case kind: a low rating is a
 * `complaint`, its subject says the rating and the customer's comment is the detail.
 */
export function caseForRating(rating: number, comment: string | null, threshold: number): CaseToOpen | null {
  if (!ratingNeedsCase(rating, threshold)) return null;
  return { kind: 'complaint', subject: `Low rating (${rating}/5)`, detail: comment };
}
