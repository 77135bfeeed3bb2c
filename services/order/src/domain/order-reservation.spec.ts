import { NothingWaitsError, Order, OrderRuleError, type PlaceOrderCommand } from './order';
import { placeCommand } from './order.fixtures';

const command = placeCommand;

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

  describe('backorder choices', () => {
    const partlyReserved = (overrides: Partial<PlaceOrderCommand> = {}) => {
      const order = confirmedOrder(overrides);
      order.applyReservation([{ reservationId: 'r-1', warehouseId: 'sh', lines: [{ sku: 'TEA', quantity: 3 }] }]);
      order.applyBackorder([{ sku: 'CUP', quantity: 1 }]);
      return order;
    };

    it('drop-waiting cancels the waiting units and the rest goes on', () => {
      const order = partlyReserved();
      expect(order.status).toBe('PROCESSING');
      const result = order.chooseForBackorder('drop-waiting', 'customer chose');
      expect(result.dropped).toEqual([{ sku: 'CUP', quantity: 1 }]);
      expect(order.status).toBe('PROCESSING');
      expect(order.lines.map((l) => [l.sku, l.reserved, l.backordered, l.cancelled])).toEqual([
        ['TEA', 3, 0, 0],
        ['CUP', 0, 0, 1],
      ]);
      expect(() => order.chooseForBackorder('wait', 'again')).toThrow(NothingWaitsError);
    });

    it('drop-waiting of an order of which nothing was reserved cancels it', () => {
      const order = confirmedOrder();
      order.applyBackorder([
        { sku: 'TEA', quantity: 3 },
        { sku: 'CUP', quantity: 1 },
      ]);
      order.chooseForBackorder('drop-waiting', 'waited too long');
      expect(order.status).toBe('CANCELLED');
      expect(order.lines.every((l) => l.cancelled === l.quantity)).toBe(true);
    });

    it('ship-available lets a ships-complete order send what it holds now; the rest keeps waiting', () => {
      const order = partlyReserved({ shipComplete: true });
      expect(order.status).toBe('BACKORDERED');
      const result = order.chooseForBackorder('ship-available', 'customer chose');
      expect(result.toFulfil).toEqual([
        { reservationId: 'r-1', warehouseId: 'sh', lines: [{ sku: 'TEA', quantity: 3 }] },
      ]);
      expect(order.status).toBe('PROCESSING');
      expect(order.shipComplete).toBe(false);
      expect(order.waitingLines).toEqual([{ sku: 'CUP', quantity: 1 }]);
      expect(() => order.chooseForBackorder('ship-available', 'twice')).toThrow(/already ships/);
    });

    it('wait changes nothing', () => {
      const order = partlyReserved();
      expect(order.chooseForBackorder('wait', 'fine')).toEqual({
        waiting: [{ sku: 'CUP', quantity: 1 }],
        dropped: [],
        toFulfil: [],
      });
      expect(order.waitingLines).toEqual([{ sku: 'CUP', quantity: 1 }]);
    });
  });
});
