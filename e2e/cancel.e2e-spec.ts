import { randomUUID } from 'node:crypto';
import { startSmtpCapture, waitFor } from '@oms/platform/testing';
import { api, System } from './harness/system';

/**
 * Cancel with compensation across processes: an order cancelled after packing is CANCELLED at once, and the
 * other services undo what they hold (fulfillment cancels the pick list, shipping voids the shipment,
 * inventory releases the stock and gives it to an order waiting for it), each step in the timeline. After
 * dispatch the answer is 409 and points to a return.
 */
interface OrderView {
  status: string;
  items: Array<{ sku: string; quantity: number; reserved: number; cancelled: number }>;
}

describe('cancel: the saga undoes stock, pick list and shipment; refused after dispatch', () => {
  let system: System;
  let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    system = await System.start(['order', 'inventory', 'fulfillment', 'shipping', 'notification'], {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      NOTIFICATION_POLL_INTERVAL_MS: '200',
    });
    const inventory = system.url('inventory');
    expect((await api(inventory, 'PUT', '/v1/warehouses/sh-1', { name: 'Shanghai DC', priority: 1 })).status).toBe(200);
    expect((await api(inventory, 'PUT', '/v1/stock/E2E-TIEGUANYIN/sh-1', { onHand: 1 })).status).toBe(200);
    expect((await api(inventory, 'PUT', '/v1/stock/E2E-PUER/sh-1', { onHand: 5 })).status).toBe(200);
  }, 180_000);

  afterAll(async () => {
    await system?.stop();
    await smtp?.close();
  });

  const order = async (id: string) => (await api<OrderView>(system.url('order'), 'GET', `/v1/orders/${id}`)).body;
  const waitForStatus = (id: string, status: string) =>
    waitFor(async () => ((await order(id)).status === status ? order(id) : undefined), {
      timeoutMs: 45_000,
      what: `${id} ${status}`,
    });
  const place = async (sku: string, quantity: number, email: string) => {
    const placed = await api<{ id: string }>(system.url('order'), 'POST', '/v1/orders', {
      customerId: `cancel-${randomUUID()}`,
      channel: 'web',
      currency: 'CNY',
      items: [{ sku, quantity, unitPrice: 15800 }],
      shippingAddress: {
        name: 'He Ping',
        phone: '+8613600000000',
        line1: '9 Huaihai Rd',
        city: 'Shanghai',
        region: 'Shanghai',
        postalCode: '200020',
        country: 'CN',
      },
      contact: { email, locale: 'en' },
      payment: { method: 'cod' },
    });
    expect(placed.status).toBe(201);
    return placed.body.id;
  };
  const pickAndPack = async (orderId: string) => {
    const fulfillment = system.url('fulfillment');
    const [list] = await waitFor(
      async () => {
        const page = await api<{ items: Array<{ id: string; lines: Array<{ sku: string; quantity: number }> }> }>(
          fulfillment,
          'GET',
          `/v1/pick-lists?orderId=${orderId}`,
        );
        return page.body.items.length ? page.body.items : undefined;
      },
      { timeoutMs: 30_000, what: 'the pick list' },
    );
    const lines = list!.lines.map(({ sku, quantity }) => ({ sku, quantity }));
    expect((await api(fulfillment, 'POST', `/v1/pick-lists/${list!.id}/pick`, { lines })).status).toBe(200);
    const packed = await api(fulfillment, 'POST', `/v1/pick-lists/${list!.id}/pack`, {
      packages: [{ weightGrams: 700, lines }],
    });
    expect(packed.status).toBe(200);
    const [shipment] = await waitFor(
      async () => {
        const page = await api<{ items: Array<{ id: string; status: string }> }>(
          system.url('shipping'),
          'GET',
          `/v1/shipments?orderId=${orderId}`,
        );
        return page.body.items.length ? page.body.items : undefined;
      },
      { timeoutMs: 30_000, what: 'the shipment' },
    );
    return { pickListId: list!.id, shipmentId: shipment!.id };
  };

  it('a packed order cancelled by its customer: pick list cancelled, shipment voided, stock to the order waiting for it', async () => {
    const cancelled = await place('E2E-TIEGUANYIN', 1, 'he@example.com');
    await waitForStatus(cancelled, 'PROCESSING');
    const waiting = await place('E2E-TIEGUANYIN', 1, 'wu@example.com');
    await waitForStatus(waiting, 'BACKORDERED');
    const { pickListId, shipmentId } = await pickAndPack(cancelled);

    const answer = await api<OrderView>(system.url('order'), 'POST', `/v1/orders/${cancelled}/cancel`, {
      reason: 'found a better price',
    });
    expect(answer.status).toBe(200);
    expect(answer.body.status).toBe('CANCELLED');
    expect(answer.body.items[0]).toMatchObject({ quantity: 1, reserved: 0, cancelled: 1 });

    // Each service undoes its part; the order's timeline shows every step.
    const timeline = await waitFor(
      async () => {
        const got = await api<{ items: Array<{ type: string }> }>(
          system.url('order'),
          'GET',
          `/v1/orders/${cancelled}/timeline`,
        );
        const types = got.body.items.map((e) => e.type);
        return ['StockReleased', 'PickListCancelled', 'ShipmentVoided'].every((t) => types.includes(t))
          ? types
          : undefined;
      },
      { timeoutMs: 30_000, what: 'the compensations in the timeline' },
    );
    expect(timeline).toEqual(expect.arrayContaining(['PickListCreated', 'OrderPacked', 'ShipmentCreated']));
    expect(
      (await api<{ status: string }>(system.url('fulfillment'), 'GET', `/v1/pick-lists/${pickListId}`)).body.status,
    ).toBe('CANCELLED');
    expect(
      (await api<{ status: string }>(system.url('shipping'), 'GET', `/v1/shipments/${shipmentId}`)).body.status,
    ).toBe('VOIDED');
    const dispatch = await api(system.url('shipping'), 'POST', `/v1/shipments/${shipmentId}/dispatch`, {});
    expect(dispatch.status).toBe(409);
    const reservations = await api<{ items: Array<{ status: string }> }>(
      system.url('inventory'),
      'GET',
      `/v1/reservations?orderId=${cancelled}`,
    );
    expect(reservations.body.items.map((r) => r.status)).toEqual(['RELEASED']);

    // The released unit went to the order that was waiting for it.
    await waitForStatus(waiting, 'PROCESSING');
    expect((await api(system.url('inventory'), 'GET', '/v1/stock/E2E-TIEGUANYIN')).body).toMatchObject({
      onHand: 1,
      reserved: 1,
      backordered: 0,
    });
    const number = cancelled.slice(0, 8).toUpperCase();
    await waitFor(() => smtp.mails.find((m) => m.subject === `Order ${number} is cancelled`), {
      what: 'the cancellation e-mail',
    });
  });

  it('a cancel that arrives while the reservation is in flight ends with nothing held', async () => {
    const orderId = await place('E2E-PUER', 1, 'fast@example.com');
    // Cancel the moment the order is confirmed: inventory may or may not have reserved it yet.
    await waitFor(async () => ['CONFIRMED', 'PROCESSING'].includes((await order(orderId)).status), {
      intervalMs: 10,
      what: 'confirmation',
    });
    const answer = await api<OrderView>(system.url('order'), 'POST', `/v1/orders/${orderId}/cancel`, {
      reason: 'clicked twice',
    });
    expect(answer.status).toBe(200);
    const released = await waitFor(
      async () => {
        const page = await api<{ items: Array<{ status: string }> }>(
          system.url('inventory'),
          'GET',
          `/v1/reservations?orderId=${orderId}`,
        );
        return page.body.items.length > 0 && page.body.items.every((r) => r.status === 'RELEASED')
          ? page.body.items
          : undefined;
      },
      { timeoutMs: 30_000, what: 'the reservation released' },
    );
    expect(released).toHaveLength(1);
    // Nothing of PUER is held for it; a StockReserved that arrived after the cancel changed nothing.
    expect((await api(system.url('inventory'), 'GET', '/v1/stock/E2E-PUER')).body).toMatchObject({
      reserved: 0,
      onHand: 5,
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await order(orderId)).toMatchObject({ status: 'CANCELLED', items: [{ reserved: 0, cancelled: 1 }] });
    // If the reservation came first, a pick list was made from it, and it is cancelled too.
    const lists = await waitFor(
      async () => {
        const page = await api<{ items: Array<{ status: string }> }>(
          system.url('fulfillment'),
          'GET',
          `/v1/pick-lists?orderId=${orderId}`,
        );
        return page.body.items.every((l) => l.status === 'CANCELLED') ? page.body.items : undefined;
      },
      { what: 'no live pick list' },
    );
    expect(lists.length).toBeLessThanOrEqual(1);
  });

  it('refuses to cancel after dispatch and points to a return', async () => {
    const orderId = await place('E2E-PUER', 2, 'lo@example.com');
    await waitForStatus(orderId, 'PROCESSING');
    const { shipmentId } = await pickAndPack(orderId);
    expect((await api(system.url('shipping'), 'POST', `/v1/shipments/${shipmentId}/dispatch`, {})).status).toBe(200);
    await waitForStatus(orderId, 'SHIPPED');
    const refused = await api<{ currentState: string; detail: string }>(
      system.url('order'),
      'POST',
      `/v1/orders/${orderId}/cancel`,
      { reason: 'too late' },
    );
    expect(refused.status).toBe(409);
    expect(refused.body.currentState).toBe('SHIPPED');
    expect(refused.body.detail).toContain('return');
    expect((await order(orderId)).status).toBe('SHIPPED');
  });
});
