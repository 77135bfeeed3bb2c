import { Order, OrderRuleError, type PlaceOrderCommand } from './order';

const command = (overrides: Partial<PlaceOrderCommand> = {}): PlaceOrderCommand => ({
  customerId: 'c-1',
  channel: 'web',
  currency: 'CNY',
  items: [
    { sku: 'TEA', quantity: 3, unitPrice: 100 },
    { sku: 'CUP', quantity: 1, unitPrice: 50 },
  ],
  shippingAddress: {
    name: 'A',
    phone: '1',
    line1: 'x',
    city: 'Hangzhou',
    region: 'Zhejiang',
    postalCode: '310000',
    country: 'CN',
  },
  contact: {},
  paymentMethod: 'cod',
  ...overrides,
});

function confirmedOrder(overrides: Partial<PlaceOrderCommand> = {}): Order {
  const order = Order.place(command(overrides));
  order.proceed('ok');
  return order;
}

describe('the saga after confirmation (pure)', () => {
  it('a wholly reserved order is PROCESSING and every allocation is fulfilled', () => {
    const order = confirmedOrder();
    const allocations = [
      { warehouseId: 'sh', lines: [{ sku: 'TEA', quantity: 3 }] },
      { warehouseId: 'bj', lines: [{ sku: 'CUP', quantity: 1 }] },
    ];
    expect(order.applyReservation(allocations)).toEqual(allocations);
    expect(order.status).toBe('PROCESSING');
    expect(order.lines.map((l) => [l.sku, l.reserved])).toEqual([
      ['TEA', 3],
      ['CUP', 1],
    ]);
  });

  it('a partly reserved order ships what is reserved; the rest is recorded as backordered', () => {
    const order = confirmedOrder();
    expect(order.applyReservation([{ warehouseId: 'sh', lines: [{ sku: 'TEA', quantity: 2 }] }])).toHaveLength(1);
    order.applyBackorder([
      { sku: 'TEA', quantity: 1 },
      { sku: 'CUP', quantity: 1 },
    ]);
    expect(order.status).toBe('PROCESSING');
    expect(order.lines.map((l) => [l.sku, l.reserved, l.backordered])).toEqual([
      ['TEA', 2, 1],
      ['CUP', 0, 1],
    ]);
  });

  it('a ship-complete order that is not wholly reserved waits BACKORDERED and fulfils nothing', () => {
    const order = confirmedOrder({ shipComplete: true });
    expect(order.applyReservation([{ warehouseId: 'sh', lines: [{ sku: 'TEA', quantity: 3 }] }])).toEqual([]);
    expect(order.status).toBe('BACKORDERED');
  });

  it('a ship-complete order fulfils everything it held, every reservation, once the last line is reserved', () => {
    const order = confirmedOrder({ shipComplete: true });
    const tea = { reservationId: 'r-1', warehouseId: 'sh', lines: [{ sku: 'TEA', quantity: 3 }] };
    expect(order.applyReservation([tea])).toEqual([]);
    expect(order.heldAllocations).toEqual([tea]);
    const cup = { reservationId: 'r-2', warehouseId: 'bj', lines: [{ sku: 'CUP', quantity: 1 }] };
    expect(order.applyReservation([cup])).toEqual([tea, cup]);
    expect(order.heldAllocations).toEqual([]);
    expect(order.status).toBe('PROCESSING');
  });

  it('an order of which nothing could be reserved is BACKORDERED', () => {
    const order = confirmedOrder();
    order.applyBackorder([{ sku: 'TEA', quantity: 3 }]);
    expect(order.status).toBe('BACKORDERED');
  });

  it('refuses a reservation for an order that is not confirmed', () => {
    const placed = Order.place(command());
    expect(() => placed.applyReservation([{ warehouseId: 'sh', lines: [{ sku: 'TEA', quantity: 1 }] }])).toThrow(
      /cannot move from PLACED/,
    );
  });

  it('refuses a reservation of more than was ordered, or of a SKU the order does not have', () => {
    const order = confirmedOrder();
    expect(() => order.applyReservation([{ warehouseId: 'sh', lines: [{ sku: 'TEA', quantity: 4 }] }])).toThrow(
      OrderRuleError,
    );
    expect(() => order.applyReservation([{ warehouseId: 'sh', lines: [{ sku: 'POT', quantity: 1 }] }])).toThrow(
      /no line POT/,
    );
  });

  it('ships with its shipments: PARTIALLY_SHIPPED while lines remain, SHIPPED when none do, DELIVERED when all arrived', () => {
    const order = confirmedOrder();
    order.applyReservation([
      {
        warehouseId: 'sh',
        lines: [
          { sku: 'TEA', quantity: 3 },
          { sku: 'CUP', quantity: 1 },
        ],
      },
    ]);
    order.recordDispatch([{ sku: 'TEA', quantity: 3 }]);
    expect(order.status).toBe('PARTIALLY_SHIPPED');
    order.recordDelivery(true);
    expect(order.status).toBe('PARTIALLY_SHIPPED');
    order.recordDispatch([{ sku: 'CUP', quantity: 1 }]);
    expect(order.status).toBe('SHIPPED');
    expect(order.lines.map((l) => [l.sku, l.reserved, l.shipped])).toEqual([
      ['TEA', 0, 3],
      ['CUP', 0, 1],
    ]);
    order.recordDelivery(false);
    expect(order.status).toBe('SHIPPED');
    order.recordDelivery(true);
    expect(order.status).toBe('DELIVERED');
    expect(() => order.recordDispatch([{ sku: 'TEA', quantity: 1 }])).toThrow(/cannot move from DELIVERED/);
  });
});
