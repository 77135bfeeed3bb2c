import { CancelsWholeOrderError, EditNotAllowedError, EditRuleError } from './order-edit';
import { Order, type PlaceOrderCommand } from './order';
import { placeCommand, TEST_ADDRESS } from './order.fixtures';
import { react } from './saga/order-saga';

const NOW = new Date('2026-11-30T10:00:00.000Z');
const address = TEST_ADDRESS;
const command = (overrides: Partial<PlaceOrderCommand> = {}) =>
  placeCommand({ items: [{ sku: 'TEA', quantity: 2, unitPrice: 100 }], ...overrides });
const processing = () => {
  const order = Order.place(command(), NOW);
  order.proceed('ok', NOW);
  react(order, {
    type: 'StockReserved',
    reservationId: 'r-1',
    allocations: [{ warehouseId: 'sh', lines: [{ sku: 'TEA', quantity: 2 }] }],
  });
  order.takeChanges();
  return order;
};
const newItems = {
  items: [
    { sku: 'TEA', quantity: 3, unitPrice: 100 },
    { sku: 'CUP', quantity: 1, unitPrice: 50 },
  ],
};

describe('order edits', () => {
  it('before confirmation the order simply changes: lines, totals, address', () => {
    const order = Order.place(command(), NOW);
    const { applied, edit, changes } = order.requestEdit(
      { ...newItems, shippingAddress: { ...address, line1: 'y' } },
      'c-1',
      NOW,
    );
    expect(applied).toBe(true);
    expect(edit).toBeNull();
    expect(changes.map((c) => c.kind)).toEqual(['quantity-changed', 'item-added', 'shipping-address-changed']);
    expect(order.lines.map((l) => [l.sku, l.quantity, l.lineTotal])).toEqual([
      ['CUP', 1, 50],
      ['TEA', 3, 300],
    ]);
    expect(order.totals).toMatchObject({ subtotal: 350, total: 350 });
    expect(order.shippingAddress.line1).toBe('y');
  });

  it('a confirmed order changes and waits for inventory to reserve anew; the new reservation goes to picking', () => {
    const order = Order.place(command(), NOW);
    order.proceed('ok', NOW);
    const { edit } = order.requestEdit(newItems, 'c-1', NOW, 'e-1');
    expect(edit).toMatchObject({ editId: 'e-1', phase: 'AWAITING_STOCK' });
    const commands = react(order, {
      type: 'StockReallocated',
      editId: 'e-1',
      released: [],
      reservation: {
        reservationId: 'r-2',
        allocations: [{ warehouseId: 'sh', lines: [{ sku: 'TEA', quantity: 3 }] }],
      },
      lines: [
        { sku: 'TEA', reserved: 3, backordered: 0 },
        { sku: 'CUP', reserved: 0, backordered: 1 },
      ],
    });
    expect(commands).toEqual([
      {
        type: 'RequestFulfillment',
        purpose: 'order',
        allocation: { reservationId: 'r-2', warehouseId: 'sh', lines: [{ sku: 'TEA', quantity: 3 }] },
      },
    ]);
    expect(order.status).toBe('PROCESSING');
    expect(order.pendingEdit).toBeNull();
    expect(order.lines.map((l) => [l.sku, l.reserved, l.backordered])).toEqual([
      ['CUP', 0, 1],
      ['TEA', 3, 0],
    ]);
  });

  it('an order at the warehouse waits for fulfillment; released, it changes and reserves anew', () => {
    const order = processing();
    const { applied, edit } = order.requestEdit(newItems, 'c-1', NOW, 'e-1');
    expect(applied).toBe(false);
    expect(edit?.phase).toBe('AWAITING_FULFILLMENT');
    expect(order.lines[0]!.quantity).toBe(2);
    expect(order.fulfillmentAnswered('e-1', 'released', NOW)).toMatchObject({ applied: true, toFulfil: [] });
    expect(order.pendingEdit?.phase).toBe('AWAITING_STOCK');
    expect(order.lines.map((l) => [l.sku, l.quantity])).toEqual([
      ['CUP', 1],
      ['TEA', 3],
    ]);
    // Nothing reserved after all: the order waits.
    react(order, {
      type: 'StockReallocated',
      editId: 'e-1',
      released: ['r-1'],
      lines: [
        { sku: 'TEA', reserved: 0, backordered: 3 },
        { sku: 'CUP', reserved: 0, backordered: 1 },
      ],
    });
    expect(order.status).toBe('BACKORDERED');
  });

  it('refused because picking started: nothing changes, and what was reserved meanwhile goes to picking', () => {
    const order = Order.place(command({ items: [{ sku: 'TEA', quantity: 3, unitPrice: 100 }] }), NOW);
    order.proceed('ok', NOW);
    react(order, {
      type: 'StockReserved',
      reservationId: 'r-1',
      allocations: [{ warehouseId: 'sh', lines: [{ sku: 'TEA', quantity: 2 }] }],
    });
    order.requestEdit({ items: [{ sku: 'TEA', quantity: 1, unitPrice: 100 }] }, 'c-1', NOW, 'e-1');
    // Served from the queue while the edit is on its way: held, not sent to picking yet.
    expect(
      react(order, {
        type: 'StockReserved',
        reservationId: 'r-2',
        allocations: [{ warehouseId: 'sh', lines: [{ sku: 'TEA', quantity: 1 }] }],
      }),
    ).toEqual([]);
    const { applied, toFulfil } = order.fulfillmentAnswered('e-1', 'refused', NOW);
    expect(applied).toBe(false);
    expect(toFulfil).toEqual([{ reservationId: 'r-2', warehouseId: 'sh', lines: [{ sku: 'TEA', quantity: 1 }] }]);
    expect(order.lines[0]).toMatchObject({ quantity: 3, reserved: 3 });
    expect(order.pendingEdit).toBeNull();
  });

  it('refuses what an edit may not do', () => {
    const order = processing();
    order.requestEdit(newItems, 'c-1', NOW, 'e-1');
    expect(() => order.requestEdit({ items: [{ sku: 'TEA', quantity: 1, unitPrice: 100 }] }, 'c-1', NOW)).toThrow(
      /still in progress/,
    );
    expect(() => order.chooseForBackorder('wait', 'x', NOW)).toThrow();
    const unchanged = Order.place(command(), NOW);
    expect(() => unchanged.requestEdit({ items: [{ sku: 'TEA', quantity: 2, unitPrice: 100 }] }, 'c-1', NOW)).toThrow(
      EditRuleError,
    );
    const paid = Order.place(command({ paymentMethod: 'prepaid' }), NOW);
    paid.recordPayment({ amount: 200, reference: 'p', provider: null, paidAt: NOW }, NOW);
    expect(() => paid.requestEdit(newItems, 'c-1', NOW)).toThrow(/paid order/);
    expect(paid.requestEdit({ contact: { email: 'new@example.com' } }, 'c-1', NOW).applied).toBe(true);
    const shipped = processing();
    react(shipped, {
      type: 'ShipmentDispatched',
      shipment: {
        shipmentId: 's-1',
        carrier: 'ems',
        trackingNumber: 'E1',
        dispatchedAt: NOW.toISOString(),
        purpose: 'order',
        lines: [{ sku: 'TEA', quantity: 2 }],
      },
    });
    expect(() => shipped.requestEdit(newItems, 'c-1', NOW)).toThrow(EditNotAllowedError);
  });

  it('a cancel supersedes an edit on its way; a late answer changes nothing', () => {
    const order = processing();
    order.requestEdit(newItems, 'c-1', NOW, 'e-1');
    order.cancel('changed my mind', NOW);
    expect(order.pendingEdit).toBeNull();
    expect(order.fulfillmentAnswered('e-1', 'released', NOW).applied).toBe(false);
    expect(order.lines[0]!.quantity).toBe(2);
  });

  it('cancels some lines of a paid order at the warehouse: they stay on the order as cancelled', () => {
    const order = Order.place(
      command({
        paymentMethod: 'prepaid',
        items: [
          { sku: 'TEA', quantity: 2, unitPrice: 100 },
          { sku: 'CUP', quantity: 1, unitPrice: 50 },
        ],
      }),
      NOW,
    );
    order.recordPayment({ amount: 250, reference: 'p', provider: null, paidAt: NOW }, NOW);
    order.proceed('paid', NOW);
    react(order, {
      type: 'StockReserved',
      reservationId: 'r-1',
      allocations: [
        {
          warehouseId: 'sh',
          lines: [
            { sku: 'TEA', quantity: 2 },
            { sku: 'CUP', quantity: 1 },
          ],
        },
      ],
    });
    const { applied, changes } = order.requestEdit({ cancelLines: [{ sku: 'TEA', quantity: 1 }] }, 'c-1', NOW, 'e-1');
    expect(applied).toBe(false);
    expect(changes).toEqual([{ kind: 'quantity-changed', sku: 'TEA', fromQuantity: 2, toQuantity: 1 }]);
    order.fulfillmentAnswered('e-1', 'released', NOW);
    expect(order.lines.map((l) => [l.sku, l.quantity, l.cancelled])).toEqual([
      ['TEA', 2, 1],
      ['CUP', 1, 0],
    ]);
    expect(() => order.requestEdit({ cancelLines: [{ sku: 'TEA', quantity: 2 }] }, 'c-1', NOW)).toThrow(
      /still in progress/,
    );
  });

  it('a cancel of every unit left is the cancel of the whole order; more than is left is refused', () => {
    const order = Order.place(command(), NOW);
    expect(() => order.requestEdit({ cancelLines: [{ sku: 'TEA', quantity: 2 }] }, 'c-1', NOW)).toThrow(
      CancelsWholeOrderError,
    );
    expect(() => order.requestEdit({ cancelLines: [{ sku: 'TEA', quantity: 3 }] }, 'c-1', NOW)).toThrow(/only 2/);
    expect(() => order.requestEdit({ cancelLines: [{ sku: 'POT', quantity: 1 }] }, 'c-1', NOW)).toThrow(/no line POT/);
  });
});
