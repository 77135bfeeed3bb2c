import { randomUUID } from 'node:crypto';
import { signWebhook } from '@oms/platform';
import { startSmsReceiver, startSmtpCapture, waitFor } from '@oms/platform/testing';
import { api, System } from './harness/system';

/**
 * The whole way of an order across the six services, each a separate process, driven only through their
 * public APIs (and the signed webhooks of a payment provider and a carrier): a web order, a staff-keyed
 * order held for review and approved, and a prepaid order that waits for its payment, each to DELIVERED,
 * with stock, the order's timeline and the messages the customer received checked on the way.
 */
const CARRIER_SECRET = 'e2e-carrier-webhook-secret';
const PAYMENT_SECRET = 'e2e-payment-webhook-secret';
const STAFF_EMAIL = 'stock-team@e2e.example';

interface OrderView {
  id: string;
  status: string;
  totals: { total: number };
  payment: { status: string };
  items: Array<{ sku: string; quantity: number; reserved: number; shipped: number }>;
  shipments: Array<{ status: string; trackingNumber: string }>;
}

describe('the order lifecycle across all six services as separate processes', () => {
  let system: System;
  let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
  let sms: Awaited<ReturnType<typeof startSmsReceiver>>;

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    sms = await startSmsReceiver();
    system = await System.start(['order', 'inventory', 'fulfillment', 'shipping', 'aftersales', 'notification'], {
      CARRIER_WEBHOOK_SECRET: CARRIER_SECRET,
      PAYMENT_WEBHOOK_SECRET: PAYMENT_SECRET,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      SMS_PROVIDER_URL: sms.url,
      STAFF_EMAIL,
      NOTIFICATION_POLL_INTERVAL_MS: '200',
      FOLLOW_UP_DELAY_HOURS: '0',
      FOLLOW_UP_POLL_INTERVAL_MS: '200',
      LOW_STOCK_THRESHOLD: '2',
    });
    const inventory = system.url('inventory');
    for (const [id, name, priority] of [
      ['sh-1', 'Shanghai DC', 1],
      ['hz-1', 'Hangzhou DC', 2],
    ] as const) {
      expect((await api(inventory, 'PUT', `/v1/warehouses/${id}`, { name, priority })).status).toBe(200);
    }
    for (const [sku, warehouse, onHand] of [
      ['E2E-DAHONGPAO', 'sh-1', 1],
      ['E2E-DAHONGPAO', 'hz-1', 10],
      ['E2E-GAIWAN', 'hz-1', 3],
      ['E2E-LONGJING', 'sh-1', 20],
    ] as const) {
      expect((await api(inventory, 'PUT', `/v1/stock/${sku}/${warehouse}`, { onHand })).status).toBe(200);
    }
  }, 180_000);

  afterAll(async () => {
    await system?.stop();
    await smtp?.close();
    await sms?.close();
  });

  const order = (id: string) => api<OrderView>(system.url('order'), 'GET', `/v1/orders/${id}`);
  const waitForStatus = (id: string, status: string, timeoutMs = 45_000) =>
    waitFor(async () => ((await order(id)).body.status === status ? (await order(id)).body : undefined), {
      timeoutMs,
      what: `order ${id} ${status}`,
    });
  const address = {
    name: 'Gao Yan',
    phone: '+8613500000000',
    line1: '18 Yan An Rd',
    city: 'Hangzhou',
    region: 'Zhejiang',
    postalCode: '310000',
    country: 'CN',
  };

  /** The warehouse picks and packs every pick list, shipping dispatches, the carrier reports delivery. */
  async function pickPackShipDeliver(orderId: string): Promise<string[]> {
    const fulfillment = system.url('fulfillment');
    const shipping = system.url('shipping');
    const pickLists = await waitFor(
      async () => {
        const page = await api<{ items: Array<{ id: string; lines: Array<{ sku: string; quantity: number }> }> }>(
          fulfillment,
          'GET',
          `/v1/pick-lists?orderId=${orderId}`,
        );
        return page.body.items.length > 0 ? page.body.items : undefined;
      },
      { timeoutMs: 45_000, what: 'the pick lists' },
    );
    for (const pickList of pickLists) {
      const lines = pickList.lines.map(({ sku, quantity }) => ({ sku, quantity }));
      expect((await api(fulfillment, 'POST', `/v1/pick-lists/${pickList.id}/pick`, { lines })).status).toBe(200);
      const packed = await api(fulfillment, 'POST', `/v1/pick-lists/${pickList.id}/pack`, {
        packages: [{ weightGrams: 900, lines }],
      });
      expect(packed.status).toBe(200);
    }
    const shipments = await waitFor(
      async () => {
        const page = await api<{ items: Array<{ id: string }> }>(shipping, 'GET', `/v1/shipments?orderId=${orderId}`);
        return page.body.items.length === pickLists.length ? page.body.items : undefined;
      },
      { timeoutMs: 30_000, what: 'the shipments' },
    );
    const trackingNumbers: string[] = [];
    for (const shipment of shipments) {
      const dispatched = await api<{ carrier: string; trackingNumber: string }>(
        shipping,
        'POST',
        `/v1/shipments/${shipment.id}/dispatch`,
        {},
      );
      expect(dispatched.status).toBe(200);
      trackingNumbers.push(dispatched.body.trackingNumber);
      const report = JSON.stringify({
        trackingNumber: dispatched.body.trackingNumber,
        status: 'delivered',
        at: new Date().toISOString(),
      });
      const webhook = await fetch(`${shipping}/v1/carriers/${dispatched.body.carrier}/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-signature': signWebhook(report, CARRIER_SECRET) },
        body: report,
      });
      expect(webhook.status).toBe(200);
    }
    return trackingNumbers;
  }

  /** Waits until the order's messages with these templates are SENT over each channel, and returns the log. */
  async function messagesOf(orderId: string, templates: string[], channels: string[] = ['email']) {
    return waitFor(
      async () => {
        const log = await api<{
          items: Array<{ template: string; channel: string; status: string; recipient: string }>;
        }>(system.url('notification'), 'GET', `/v1/notifications?orderId=${orderId}&limit=100`);
        const sent = log.body.items.filter((n) => n.status === 'SENT');
        const done = templates.every((t) =>
          channels.every((c) => sent.some((n) => n.template === t && n.channel === c)),
        );
        return done ? log.body.items : undefined;
      },
      { timeoutMs: 45_000, what: `messages ${templates.join(', ')} for ${orderId}` },
    );
  }

  const timelineOf = async (orderId: string) =>
    (
      await api<{ items: Array<{ type: string; detail: { to?: string } }> }>(
        system.url('order'),
        'GET',
        `/v1/orders/${orderId}/timeline`,
      )
    ).body.items;

  it('a web order is reserved where everything is, picked, packed, shipped, delivered and followed up', async () => {
    const inventory = system.url('inventory');
    const placed = await api<{ id: string }>(system.url('order'), 'POST', '/v1/orders', {
      customerId: `web-${randomUUID()}`,
      channel: 'web',
      currency: 'CNY',
      items: [
        { sku: 'E2E-DAHONGPAO', quantity: 2, unitPrice: 12800 },
        { sku: 'E2E-GAIWAN', quantity: 1, unitPrice: 6600 },
      ],
      shippingAddress: address,
      contact: { email: 'gao@example.com', locale: 'zh-CN' },
      payment: { method: 'cod' },
    });
    expect(placed.status).toBe(201);
    const orderId = placed.body.id;

    const processing = await waitForStatus(orderId, 'PROCESSING');
    expect(processing.items.map((l) => [l.sku, l.reserved])).toEqual([
      ['E2E-DAHONGPAO', 2],
      ['E2E-GAIWAN', 1],
    ]);
    // sh-1 is preferred but cannot give everything; hz-1 can, so the order goes out in one parcel from there.
    const reservations = await api<{ items: Array<{ lines: Array<{ warehouseId: string }> }> }>(
      inventory,
      'GET',
      `/v1/reservations?orderId=${orderId}`,
    );
    expect(new Set(reservations.body.items[0]!.lines.map((l) => l.warehouseId))).toEqual(new Set(['hz-1']));

    const [trackingNumber] = await pickPackShipDeliver(orderId);
    const delivered = await waitForStatus(orderId, 'DELIVERED');
    expect(delivered.items.map((l) => [l.sku, l.shipped, l.reserved])).toEqual([
      ['E2E-DAHONGPAO', 2, 0],
      ['E2E-GAIWAN', 1, 0],
    ]);
    expect(delivered.shipments).toEqual([expect.objectContaining({ status: 'DELIVERED', trackingNumber })]);

    // What shipped left on-hand; the GAIWAN reservation took available to the threshold and staff were told.
    const dahongpao = await waitFor(
      async () => {
        const stock = await api<{ onHand: number; reserved: number }>(inventory, 'GET', '/v1/stock/E2E-DAHONGPAO');
        return stock.body.onHand === 9 ? stock.body : undefined;
      },
      { what: 'DAHONGPAO off on-hand' },
    );
    expect(dahongpao).toMatchObject({ onHand: 9, reserved: 0, available: 9 });
    expect((await api(inventory, 'GET', '/v1/stock/E2E-GAIWAN')).body).toMatchObject({ onHand: 2, reserved: 0 });
    const staffAlert = await waitFor(
      () => smtp.mails.find((m) => m.to.includes(STAFF_EMAIL) && m.subject.includes('E2E-GAIWAN')),
      {
        what: 'the low-stock alert to staff',
      },
    );
    expect(staffAlert.subject).toBe('Low stock: E2E-GAIWAN at hz-1');

    const timeline = await timelineOf(orderId);
    const types = timeline.map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'StockReserved',
        'PickListCreated',
        'OrderPicked',
        'OrderPacked',
        'ShipmentCreated',
        'ShipmentDispatched',
        'ShipmentDelivered',
      ]),
    );
    expect(timeline.filter((e) => e.detail.to).map((e) => e.detail.to)).toEqual([
      'PLACED',
      'CONFIRMED',
      'PROCESSING',
      'SHIPPED',
      'DELIVERED',
    ]);

    // The customer heard of each step in Chinese, by e-mail (the default channel), including the feedback request.
    await messagesOf(orderId, [
      'order-received',
      'order-confirmed',
      'shipment-dispatched',
      'shipment-delivered',
      'feedback-request',
    ]);
    const mails = smtp.mails.filter((m) => m.to.includes('gao@example.com'));
    const number = orderId.slice(0, 8).toUpperCase();
    expect(mails.map((m) => m.subject)).toEqual(
      expect.arrayContaining([
        `我们已收到您的订单 ${number}`,
        `您的订单 ${number} 已确认`,
        `订单 ${number} 已发货`,
        `订单 ${number} 已送达`,
        `订单 ${number} 还满意吗？`,
      ]),
    );
    expect(mails.find((m) => m.subject.includes('已发货'))!.text).toContain(trackingNumber!);
    expect(mails.find((m) => m.subject.startsWith('我们已收到'))!.text).toContain('¥322.00');
  });

  it('a phone order keyed by staff waits for review, is approved and goes all the way, with SMS in zh-TW', async () => {
    const customerId = `phone-${randomUUID()}`;
    const phone = `+8869${Math.floor(10_000_000 + Math.random() * 89_999_999)}`;
    const preferences = await api(system.url('notification'), 'PUT', `/v1/preferences/${customerId}`, {
      email: true,
      sms: true,
      locale: 'zh-TW',
    });
    expect(preferences.status).toBe(200);
    const placed = await api<{ id: string; placedBy: string }>(system.url('order'), 'POST', '/v1/orders', {
      customerId,
      channel: 'phone',
      placedBy: 'agent-42',
      currency: 'CNY',
      items: [{ sku: 'E2E-LONGJING', quantity: 3, unitPrice: 6800 }],
      shippingAddress: address,
      contact: { email: 'lin@example.tw', phone },
      payment: { method: 'cod' },
    });
    expect(placed.status).toBe(201);
    expect(placed.body.placedBy).toBe('agent-42');
    const orderId = placed.body.id;

    await waitForStatus(orderId, 'PENDING_REVIEW');
    // Nothing is reserved while the order waits for a person.
    expect((await api(system.url('inventory'), 'GET', '/v1/stock/E2E-LONGJING')).body).toMatchObject({ reserved: 0 });
    const approved = await api(system.url('order'), 'POST', `/v1/orders/${orderId}/approve`, {
      approvedBy: 'supervisor-7',
      note: 'called the customer back',
    });
    expect(approved.status).toBe(200);
    await waitForStatus(orderId, 'PROCESSING');
    await pickPackShipDeliver(orderId);
    await waitForStatus(orderId, 'DELIVERED');

    const transitions = (await timelineOf(orderId)).filter((e) => e.detail.to).map((e) => e.detail.to);
    expect(transitions).toEqual(['PLACED', 'PENDING_REVIEW', 'CONFIRMED', 'PROCESSING', 'SHIPPED', 'DELIVERED']);
    expect(await api(system.url('inventory'), 'GET', '/v1/stock/E2E-LONGJING')).toMatchObject({
      body: { onHand: 17, reserved: 0, available: 17 },
    });
    // Both channels the customer chose, for each step: SMS and e-mail are sent independently.
    const log = await messagesOf(
      orderId,
      ['order-received', 'order-confirmed', 'shipment-dispatched', 'shipment-delivered'],
      ['email', 'sms'],
    );
    expect(log.filter((n) => n.channel === 'sms' && n.status === 'SENT').length).toBeGreaterThanOrEqual(4);
    const texts = sms.received.filter((m) => m.to === phone).map((m) => m.text);
    const number = orderId.slice(0, 8).toUpperCase();
    expect(texts).toEqual(expect.arrayContaining([`訂單${number}已收到，合計CN¥204.00。`, `訂單${number}已確認。`]));
    expect(smtp.mails.filter((m) => m.to.includes('lin@example.tw')).map((m) => m.subject)).toEqual(
      expect.arrayContaining([`我們已收到您的訂單 ${number}`, `訂單 ${number} 已送達`]),
    );
  });

  it('a prepaid app order waits for its payment, confirmed by the signed provider webhook, then goes all the way', async () => {
    const placed = await api<{ id: string; totals: { total: number } }>(system.url('order'), 'POST', '/v1/orders', {
      customerId: `app-${randomUUID()}`,
      channel: 'app',
      currency: 'CNY',
      items: [{ sku: 'E2E-LONGJING', quantity: 1, unitPrice: 6800 }],
      shippingAddress: address,
      contact: { email: 'alex@example.com', locale: 'en' },
      payment: { method: 'prepaid' },
    });
    expect(placed.status).toBe(201);
    const orderId = placed.body.id;
    await waitForStatus(orderId, 'AWAITING_PAYMENT');
    await messagesOf(orderId, ['payment-required']);
    const number = orderId.slice(0, 8).toUpperCase();
    const reminder = smtp.mails.find((m) => m.subject === `Payment needed for order ${number}`);
    expect(reminder!.text).toContain('CN¥68.00');

    const notice = JSON.stringify({
      orderId,
      amount: placed.body.totals.total,
      reference: 'ALI-2026-77',
      provider: 'alipay',
    });
    const deliver = (signature: string) =>
      fetch(`${system.url('order')}/v1/payments/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-signature': signature },
        body: notice,
      });
    expect((await deliver(signWebhook(notice, 'not-the-secret'))).status).toBe(401);
    expect((await order(orderId)).body.status).toBe('AWAITING_PAYMENT');
    const signature = signWebhook(notice, PAYMENT_SECRET);
    expect((await deliver(signature)).status).toBe(200);
    // The provider sending the same delivery again is told it was taken already.
    const replayed = await deliver(signature);
    expect(replayed.status).toBe(200);
    expect(await replayed.json()).toMatchObject({ duplicate: true });

    await waitForStatus(orderId, 'PROCESSING');
    await pickPackShipDeliver(orderId);
    const delivered = await waitForStatus(orderId, 'DELIVERED');
    expect(delivered.payment.status).toBe('PAID');
    const transitions = (await timelineOf(orderId)).filter((e) => e.detail.to).map((e) => e.detail.to);
    expect(transitions).toEqual(['PLACED', 'AWAITING_PAYMENT', 'CONFIRMED', 'PROCESSING', 'SHIPPED', 'DELIVERED']);
    await messagesOf(orderId, [
      'order-received',
      'payment-required',
      'order-confirmed',
      'shipment-dispatched',
      'shipment-delivered',
    ]);
  });
});
