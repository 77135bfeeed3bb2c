import { deliveryNoteOf } from './shipment';

describe('deliveryNoteOf', () => {
  it('sums lines per order and SKU across packages and totals the weight', () => {
    const note = deliveryNoteOf([
      {
        packageId: 'p1',
        weightGrams: 1200,
        lines: [
          { orderId: 'o1', sku: 'TEA', quantity: 2 },
          { orderId: 'o2', sku: 'CUP', quantity: 1 },
        ],
      },
      { packageId: 'p2', weightGrams: 800, lines: [{ orderId: 'o1', sku: 'TEA', quantity: 1 }] },
    ]);
    expect(note).toEqual({
      lines: [
        { orderId: 'o1', sku: 'TEA', quantity: 3 },
        { orderId: 'o2', sku: 'CUP', quantity: 1 },
      ],
      totalWeightGrams: 2000,
      packageCount: 2,
    });
  });

  it('refuses no packages or a weightless package', () => {
    expect(() => deliveryNoteOf([])).toThrow(RangeError);
    expect(() => deliveryNoteOf([{ packageId: 'p', weightGrams: 0, lines: [] }])).toThrow(/no weight/);
  });
});
