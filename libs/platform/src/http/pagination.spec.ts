import { decodeCursor, encodeCursor, toPage } from './pagination';
import { ProblemException } from './problem';

describe('keyset pagination', () => {
  it('round-trips a cursor and pages with limit + 1 rows', () => {
    const rows = [1, 2, 3].map((n) => ({ id: `id-${n}`, createdAt: `2026-11-22T10:00:0${n}.000Z` }));
    const page = toPage(
      rows,
      2,
      (r) => r,
      (r) => r.id,
    );
    expect(page.items).toEqual(['id-1', 'id-2']);
    expect(decodeCursor(page.nextCursor!)).toEqual({ id: 'id-2', createdAt: '2026-11-22T10:00:02.000Z' });
    expect(
      toPage(
        rows.slice(0, 2),
        2,
        (r) => r,
        (r) => r.id,
      ).nextCursor,
    ).toBeNull();
    expect(decodeCursor(encodeCursor({ id: 'x', createdAt: '2026-01-01T00:00:00.000Z' }))?.id).toBe('x');
  });

  it('refuses a forged cursor with a 400 problem', () => {
    expect(() => decodeCursor('not-a-cursor')).toThrow(ProblemException);
  });
});
