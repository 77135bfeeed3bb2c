import { waitFor } from '@oms/platform/testing';
import { E2E_SECRETS, OrderFlows } from './harness/flows';
import { api, System } from './harness/system';

/**
 * Split and partial shipment across processes: what is reserved ships now, one pick list and shipment per
 * warehouse; the order is PARTIALLY_SHIPPED until every line has shipped (the backordered part after a
 * replenishment), SHIPPED then; the per-line quantities are exact at every step.
 */
describe('split: one pick list and shipment per warehouse, PARTIALLY_SHIPPED until the last line ships', () => {
  let system: System;
  let flows: OrderFlows;

  beforeAll(async () => {
    system = await System.start(['order', 'inventory', 'fulfillment', 'shipping'], { ...E2E_SECRETS });
    flows = new OrderFlows(system);
    await flows.warehouse('sh-1', 1);
    await flows.warehouse('bj-1', 2);
    await flows.setStock('E2E-MAOFENG', 'sh-1', 2);
    await flows.setStock('E2E-TRAY', 'bj-1', 1);
    await flows.setStock('E2E-KETTLE', 'sh-1', 1);
  }, 180_000);

  afterAll(() => system?.stop());

  const counts = async (orderId: string) =>
    Object.fromEntries(
      (await flows.order(orderId)).items.map((i) => [i.sku, [i.reserved, i.backordered, i.shipped]] as const),
    );

  it('ships each warehouse part on its own, then the backordered part after a replenishment', async () => {
    const orderId = await flows.place([
      { sku: 'E2E-MAOFENG', quantity: 2 },
      { sku: 'E2E-TRAY', quantity: 1 },
      { sku: 'E2E-KETTLE', quantity: 2 },
    ]);
    await flows.waitForOrder(orderId, 'reserved in part', (o) =>
      o.items.every((i) => i.reserved + i.backordered === i.quantity),
    );
    expect((await flows.order(orderId)).status).toBe('PROCESSING');
    expect(await counts(orderId)).toEqual({
      'E2E-KETTLE': [1, 1, 0],
      'E2E-MAOFENG': [2, 0, 0],
      'E2E-TRAY': [1, 0, 0],
    });
    const lists = await flows.pickListsOf(orderId, 2);
    const byWarehouse = Object.fromEntries(
      await Promise.all(
        lists.map(async (l) => {
          const full = await api<{ warehouseId: string }>(system.url('fulfillment'), 'GET', `/v1/pick-lists/${l.id}`);
          return [full.body.warehouseId, l] as const;
        }),
      ),
    );
    expect(Object.keys(byWarehouse).sort()).toEqual(['bj-1', 'sh-1']);

    // Shanghai's part leaves first.
    await flows.pickAndPack(byWarehouse['sh-1']!);
    const [shanghai] = await flows.shipmentsOf(orderId);
    await flows.dispatch(shanghai!.id);
    await flows.waitForStatus(orderId, 'PARTIALLY_SHIPPED');
    expect(await counts(orderId)).toEqual({
      'E2E-KETTLE': [0, 1, 1],
      'E2E-MAOFENG': [0, 0, 2],
      'E2E-TRAY': [1, 0, 0],
    });

    // Beijing's part: still one kettle waiting, so still PARTIALLY_SHIPPED.
    await flows.pickAndPack(byWarehouse['bj-1']!);
    const beijing = await waitFor(
      async () => (await flows.shipmentsOf(orderId, 2)).find((s) => s.status === 'CREATED'),
      {
        what: 'the Beijing shipment',
      },
    );
    await flows.dispatch(beijing.id);
    await flows.waitForOrder(
      orderId,
      'the tray shipped',
      (o) => o.items.find((i) => i.sku === 'E2E-TRAY')!.shipped === 1,
    );
    expect((await flows.order(orderId)).status).toBe('PARTIALLY_SHIPPED');

    // The kettle arrives, is reserved for the waiting line, and ships: SHIPPED, then DELIVERED.
    expect(
      (await api(system.url('inventory'), 'POST', '/v1/stock/E2E-KETTLE/sh-1/replenishments', { quantity: 1 })).status,
    ).toBe(200);
    const third = await waitFor(async () => (await flows.pickListsOf(orderId, 3)).find((l) => l.status === 'OPEN'), {
      what: 'the pick list of the replenished kettle',
    });
    expect(third.lines).toEqual([expect.objectContaining({ sku: 'E2E-KETTLE', quantity: 1 })]);
    await flows.pickAndPack(third);
    const last = await waitFor(async () => (await flows.shipmentsOf(orderId, 3)).find((s) => s.status === 'CREATED'), {
      what: 'the last shipment',
    });
    const lastParcel = await flows.dispatch(last.id);
    await flows.waitForStatus(orderId, 'SHIPPED');
    expect(await counts(orderId)).toEqual({
      'E2E-KETTLE': [0, 0, 2],
      'E2E-MAOFENG': [0, 0, 2],
      'E2E-TRAY': [0, 0, 1],
    });
    const shipments = await flows.shipmentsOf(orderId, 3);
    await flows.carrierReports(lastParcel, 'delivered');
    expect((await flows.order(orderId)).status).toBe('SHIPPED');
    for (const shipment of shipments.filter((s) => s.id !== last.id)) {
      const view = await api<{ carrier: string; trackingNumber: string }>(
        system.url('shipping'),
        'GET',
        `/v1/shipments/${shipment.id}`,
      );
      await flows.carrierReports(view.body, 'delivered');
    }
    await flows.waitForStatus(orderId, 'DELIVERED');
  });
});
