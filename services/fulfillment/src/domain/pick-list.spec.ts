import { planPickLines } from './pick-list';

describe('planPickLines', () => {
  it('merges the orders of one SKU and walks bins in order, unknown bins last', () => {
    const bins: Record<string, string> = { TEA: 'A-10', CUP: 'A-2', POT: 'B-1' };
    const lines = planPickLines(
      [
        { sku: 'TEA', quantity: 2 },
        { sku: 'CUP', quantity: 1 },
        { sku: 'LID', quantity: 4 },
        { sku: 'TEA', quantity: 3 },
        { sku: 'POT', quantity: 1 },
      ],
      (sku) => bins[sku] ?? null,
    );
    expect(lines).toEqual([
      { sku: 'CUP', quantity: 1, bin: 'A-2' },
      { sku: 'TEA', quantity: 5, bin: 'A-10' },
      { sku: 'POT', quantity: 1, bin: 'B-1' },
      { sku: 'LID', quantity: 4, bin: null },
    ]);
  });

  it('refuses a non-positive quantity', () => {
    expect(() => planPickLines([{ sku: 'TEA', quantity: 0 }])).toThrow(RangeError);
  });
});
