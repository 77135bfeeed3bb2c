import { allocate, type WarehouseStock } from './allocation';

const warehouse = (warehouseId: string, priority: number, stock: Record<string, number>): WarehouseStock => ({
  warehouseId,
  priority,
  available: new Map(Object.entries(stock)),
});

describe('allocate', () => {
  it('prefers one warehouse that can give every line, the preferred such', () => {
    const result = allocate(
      [
        { sku: 'TEA', quantity: 2 },
        { sku: 'CUP', quantity: 1 },
      ],
      [warehouse('bj', 2, { TEA: 5, CUP: 5 }), warehouse('sh', 1, { TEA: 5 }), warehouse('gz', 3, { TEA: 9, CUP: 9 })],
    );
    expect(result).toEqual({
      allocations: [
        {
          warehouseId: 'bj',
          lines: [
            { sku: 'CUP', quantity: 1 },
            { sku: 'TEA', quantity: 2 },
          ],
        },
      ],
      backordered: [],
    });
  });

  it('splits across warehouses by preference when none can give it all, and backorders the rest', () => {
    const result = allocate(
      [
        { sku: 'TEA', quantity: 8 },
        { sku: 'CUP', quantity: 2 },
      ],
      [warehouse('sh', 1, { TEA: 5 }), warehouse('bj', 2, { TEA: 2, CUP: 1 })],
    );
    expect(result).toEqual({
      allocations: [
        { warehouseId: 'sh', lines: [{ sku: 'TEA', quantity: 5 }] },
        {
          warehouseId: 'bj',
          lines: [
            { sku: 'CUP', quantity: 1 },
            { sku: 'TEA', quantity: 2 },
          ],
        },
      ],
      backordered: [
        { sku: 'CUP', quantity: 1 },
        { sku: 'TEA', quantity: 1 },
      ],
    });
  });

  it('backorders everything when nothing is in stock, and merges repeated SKUs', () => {
    expect(
      allocate(
        [
          { sku: 'TEA', quantity: 1 },
          { sku: 'TEA', quantity: 2 },
        ],
        [],
      ),
    ).toEqual({ allocations: [], backordered: [{ sku: 'TEA', quantity: 3 }] });
  });
});
