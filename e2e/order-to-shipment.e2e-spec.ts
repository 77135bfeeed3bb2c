import { createHmac } from 'node:crypto';
import { waitFor } from '@oms/platform/testing';
import { api, System } from './harness/system';

/**
 * The saga across processes: an order placed over REST is confirmed, inventory reserves it from the preferred
 * warehouse that can give everything, the saga asks that warehouse to fulfil it, and fulfillment makes the
 * pick list. Only public APIs and Kafka between the services.
 */
const CARRIER_SECRET = 'e2e-carrier-webhook-secret';

describe('order → confirmation → reservation → pick list → pick, pack → shipment → dispatch → delivered, as separate processes', () => {
  let system: System;

  beforeAll(async () => {
    system = await System.start(['order', 'inventory', 'fulfillment', 'shipping'], {
      CARRIER_WEBHOOK_SECRET: CARRIER_SECRET,
    });
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
  });

  it('a web order with stock is reserved at the warehouse that holds everything, picked, packed, shipped and delivered', async () => {
    const inventory = system.url('inventory');
    expect((await api(inventory, 'PUT', '/v1/warehouses/sh-1', { name: 'Shanghai DC', priority: 1 })).status).toBe(200);
    expect((await api(inventory, 'PUT', '/v1/warehouses/hz-1', { name: 'Hangzhou DC', priority: 2 })).status).toBe(200);
    expect((await api(inventory, 'PUT', '/v1/stock/E2E-DAHONGPAO/sh-1', { onHand: 1 })).status).toBe(200);
    expect((await api(inventory, 'PUT', '/v1/stock/E2E-DAHONGPAO/hz-1', { onHand: 10 })).status).toBe(200);
    expect((await api(inventory, 'PUT', '/v1/stock/E2E-GAIWAN/hz-1', { onHand: 3 })).status).toBe(200);

    const placed = await api<{ id: string }>(system.url('order'), 'POST', '/v1/orders', {
      customerId: 'customer-e2e-saga',
      channel: 'web',
      currency: 'CNY',
      items: [
        { sku: 'E2E-DAHONGPAO', quantity: 2, unitPrice: 12800 },
        { sku: 'E2E-GAIWAN', quantity: 1, unitPrice: 6600 },
      ],
      shippingAddress: {
        name: 'Gao Yan',
        phone: '+8613500000000',
        line1: '18 Yan An Rd',
        city: 'Hangzhou',
        region: 'Zhejiang',
        postalCode: '310000',
        country: 'CN',
      },
      contact: { email: 'gao@example.com', locale: 'zh-CN' },
      payment: { method: 'cod' },
    });
    expect(placed.status).toBe(201);
    const orderId = placed.body.id;

    const pickLists = await waitFor(
      async () => {
        const page = await api<{
          items: Array<{ warehouseId: string; lines: Array<{ sku: string; quantity: number }> }>;
        }>(system.url('fulfillment'), 'GET', `/v1/pick-lists?orderId=${orderId}`);
        return page.body.items.length > 0 ? page.body.items : undefined;
      },
      { timeoutMs: 45_000, what: 'the pick list' },
    );
    // sh-1 is preferred but cannot give everything; hz-1 can, so the order goes out in one parcel from there.
    expect(pickLists).toHaveLength(1);
    expect(pickLists[0]!.warehouseId).toBe('hz-1');
    expect(pickLists[0]!.lines.map((l) => [l.sku, l.quantity])).toEqual([
      ['E2E-DAHONGPAO', 2],
      ['E2E-GAIWAN', 1],
    ]);

    const order = await waitFor(
      async () => {
        const got = await api<{ status: string; items: Array<{ sku: string; reserved: number }> }>(
          system.url('order'),
          'GET',
          `/v1/orders/${orderId}`,
        );
        return got.body.status === 'PROCESSING' ? got.body : undefined;
      },
      { what: 'PROCESSING' },
    );
    expect(order.items.map((l) => [l.sku, l.reserved])).toEqual([
      ['E2E-DAHONGPAO', 2],
      ['E2E-GAIWAN', 1],
    ]);
    const stock = await api<{ reserved: number; available: number; demand: number }>(
      inventory,
      'GET',
      '/v1/stock/E2E-DAHONGPAO',
    );
    expect(stock.body).toMatchObject({ reserved: 2, available: 9, demand: 0 });
    // The warehouse picks and packs through fulfillment's API; shipping makes the delivery note.
    const pickListId = (pickLists[0] as unknown as { id: string }).id;
    const fulfillment = system.url('fulfillment');
    const pick = await api(fulfillment, 'POST', `/v1/pick-lists/${pickListId}/pick`, {
      lines: [
        { sku: 'E2E-DAHONGPAO', quantity: 2 },
        { sku: 'E2E-GAIWAN', quantity: 1 },
      ],
    });
    expect(pick.status).toBe(200);
    const pack = await api(fulfillment, 'POST', `/v1/pick-lists/${pickListId}/pack`, {
      packages: [
        {
          weightGrams: 1650,
          lines: [
            { sku: 'E2E-DAHONGPAO', quantity: 2 },
            { sku: 'E2E-GAIWAN', quantity: 1 },
          ],
        },
      ],
    });
    expect(pack.status).toBe(200);
    const shipment = await waitFor(
      async () => {
        const page = await api<{ items: Array<{ status: string; totalWeightGrams: number; items: unknown[] }> }>(
          system.url('shipping'),
          'GET',
          `/v1/shipments?orderId=${orderId}`,
        );
        return page.body.items[0];
      },
      { timeoutMs: 30_000, what: 'the shipment' },
    );
    expect(shipment).toMatchObject({ status: 'CREATED', totalWeightGrams: 1650 });
    expect(shipment.items).toEqual([
      { orderId, sku: 'E2E-DAHONGPAO', quantity: 2 },
      { orderId, sku: 'E2E-GAIWAN', quantity: 1 },
    ]);
    const timeline = await waitFor(
      async () => {
        const got = await api<{ items: Array<{ type: string }> }>(
          system.url('order'),
          'GET',
          `/v1/orders/${orderId}/timeline`,
        );
        const types = got.body.items.map((e) => e.type);
        return types.includes('ShipmentCreated') ? types : undefined;
      },
      { what: 'ShipmentCreated in the order timeline' },
    );
    expect(timeline).toEqual(
      expect.arrayContaining(['StockReserved', 'PickListCreated', 'OrderPicked', 'OrderPacked', 'ShipmentCreated']),
    );

    // Dispatch through shipping's API, then the carrier's signed tracking webhook reports delivery.
    const shipmentId = (shipment as unknown as { id: string }).id;
    const dispatched = await api<{ carrier: string; trackingNumber: string }>(
      system.url('shipping'),
      'POST',
      `/v1/shipments/${shipmentId}/dispatch`,
      {},
    );
    expect(dispatched.status).toBe(200);
    await waitFor(
      async () =>
        (await api<{ status: string }>(system.url('order'), 'GET', `/v1/orders/${orderId}`)).body.status === 'SHIPPED',
      { what: 'SHIPPED' },
    );
    const report = JSON.stringify({
      trackingNumber: dispatched.body.trackingNumber,
      status: 'delivered',
      at: new Date().toISOString(),
    });
    const signature = `sha256=${createHmac('sha256', CARRIER_SECRET).update(report).digest('hex')}`;
    const webhook = await fetch(`${system.url('shipping')}/v1/carriers/${dispatched.body.carrier}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature': signature },
      body: report,
    });
    expect(webhook.status).toBe(200);
    const delivered = await waitFor(
      async () => {
        const got = await api<{
          status: string;
          items: Array<{ sku: string; shipped: number; reserved: number }>;
          shipments: unknown[];
        }>(system.url('order'), 'GET', `/v1/orders/${orderId}`);
        return got.body.status === 'DELIVERED' ? got.body : undefined;
      },
      { what: 'DELIVERED' },
    );
    expect(delivered.items.map((l) => [l.sku, l.shipped, l.reserved])).toEqual([
      ['E2E-DAHONGPAO', 2, 0],
      ['E2E-GAIWAN', 1, 0],
    ]);
    expect(delivered.shipments).toEqual([
      expect.objectContaining({ status: 'DELIVERED', trackingNumber: dispatched.body.trackingNumber }),
    ]);
  });
});
