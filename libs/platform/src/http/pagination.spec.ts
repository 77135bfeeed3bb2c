import { decodeCursor, encodeCursor, keysetQuery, toPage } from './pagination';
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

  it('builds the page query: given filters, the cursor position, one row more than the limit', () => {
    const cursor = encodeCursor({ createdAt: '2026-11-22T10:00:00.000Z', id: 'b7f0a0f4-9d7e-4a53-8a4e-3c8f2a1b0c9d' });
    const query = keysetQuery({ alias: 'p', conditions: [['p.status = ?', 'OPEN'], undefined, ''], cursor, limit: 20 });
    expect(query.where).toBe('WHERE p.status = $1 AND (p.created_at, p.id) < ($2::timestamptz, $3::uuid)');
    expect(query.orderByLimit).toBe('ORDER BY p.created_at DESC, p.id DESC LIMIT $4');
    expect(query.params).toEqual(['OPEN', '2026-11-22T10:00:00.000Z', 'b7f0a0f4-9d7e-4a53-8a4e-3c8f2a1b0c9d', 21]);
    expect(keysetQuery({ conditions: [], limit: 5 })).toEqual({
      where: '',
      orderByLimit: 'ORDER BY created_at DESC, id DESC LIMIT $1',
      params: [6],
    });
  });
});
