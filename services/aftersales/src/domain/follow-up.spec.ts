import { caseForRating, followUpDueAt, ratingNeedsCase } from './follow-up';

describe('after-sales rules', () => {
  it('asks for feedback a set delay after delivery', () => {
    expect(followUpDueAt(new Date('2026-11-20T08:00:00Z'), 72).toISOString()).toBe('2026-11-23T08:00:00.000Z');
    expect(followUpDueAt(new Date('2026-11-20T08:00:00Z'), 0).toISOString()).toBe('2026-11-20T08:00:00.000Z');
    expect(() => followUpDueAt(new Date(), -1)).toThrow(RangeError);
    expect(() => followUpDueAt(new Date('not a date'), 72)).toThrow(RangeError);
  });

  it('opens a case for a low rating only', () => {
    expect(ratingNeedsCase(1, 2)).toBe(true);
    expect(ratingNeedsCase(2, 2)).toBe(true);
    expect(ratingNeedsCase(3, 2)).toBe(false);
    expect(() => ratingNeedsCase(6, 2)).toThrow(RangeError);
  });

  it('a low rating opens a complaint carrying the comment; a good one opens nothing', () => {
    expect(caseForRating(1, 'Box arrived crushed', 2)).toEqual({
      kind: 'complaint',
      subject: 'Low rating (1/5)',
      detail: 'Box arrived crushed',
    });
    expect(caseForRating(2, null, 2)).toMatchObject({ kind: 'complaint', detail: null });
    expect(caseForRating(3, 'meh', 2)).toBeNull();
    expect(caseForRating(5, null, 2)).toBeNull();
  });
});
