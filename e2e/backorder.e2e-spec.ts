import { randomUUID } from 'node:crypto';
import { startSmtpCapture, waitFor } from '@oms/platform/testing';
import { api, System } from './harness/system';

/**
 * Backorders across processes: orders that find no stock wait in inventory's queue (the customer is told of
 * the delay, ops are asked to replenish), and goods received serve them first come, first served, in part
 * where there is not enough, each served part going on to its own pick list.
 */
const STAFF_EMAIL = 'buyers@e2e.example';

interface OrderView {
  status: string;
  items: Array<{ sku: string; quantity: number; reserved: number; backordered: number; promisedBy: string | null }>;
}

describe('backorder: waiting orders are served in order of arrival when stock comes', () => {
  let system: System;
  let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    system = await System.start(['order', 'inventory', 'fulfillment', 'notification'], {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      STAFF_EMAIL,
      NOTIFICATION_POLL_INTERVAL_MS: '200',
    });
    const inventory = system.url('inventory');
    expect((await api(inventory, 'PUT', '/v1/warehouses/sh-1', { name: 'Shanghai DC', priority: 1 })).status).toBe(200);
    expect((await api(inventory, 'PUT', '/v1/stock/E2E-BAOZHONG/sh-1', { onHand: 1 })).status).toBe(200);
  }, 180_000);

  afterAll(async () => {
    await system?.stop();
    await smtp?.close();
  });

  const order = async (id: string) => (await api<OrderView>(system.url('order'), 'GET', `/v1/orders/${id}`)).body;
  const waitForOrder = (id: string, what: string, check: (o: OrderView) => boolean) =>
    waitFor(
      async () => {
        const got = await order(id);
        return check(got) ? got : undefined;
      },
      { timeoutMs: 45_000, what: `${what} (${id})` },
    );
  const place = async (quantity: number, sku = 'E2E-BAOZHONG') => {
    const placed = await api<{ id: string }>(system.url('order'), 'POST', '/v1/orders', {
      customerId: `wait-${randomUUID()}`,
      channel: 'web',
      currency: 'CNY',
      items: [{ sku, quantity, unitPrice: 9900 }],
      shippingAddress: {
        name: 'Xu Ming',
        phone: '+8613700000000',
        line1: '5 Xinhua Rd',
        city: 'Shanghai',
        region: 'Shanghai',
        postalCode: '200000',
        country: 'CN',
      },
      contact: { email: `xu-${quantity}-${randomUUID().slice(0, 6)}@example.com`, locale: 'en' },
      payment: { method: 'cod' },
    });
    expect(placed.status).toBe(201);
    return placed.body.id;
  };
  const pickListsOf = async (orderId: string) =>
    (
      await api<{ items: Array<{ lines: Array<{ quantity: number }> }> }>(
        system.url('fulfillment'),
        'GET',
        `/v1/pick-lists?orderId=${orderId}`,
      )
    ).body.items;

  it('the first order gets the last unit; later ones wait, are told, and are served in order, in part', async () => {
    const first = await place(1);
    await waitForOrder(first, 'PROCESSING', (o) => o.status === 'PROCESSING');
    const second = await place(1);
    await waitForOrder(second, 'BACKORDERED', (o) => o.status === 'BACKORDERED');
    const third = await place(2);
    const waiting = await waitForOrder(third, 'BACKORDERED', (o) => o.status === 'BACKORDERED');
    expect(waiting.items[0]).toMatchObject({ quantity: 2, reserved: 0, backordered: 2 });
    expect((await api(system.url('inventory'), 'GET', '/v1/stock/E2E-BAOZHONG')).body).toMatchObject({
      onHand: 1,
      reserved: 1,
      backordered: 3,
    });

    // The customers waiting are told; buyers are asked to replenish.
    for (const orderId of [second, third]) {
      const number = orderId.slice(0, 8).toUpperCase();
      await waitFor(() => smtp.mails.find((m) => m.subject === `Part of order ${number} is delayed`), {
        what: `the delay notice of ${number}`,
      });
    }
    const requests = await waitFor(
      () => {
        const found = smtp.mails.filter(
          (m) => m.to.includes(STAFF_EMAIL) && m.subject.startsWith('Replenish E2E-BAOZHONG'),
        );
        return found.length === 2 ? found : undefined;
      },
      { what: 'two replenishment requests' },
    );
    expect(requests.map((m) => m.subject).sort()).toEqual([
      'Replenish E2E-BAOZHONG: 1 waiting',
      'Replenish E2E-BAOZHONG: 3 waiting',
    ]);

    // Two units arrive: the second order in full, the third in part; what is reserved ships now.
    const received = await api(system.url('inventory'), 'POST', '/v1/stock/E2E-BAOZHONG/sh-1/replenishments', {
      quantity: 2,
      reference: 'PO-E2E-1',
    });
    expect(received.status).toBe(200);
    await waitForOrder(second, 'second PROCESSING', (o) => o.status === 'PROCESSING' && o.items[0]!.reserved === 1);
    const partly = await waitForOrder(third, 'third partly reserved', (o) => o.items[0]!.reserved === 1);
    expect(partly).toMatchObject({ status: 'PROCESSING', items: [{ reserved: 1, backordered: 1 }] });
    await waitFor(async () => (await pickListsOf(third)).length === 1, {
      what: 'the first pick list of the third order',
    });
    const [secondReservation] = (
      await api<{ items: Array<{ createdAt: string }> }>(
        system.url('inventory'),
        'GET',
        `/v1/reservations?orderId=${second}`,
      )
    ).body.items;
    const [thirdReservation] = (
      await api<{ items: Array<{ createdAt: string }> }>(
        system.url('inventory'),
        'GET',
        `/v1/reservations?orderId=${third}`,
      )
    ).body.items;
    expect(Date.parse(secondReservation!.createdAt)).toBeLessThanOrEqual(Date.parse(thirdReservation!.createdAt));

    // The rest arrives: the third order is whole; its second part joins the first part's pick list, not yet
    // picked (one pick, one parcel).
    await api(system.url('inventory'), 'POST', '/v1/stock/E2E-BAOZHONG/sh-1/replenishments', { quantity: 1 });
    await waitForOrder(
      third,
      'third wholly reserved',
      (o) => o.items[0]!.reserved === 2 && o.items[0]!.backordered === 0,
    );
    const lists = await waitFor(
      async () => {
        const found = await pickListsOf(third);
        return found.length === 1 && found[0]!.lines[0]!.quantity === 2 ? found : undefined;
      },
      { what: "the second part on the third order's pick list" },
    );
    expect(lists.map((l) => l.lines[0]!.quantity)).toEqual([2]);
    expect((await pickListsOf(second)).map((l) => l.lines[0]!.quantity)).toEqual([1]);
    expect((await api(system.url('inventory'), 'GET', '/v1/stock/E2E-BAOZHONG')).body).toMatchObject({
      onHand: 4,
      reserved: 4,
      available: 0,
      backordered: 0,
    });
  });

  it('a ships-complete order holds what is reserved until every line is, then all of it goes to picking', async () => {
    const inventory = system.url('inventory');
    expect((await api(inventory, 'PUT', '/v1/stock/E2E-CUPSET/sh-1', { onHand: 5 })).status).toBe(200);
    expect((await api(inventory, 'PUT', '/v1/stock/E2E-TRAY/sh-1', { onHand: 0 })).status).toBe(200);
    const placed = await api<{ id: string }>(system.url('order'), 'POST', '/v1/orders', {
      customerId: `complete-${randomUUID()}`,
      channel: 'web',
      currency: 'CNY',
      items: [
        { sku: 'E2E-CUPSET', quantity: 2, unitPrice: 4500 },
        { sku: 'E2E-TRAY', quantity: 1, unitPrice: 8800 },
      ],
      shippingAddress: {
        name: 'Xu Ming',
        phone: '+8613700000000',
        line1: '5 Xinhua Rd',
        city: 'Shanghai',
        region: 'Shanghai',
        postalCode: '200000',
        country: 'CN',
      },
      contact: { email: 'complete@example.com', locale: 'en' },
      payment: { method: 'cod' },
      shipComplete: true,
    });
    expect(placed.status).toBe(201);
    const orderId = placed.body.id;
    const held = await waitForOrder(
      orderId,
      'held BACKORDERED',
      (o) => o.status === 'BACKORDERED' && o.items.some((l) => l.reserved > 0),
    );
    expect(held.items.map((l) => [l.sku, l.reserved, l.backordered])).toEqual([
      ['E2E-CUPSET', 2, 0],
      ['E2E-TRAY', 0, 1],
    ]);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await pickListsOf(orderId)).toEqual([]);

    await api(inventory, 'POST', '/v1/stock/E2E-TRAY/sh-1/replenishments', { quantity: 3 });
    await waitForOrder(orderId, 'PROCESSING', (o) => o.status === 'PROCESSING');
    // Both reservations go to picking at once; at one warehouse they make one pick list (one parcel).
    const lists = await waitFor(
      async () => {
        const found = await pickListsOf(orderId);
        return found.flatMap((l) => l.lines).length === 2 ? found : undefined;
      },
      { what: 'every reservation on a pick list' },
    );
    expect(lists).toHaveLength(1);
    expect(
      lists
        .flatMap((l) =>
          (l as unknown as { lines: Array<{ sku: string; quantity: number }> }).lines.map((x) => [x.sku, x.quantity]),
        )
        .sort(),
    ).toEqual([
      ['E2E-CUPSET', 2],
      ['E2E-TRAY', 1],
    ]);
  });

  it('an announced replenishment gives waiting lines a promise date, and the customer hears it', async () => {
    const inventory = system.url('inventory');
    expect((await api(inventory, 'PUT', '/v1/stock/E2E-SOON/sh-1', { onHand: 0 })).status).toBe(200);
    const orderId = await place(1, 'E2E-SOON');
    await waitForOrder(orderId, 'BACKORDERED', (o) => o.status === 'BACKORDERED');

    const announced = await api<{ ordersTold: number }>(
      inventory,
      'POST',
      '/v1/stock/E2E-SOON/sh-1/expected-receipts',
      {
        quantity: 20,
        expectedAt: '2026-12-15T00:00:00Z',
        reference: 'PO-SOON-1',
      },
    );
    expect(announced.status).toBe(201);
    expect(announced.body.ordersTold).toBe(1);
    const promised = await waitForOrder(orderId, 'a promise date', (o) => o.items[0]!.promisedBy !== null);
    expect(promised.items[0]).toMatchObject({ backordered: 1, promisedBy: '2026-12-15T00:00:00.000Z' });
    const number = orderId.slice(0, 8).toUpperCase();
    await waitFor(
      () =>
        smtp.mails.find(
          (m) => m.subject === `Part of order ${number} is delayed` && m.text.includes('December 15, 2026'),
        ),
      { what: 'the delay notice with the date' },
    );

    // The goods arrive under the purchase order: the order is served and the promise is kept.
    await api(inventory, 'POST', '/v1/stock/E2E-SOON/sh-1/replenishments', { quantity: 20, reference: 'PO-SOON-1' });
    const served = await waitForOrder(orderId, 'PROCESSING', (o) => o.status === 'PROCESSING');
    expect(served.items[0]).toMatchObject({ reserved: 1, backordered: 0, promisedBy: null });
  });
});
