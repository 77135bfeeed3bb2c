import { randomUUID } from 'node:crypto';
import { startSmtpCapture, waitFor } from '@oms/platform/testing';
import { api, System } from './harness/system';

/**
 * What happens to lines that wait for stock: the customer chooses to drop them or to ship what is available
 * now, and the backorder wait limit (a durable timer in the order database) drops what waits too long,
 * cancelling the order when nothing else is left. The customer is told each time.
 */
const WAIT_LIMIT_SECONDS = 6;

interface OrderView {
  status: string;
  shipComplete: boolean;
  items: Array<{ sku: string; quantity: number; reserved: number; backordered: number; cancelled: number }>;
}

describe('backorder choices and the wait limit', () => {
  let system: System;
  let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    system = await System.start(['order', 'inventory', 'fulfillment', 'notification'], {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      NOTIFICATION_POLL_INTERVAL_MS: '200',
      BACKORDER_WAIT_LIMIT_SECONDS: String(WAIT_LIMIT_SECONDS),
      BACKORDER_POLL_INTERVAL_MS: '200',
    });
    const inventory = system.url('inventory');
    expect((await api(inventory, 'PUT', '/v1/warehouses/sh-1', { name: 'Shanghai DC', priority: 1 })).status).toBe(200);
    expect((await api(inventory, 'PUT', '/v1/stock/E2E-KETTLE/sh-1', { onHand: 10 })).status).toBe(200);
    expect((await api(inventory, 'PUT', '/v1/stock/E2E-SCARCE/sh-1', { onHand: 0 })).status).toBe(200);
  }, 180_000);

  afterAll(async () => {
    await system?.stop();
    await smtp?.close();
  });

  const order = async (id: string) => (await api<OrderView>(system.url('order'), 'GET', `/v1/orders/${id}`)).body;
  const waitForOrder = (id: string, what: string, check: (o: OrderView) => boolean, timeoutMs = 30_000) =>
    waitFor(
      async () => {
        const got = await order(id);
        return check(got) ? got : undefined;
      },
      { timeoutMs, what: `${what} (${id})` },
    );
  const place = async (items: Array<{ sku: string; quantity: number }>, email: string, shipComplete = false) => {
    const placed = await api<{ id: string }>(system.url('order'), 'POST', '/v1/orders', {
      customerId: `choice-${randomUUID()}`,
      channel: 'web',
      currency: 'CNY',
      items: items.map((i) => ({ ...i, unitPrice: 3000 })),
      shippingAddress: {
        name: 'Tang Li',
        phone: '+8613900000001',
        line1: '3 Renmin Rd',
        city: 'Suzhou',
        region: 'Jiangsu',
        postalCode: '215000',
        country: 'CN',
      },
      contact: { email, locale: 'en' },
      payment: { method: 'cod' },
      shipComplete,
    });
    expect(placed.status).toBe(201);
    return placed.body.id;
  };
  const choose = (id: string, choice: string) =>
    api<OrderView>(system.url('order'), 'POST', `/v1/orders/${id}/backorder-choice`, { choice, chosenBy: 'customer' });
  const pickListsOf = async (orderId: string) =>
    (
      await api<{ items: Array<{ status: string }> }>(
        system.url('fulfillment'),
        'GET',
        `/v1/pick-lists?orderId=${orderId}`,
      )
    ).body.items;

  it('the customer drops the waiting line: it is cancelled, the rest goes on, and the queue forgets it', async () => {
    const orderId = await place(
      [
        { sku: 'E2E-KETTLE', quantity: 1 },
        { sku: 'E2E-SCARCE', quantity: 2 },
      ],
      'drop@example.com',
    );
    await waitForOrder(
      orderId,
      'partly reserved',
      (o) => o.status === 'PROCESSING' && o.items.some((l) => l.backordered > 0),
    );
    const answer = await choose(orderId, 'drop-waiting');
    expect(answer.status).toBe(200);
    expect(answer.body.status).toBe('PROCESSING');
    expect(answer.body.items.map((l) => [l.sku, l.reserved, l.backordered, l.cancelled])).toEqual([
      ['E2E-KETTLE', 1, 0, 0],
      ['E2E-SCARCE', 0, 0, 2],
    ]);
    await waitFor(
      async () => (await api(system.url('inventory'), 'GET', '/v1/stock/E2E-SCARCE')).body.backordered === 0,
      {
        what: 'the queue to forget the dropped units',
      },
    );
    const number = orderId.slice(0, 8).toUpperCase();
    const mail = await waitFor(() => smtp.mails.find((m) => m.subject === `Part of order ${number} is cancelled`), {
      what: 'the lines-cancelled e-mail',
    });
    expect(mail.text).toContain('E2E-SCARCE × 2');
    expect((await choose(orderId, 'wait')).status).toBe(409);
  });

  it('a ships-complete order ships what is available on request; the wait limit later drops what still waits', async () => {
    const orderId = await place(
      [
        { sku: 'E2E-KETTLE', quantity: 2 },
        { sku: 'E2E-SCARCE', quantity: 1 },
      ],
      'complete@example.com',
      true,
    );
    await waitForOrder(orderId, 'held back', (o) => o.status === 'BACKORDERED' && o.items.some((l) => l.reserved > 0));
    expect(await pickListsOf(orderId)).toEqual([]);
    const answer = await choose(orderId, 'ship-available');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 'PROCESSING', shipComplete: false });
    await waitFor(async () => (await pickListsOf(orderId)).length === 1, {
      what: 'the pick list of what is available',
    });

    // Nobody restocks E2E-SCARCE: after the limit the waiting unit is dropped by policy; the order goes on.
    const after = await waitForOrder(
      orderId,
      'waiting line dropped',
      (o) => o.items.find((l) => l.sku === 'E2E-SCARCE')!.cancelled === 1,
      WAIT_LIMIT_SECONDS * 1000 + 20_000,
    );
    expect(after.status).toBe('PROCESSING');
    const timeline = (
      await api<{ items: Array<{ type: string; detail: { reason?: string } }> }>(
        system.url('order'),
        'GET',
        `/v1/orders/${orderId}/timeline`,
      )
    ).body.items;
    expect(timeline.map((e) => e.type)).toEqual(expect.arrayContaining(['StockReserved', 'StockBackordered']));
  });

  it('the wait limit cancels an order of which nothing could be reserved, and tells the customer', async () => {
    const orderId = await place([{ sku: 'E2E-SCARCE', quantity: 1 }], 'nothing@example.com');
    await waitForOrder(orderId, 'BACKORDERED', (o) => o.status === 'BACKORDERED');
    const cancelled = await waitForOrder(
      orderId,
      'CANCELLED',
      (o) => o.status === 'CANCELLED',
      WAIT_LIMIT_SECONDS * 1000 + 20_000,
    );
    expect(cancelled.items[0]).toMatchObject({ quantity: 1, backordered: 0, cancelled: 1 });
    const number = orderId.slice(0, 8).toUpperCase();
    await waitFor(() => smtp.mails.find((m) => m.subject === `Order ${number} is cancelled`), {
      what: 'the cancellation e-mail',
    });
    expect((await api(system.url('inventory'), 'GET', '/v1/stock/E2E-SCARCE')).body).toMatchObject({ backordered: 0 });
  });
});
