import { followUpDueAt, ratingNeedsCase } from './follow-up';

describe('after-sales rules', () => {
  it('asks for feedback a set delay after delivery', () => {
    expect(followUpDueAt(new Date('2026-11-20T08:00:00Z'), 72).toISOString()).toBe('2026-11-23T08:00:00.000Z');
    expect(followUpDueAt(new Date('2026-11-20T08:00:00Z'), 0).toISOString()).toBe('2026-11-20T08:00:00.000Z');
    expect(() => followUpDueAt(new Date(), -1)).toThrow(RangeError);
  });

  it('opens a case for a low rating only', () => {
    expect(ratingNeedsCase(1, 2)).toBe(true);
    expect(ratingNeedsCase(2, 2)).toBe(true);
    expect(ratingNeedsCase(3, 2)).toBe(false);
    expect(() => ratingNeedsCase(6, 2)).toThrow(RangeError);
  });
});
