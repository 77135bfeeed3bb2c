import { adjust, lowStockDecision, receive, release, setOnHand, ship, StockRuleError, summarize } from './stock-level';

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

describe('stock movements', () => {
  const level = { sku: 'TEA', warehouseId: 'sh-1', onHand: 10, reserved: 4 };

  it('adjusts on-hand either way but never below zero or below what is reserved', () => {
    expect(adjust(level, 3)).toMatchObject({ onHand: 13, reserved: 4 });
    expect(adjust(level, -6)).toMatchObject({ onHand: 4, reserved: 4 });
    expect(() => adjust(level, -7)).toThrow(/below the 4 units reserved/);
    expect(() => adjust({ ...level, reserved: 0 }, -11)).toThrow(/negative/);
    expect(() => adjust(level, 0)).toThrow(StockRuleError);
    expect(() => adjust(level, 1.5)).toThrow(StockRuleError);
  });

  it('receives goods, ships reserved units off both counts, releases reservations', () => {
    expect(receive(level, 5)).toMatchObject({ onHand: 15, reserved: 4 });
    expect(() => receive(level, 0)).toThrow(StockRuleError);
    expect(ship(level, 4)).toMatchObject({ onHand: 6, reserved: 0 });
    expect(() => ship(level, 5)).toThrow(/only 4 are reserved/);
    expect(release(level, 3)).toMatchObject({ onHand: 10, reserved: 1 });
    expect(() => release(level, 5)).toThrow(StockRuleError);
  });

  it('alerts once per crossing of the low-stock threshold and re-arms above it', () => {
    expect(lowStockDecision(10, 5, false)).toEqual({ alert: false, alertStanding: false });
    expect(lowStockDecision(5, 5, false)).toEqual({ alert: true, alertStanding: true });
    expect(lowStockDecision(2, 5, true)).toEqual({ alert: false, alertStanding: true });
    expect(lowStockDecision(6, 5, true)).toEqual({ alert: false, alertStanding: false });
    expect(lowStockDecision(0, 5, false)).toEqual({ alert: true, alertStanding: true });
  });
});
