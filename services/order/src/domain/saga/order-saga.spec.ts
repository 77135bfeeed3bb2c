import { type Allocation, Order, OrderRuleError, type PlaceOrderCommand } from '../order';
import { placeCommand } from '../order.fixtures';
import { react, type SagaEvent } from './order-saga';

/** The saga's decisions, given an order and an event, expect its new state and what it asks next. */

const NOW = new Date('2026-11-30T10:00:00.000Z');

const command = placeCommand;

function given(overrides: Partial<PlaceOrderCommand> = {}, ...events: SagaEvent[]): Order {
  const order = Order.place(command(overrides), NOW);
  if (overrides.paymentMethod === 'prepaid')
    order.recordPayment({ amount: order.totals.total, reference: 'pay-1', provider: 'test', paidAt: NOW }, NOW);
  order.proceed('ok', NOW);
  for (const event of events) react(order, event, NOW);
  order.takeChanges();
  return order;
}

const reserved = (reservationId: string, warehouseId: string, ...lines: Array<[string, number]>): SagaEvent => ({
  type: 'StockReserved',
  reservationId,
  allocations: [{ warehouseId, lines: lines.map(([sku, quantity]) => ({ sku, quantity })) }],
});
const dispatched = (shipmentId: string, ...lines: Array<[string, number]>): SagaEvent => ({
  type: 'ShipmentDispatched',
  shipment: {
    shipmentId,
    carrier: 'sf-express',
    trackingNumber: `SF-${shipmentId}`,
    dispatchedAt: NOW.toISOString(),
    purpose: 'order',
    lines: lines.map(([sku, quantity]) => ({ sku, quantity })),
  },
});
const delivered = (shipmentId: string): SagaEvent => ({
  type: 'ShipmentDelivered',
  shipmentId,
  deliveredAt: NOW.toISOString(),
});
const quantities = (order: Order) =>
  order.lines.map((l) => ({ sku: l.sku, reserved: l.reserved, backordered: l.backordered, shipped: l.shipped }));
const fulfil = (reservationId: string, warehouseId: string, ...lines: Array<[string, number]>) => ({
  type: 'RequestFulfillment',
  purpose: 'order',
  allocation: {
    reservationId,
    warehouseId,
    lines: lines.map(([sku, quantity]) => ({ sku, quantity })),
  } satisfies Allocation,
});

describe('order saga: reservations', () => {
  it('given a confirmed order, when all of it is reserved in two warehouses, it is PROCESSING and asks each to pick', () => {
    const order = given();
    const commands = react(order, {
      type: 'StockReserved',
      reservationId: 'r-1',
      allocations: [
        { warehouseId: 'sh', lines: [{ sku: 'TEA', quantity: 3 }] },
        { warehouseId: 'bj', lines: [{ sku: 'CUP', quantity: 1 }] },
      ],
    });
    expect(commands).toEqual([fulfil('r-1', 'sh', ['TEA', 3]), fulfil('r-1', 'bj', ['CUP', 1])]);
    expect(order.status).toBe('PROCESSING');
  });

  it('given part reserved, when the rest is backordered, it ships the part and counts what waits', () => {
    const order = given();
    expect(react(order, reserved('r-1', 'sh', ['TEA', 2]))).toEqual([fulfil('r-1', 'sh', ['TEA', 2])]);
    expect(
      react(order, {
        type: 'StockBackordered',
        lines: [
          { sku: 'TEA', quantity: 1 },
          { sku: 'CUP', quantity: 1 },
        ],
        expectedDate: '2026-12-10',
      }),
    ).toEqual([]);
    expect(order.status).toBe('PROCESSING');
    expect(quantities(order)).toEqual([
      { sku: 'TEA', reserved: 2, backordered: 1, shipped: 0 },
      { sku: 'CUP', reserved: 0, backordered: 1, shipped: 0 },
    ]);
    expect(order.lines[0]!.promisedBy).toBe('2026-12-10');
  });

  it('given a ships-complete order, it holds each reservation until every line is reserved, then sends all', () => {
    const order = given({ shipComplete: true });
    expect(react(order, reserved('r-1', 'sh', ['TEA', 3]))).toEqual([]);
    expect(order.status).toBe('BACKORDERED');
    expect(react(order, reserved('r-2', 'bj', ['CUP', 1]))).toEqual([
      fulfil('r-1', 'sh', ['TEA', 3]),
      fulfil('r-2', 'bj', ['CUP', 1]),
    ]);
    expect(order.status).toBe('PROCESSING');
    expect(order.heldAllocations).toEqual([]);
  });

  it('given a cancelled order, a reservation that was in flight asks for nothing (inventory releases it)', () => {
    const order = given();
    order.cancel('changed my mind', NOW);
    expect(react(order, reserved('r-1', 'sh', ['TEA', 3]))).toEqual([]);
    expect(react(order, { type: 'StockBackordered', lines: [{ sku: 'CUP', quantity: 1 }] })).toEqual([]);
    expect(quantities(order).every((l) => l.reserved === 0 && l.backordered === 0)).toBe(true);
  });

  it('given a held reservation, when it expires, the order forgets it and its units wait again', () => {
    const order = given({ shipComplete: true }, reserved('r-1', 'sh', ['TEA', 3]));
    react(order, {
      type: 'ReservationExpired',
      reservationId: 'r-1',
      allocations: [{ warehouseId: 'sh', lines: [{ sku: 'TEA', quantity: 3 }] }],
    });
    react(order, {
      type: 'StockBackordered',
      lines: [
        { sku: 'TEA', quantity: 3 },
        { sku: 'CUP', quantity: 1 },
      ],
    });
    expect(order.heldAllocations).toEqual([]);
    expect(order.status).toBe('BACKORDERED');
    expect(quantities(order)).toEqual([
      { sku: 'TEA', reserved: 0, backordered: 3, shipped: 0 },
      { sku: 'CUP', reserved: 0, backordered: 1, shipped: 0 },
    ]);
    // Served again later, it goes on as before.
    expect(react(order, reserved('r-2', 'sh', ['TEA', 3], ['CUP', 1]))).toEqual([
      fulfil('r-2', 'sh', ['TEA', 3], ['CUP', 1]),
    ]);
  });

  it('refuses a reservation beyond the ordered quantity (inventory and order disagree: a dead letter for ops)', () => {
    const order = given();
    expect(() => react(order, reserved('r-1', 'sh', ['TEA', 4]))).toThrow(OrderRuleError);
  });
});

describe('order saga: shipments', () => {
  const processing = () => given({}, reserved('r-1', 'sh', ['TEA', 3], ['CUP', 1]));

  it('is PARTIALLY_SHIPPED while lines remain, SHIPPED when none do, DELIVERED once every shipment arrived', () => {
    const order = processing();
    react(order, dispatched('s-1', ['TEA', 3]));
    expect(order.status).toBe('PARTIALLY_SHIPPED');
    react(order, delivered('s-1'));
    expect(order.status).toBe('PARTIALLY_SHIPPED');
    react(order, dispatched('s-2', ['CUP', 1]));
    expect(order.status).toBe('SHIPPED');
    expect(quantities(order)).toEqual([
      { sku: 'TEA', reserved: 0, backordered: 0, shipped: 3 },
      { sku: 'CUP', reserved: 0, backordered: 0, shipped: 1 },
    ]);
    react(order, delivered('s-2'));
    expect(order.status).toBe('DELIVERED');
  });

  it('counts a dispatch heard twice once', () => {
    const order = processing();
    react(order, dispatched('s-1', ['TEA', 3]));
    react(order, dispatched('s-1', ['TEA', 3]));
    expect(order.lines[0]!.shipped).toBe(3);
    expect(order.shipments).toHaveLength(1);
  });

  it('a failed attempt followed by delivery ends DELIVERED with nothing to resolve', () => {
    const order = processing();
    react(order, dispatched('s-1', ['TEA', 3], ['CUP', 1]));
    react(order, { type: 'ShipmentException', shipmentId: 's-1', kind: 'failed-attempt', at: NOW.toISOString() });
    expect(order.shipments[0]).toMatchObject({ status: 'EXCEPTION', exception: { kind: 'failed-attempt' } });
    react(order, delivered('s-1'));
    expect(order.status).toBe('DELIVERED');
  });
});

describe('order saga: delivery exceptions', () => {
  const shippedThenLost = (overrides: Partial<PlaceOrderCommand> = {}) => {
    const order = given(
      overrides,
      reserved('r-1', 'sh', ['TEA', 3], ['CUP', 1]),
      dispatched('s-1', ['TEA', 3], ['CUP', 1]),
    );
    react(order, { type: 'ShipmentException', shipmentId: 's-1', kind: 'lost', at: NOW.toISOString() });
    return order;
  };

  it('offers reship and contact for an unpaid (cash on delivery) order, and refund as well once paid', () => {
    const cod = shippedThenLost();
    expect(cod.resolutionsFor(cod.shipments[0]!)).toEqual(['reship', 'contact-customer']);
    const prepaid = shippedThenLost({ paymentMethod: 'prepaid' });
    expect(prepaid.resolutionsFor(prepaid.shipments[0]!)).toEqual(['reship', 'refund', 'contact-customer']);
    expect(cod.status).toBe('SHIPPED');
  });

  it('a lost parcel reshipped: the lines are sent again as a reship and the order is DELIVERED when it arrives', () => {
    const order = shippedThenLost();
    const { reship } = order.resolveDeliveryException('s-1', 'reship', 'c-1', undefined, NOW, 'rs-1');
    expect(reship).toMatchObject({ reshipId: 'rs-1', reason: 'lost', status: 'REQUESTED' });
    expect(order.status).toBe('SHIPPED');

    expect(react(order, { type: 'StockBackordered', lines: [{ sku: 'TEA', quantity: 3 }], reshipId: 'rs-1' })).toEqual(
      [],
    );
    expect(order.reships[0]!.status).toBe('WAITING');
    expect(
      react(order, {
        type: 'StockReserved',
        reservationId: 'r-9',
        reshipId: 'rs-1',
        allocations: [{ warehouseId: 'bj', lines: [{ sku: 'TEA', quantity: 3 }] }],
      }),
    ).toEqual([
      {
        type: 'RequestFulfillment',
        purpose: 'reship',
        reshipId: 'rs-1',
        allocation: { reservationId: 'r-9', warehouseId: 'bj', lines: [{ sku: 'TEA', quantity: 3 }] },
      },
    ]);
    react(order, {
      type: 'ShipmentDispatched',
      shipment: {
        shipmentId: 's-2',
        carrier: 'ems',
        trackingNumber: 'E1',
        dispatchedAt: NOW.toISOString(),
        purpose: 'reship',
        reshipId: 'rs-1',
        lines: [{ sku: 'TEA', quantity: 3 }],
      },
    });
    // The order's own quantities are untouched by the replacement.
    expect(quantities(order)[0]).toEqual({ sku: 'TEA', reserved: 0, backordered: 0, shipped: 3 });
    expect(order.status).toBe('SHIPPED');
    react(order, delivered('s-2'));
    expect(order.status).toBe('DELIVERED');
  });

  it('a refund settles the shipment for the value of its lines; refused when nothing was paid', () => {
    const prepaid = shippedThenLost({ paymentMethod: 'prepaid' });
    const { refund } = prepaid.resolveDeliveryException('s-1', 'refund', 'staff-1', 'goodwill', NOW);
    expect(refund).toEqual({
      amount: 350,
      lines: [
        { sku: 'TEA', quantity: 3 },
        { sku: 'CUP', quantity: 1 },
      ],
    });
    expect(prepaid.status).toBe('DELIVERED');
    const cod = shippedThenLost();
    expect(() => cod.resolveDeliveryException('s-1', 'refund', 'staff-1', undefined, NOW)).toThrow(/not offered/);
  });

  it('refuses to resolve a shipment that is not in trouble', () => {
    const order = shippedThenLost();
    order.resolveDeliveryException('s-1', 'contact-customer', 'staff-1', undefined, NOW);
    expect(() => order.resolveDeliveryException('s-1', 'reship', 'staff-1', undefined, NOW)).toThrow(/RESOLVED/);
    expect(() => order.resolveDeliveryException('s-x', 'reship', 'staff-1', undefined, NOW)).toThrow(/not a shipment/);
  });
});

describe('order saga: dropped units served in the meantime', () => {
  it('a reservation from the queue for units the customer just dropped fulfils only what is still ordered', () => {
    const order = given({}, reserved('r-1', 'sh', ['TEA', 2]), {
      type: 'StockBackordered',
      lines: [
        { sku: 'TEA', quantity: 1 },
        { sku: 'CUP', quantity: 1 },
      ],
    });
    order.chooseForBackorder('drop-waiting', 'customer dropped them', NOW);
    // Inventory served the queue before it heard of the drop: it releases those units when it does.
    expect(react(order, reserved('r-2', 'bj', ['TEA', 1], ['CUP', 1]))).toEqual([]);
    expect(quantities(order)).toEqual([
      { sku: 'TEA', reserved: 2, backordered: 0, shipped: 0 },
      { sku: 'CUP', reserved: 0, backordered: 0, shipped: 0 },
    ]);
  });
});
