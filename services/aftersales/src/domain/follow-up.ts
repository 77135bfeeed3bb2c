/** When to ask for feedback: a set delay after delivery. */
export function followUpDueAt(deliveredAt: Date, delayHours: number): Date {
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
