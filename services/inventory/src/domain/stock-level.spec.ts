import { setOnHand, StockRuleError, summarize } from './stock-level';

describe('stock levels', () => {
  it('sums warehouses and keeps onHand = available + reserved', () => {
    const summary = summarize(
      'TEA',
      [
        { sku: 'TEA', warehouseId: 'sh-1', onHand: 10, reserved: 4 },
        { sku: 'TEA', warehouseId: 'bj-1', onHand: 5, reserved: 0 },
      ],
      3,
      0,
    );
    expect(summary).toMatchObject({ onHand: 15, reserved: 4, available: 11, demand: 3 });
    expect(summary.warehouses.map((w) => w.warehouseId)).toEqual(['bj-1', 'sh-1']);
    expect(summary.onHand).toBe(summary.available + summary.reserved);
  });

  it('refuses a stocktake below what is reserved, or a negative count', () => {
    const level = { sku: 'TEA', warehouseId: 'sh-1', onHand: 10, reserved: 4 };
    expect(setOnHand(level, 4).onHand).toBe(4);
    expect(() => setOnHand(level, 3)).toThrow(StockRuleError);
    expect(() => setOnHand(level, -1)).toThrow(StockRuleError);
  });
});
