import { CancellationNotAllowedError, Order, OrderRuleError, type PlaceOrderCommand } from './order';
import { assertTransitionTableIsSound, IllegalTransitionError } from './order-status';

const command = (overrides: Partial<PlaceOrderCommand> = {}): PlaceOrderCommand => ({
  customerId: 'c-1',
  channel: 'web',
  currency: 'CNY',
  items: [
    { sku: 'TEA-1', quantity: 2, unitPrice: 1999 },
    { sku: 'CUP-9', quantity: 1, unitPrice: 500 },
  ],
  shippingAddress: {
    name: 'Li Lei',
    phone: '138',
    line1: '1 Road',
    city: 'Shanghai',
    postalCode: '200000',
    country: 'CN',
  },
  contact: { email: 'li@example.com', locale: 'zh-CN' },
  paymentMethod: 'cod',
  ...overrides,
});

describe('Order', () => {
  it('prices lines and totals in integer minor units', () => {
    const order = Order.place(command());
    expect(order.lines.map((l) => [l.sku, l.lineTotal])).toEqual([
      ['TEA-1', 3998],
      ['CUP-9', 500],
    ]);
    expect(order.totals).toEqual({ subtotal: 4498, shipping: 0, discount: 0, total: 4498 });
    expect(order.status).toBe('PLACED');
  });

  it('merges repeated SKUs and refuses one SKU at two prices', () => {
    const merged = Order.place(
      command({
        items: [
          { sku: 'A', quantity: 1, unitPrice: 10 },
          { sku: 'A', quantity: 2, unitPrice: 10 },
        ],
      }),
    );
    expect(merged.lines).toHaveLength(1);
    expect(merged.lines[0]!.quantity).toBe(3);
    expect(() =>
      Order.place(
        command({
          items: [
            { sku: 'A', quantity: 1, unitPrice: 10 },
            { sku: 'A', quantity: 1, unitPrice: 11 },
          ],
        }),
      ),
    ).toThrow(OrderRuleError);
  });

  it('requires the staff member on staff-keyed channels', () => {
    expect(() => Order.place(command({ channel: 'phone' }))).toThrow(/staff member/);
    expect(Order.place(command({ channel: 'phone', placedBy: 'agent-7' })).placedBy).toBe('agent-7');
  });

  it('records its placement and every transition, and refuses illegal moves', () => {
    const order = Order.place(command());
    order.transitionTo('CONFIRMED', 'auto-confirmed');
    expect(order.takeChanges().map((c) => [c.from, c.to])).toEqual([
      [null, 'PLACED'],
      ['PLACED', 'CONFIRMED'],
    ]);
    expect(() => order.transitionTo('DELIVERED', 'skip ahead')).toThrow(IllegalTransitionError);
    expect(order.status).toBe('CONFIRMED');
  });

  it('has a sound transition table', () => {
    expect(() => assertTransitionTableIsSound()).not.toThrow();
  });
});

describe('Order.cancel', () => {
  it('cancels every line of an order not yet confirmed, with nothing to compensate', () => {
    const order = Order.place(command());
    order.holdForReview(['amount']);
    order.takeChanges();
    expect(order.cancel('customer asked')).toEqual({ needsCompensation: false });
    expect(order.status).toBe('CANCELLED');
    expect(order.lines.every((line) => line.cancelled === line.quantity)).toBe(true);
    expect(order.takeChanges()).toEqual([
      expect.objectContaining({ from: 'PENDING_REVIEW', to: 'CANCELLED', reason: 'customer asked' }),
    ]);
  });

  it('cancels a confirmed, reserved order and says the saga must undo what other services hold', () => {
    const order = Order.place(command());
    order.proceed('no review needed');
    const [first] = order.lines;
    order.applyReservation([{ warehouseId: 'sh-1', lines: [{ sku: first!.sku, quantity: first!.quantity }] }]);
    expect(order.cancel('changed my mind')).toEqual({ needsCompensation: true });
    expect(order.status).toBe('CANCELLED');
    expect(order.lines.every((l) => l.reserved === 0 && l.backordered === 0 && l.cancelled === l.quantity)).toBe(true);
  });

  it('refuses once goods were dispatched, pointing to a return', () => {
    const order = Order.place(command());
    order.proceed('no review needed');
    const lines = order.lines.map(({ sku, quantity }) => ({ sku, quantity }));
    order.applyReservation([{ warehouseId: 'sh-1', lines }]);
    order.recordDispatch({
      shipmentId: 's-1',
      carrier: 'sf-express',
      trackingNumber: 'SF1',
      dispatchedAt: '2026-11-30T10:00:00.000Z',
      purpose: 'order',
      lines,
    });
    expect(() => order.cancel('too late')).toThrow(CancellationNotAllowedError);
    expect(() => order.cancel('too late')).toThrow(/request a return/);
    expect(order.status).toBe('SHIPPED');
  });
});
