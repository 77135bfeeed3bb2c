import { randomUUID } from 'node:crypto';
import { waitFor } from '@oms/platform/testing';
import { E2E_SECRETS, OrderFlows } from './harness/flows';
import { api, System } from './harness/system';

/**
 * Merge across processes: confirmed orders of one customer to one address, reserved at one warehouse and not
 * yet picked, are picked and shipped together (one pick list, one parcel, one shipment); each order keeps its
 * own lines and states. An order of a merged list that is cancelled leaves it; the others are repacked.
 */
describe('merge: orders of one customer to one address are picked and shipped together', () => {
  let system: System;
  let flows: OrderFlows;

  beforeAll(async () => {
    system = await System.start(['order', 'inventory', 'fulfillment', 'shipping'], { ...E2E_SECRETS });
    flows = new OrderFlows(system);
    await flows.warehouse('sh-1', 1);
    await flows.setStock('E2E-LONGJING', 'sh-1', 20);
    await flows.setStock('E2E-GAIWAN', 'sh-1', 20);
  }, 180_000);

  afterAll(() => system?.stop());

  const pickListsOf = async (orderId: string) =>
    (
      await api<{
        items: Array<{
          id: string;
          status: string;
          orderIds: string[];
          lines: Array<{ sku: string; quantity: number }>;
        }>;
      }>(system.url('fulfillment'), 'GET', `/v1/pick-lists?orderId=${orderId}`)
    ).body.items;

  it('three orders merged into one pick list and one shipment, each DELIVERED with its own lines; another address is not', async () => {
    const customerId = `merge-${randomUUID()}`;
    const first = await flows.place([{ sku: 'E2E-LONGJING', quantity: 2 }], { customerId });
    await flows.waitForStatus(first, 'PROCESSING');
    const second = await flows.place([{ sku: 'E2E-GAIWAN', quantity: 1 }], { customerId });
    const third = await flows.place(
      [
        { sku: 'E2E-LONGJING', quantity: 1 },
        { sku: 'E2E-GAIWAN', quantity: 1 },
      ],
      { customerId },
    );
    const elsewhere = await flows.place([{ sku: 'E2E-LONGJING', quantity: 1 }], {
      customerId,
      address: { line1: '2 Xinhua Rd', postalCode: '200052' },
    });

    const merged = await waitFor(
      async () => {
        const [list] = await pickListsOf(first);
        return list && list.orderIds.length === 3 ? list : undefined;
      },
      { timeoutMs: 45_000, what: 'the three orders on one pick list' },
    );
    expect(new Set(merged.orderIds)).toEqual(new Set([first, second, third]));
    expect(merged.lines.map((l) => [l.sku, l.quantity]).sort()).toEqual([
      ['E2E-GAIWAN', 2],
      ['E2E-LONGJING', 3],
    ]);
    const [own] = await flows.pickListsOf(elsewhere);
    expect(own!.id).not.toBe(merged.id);
    expect(own!.orderIds).toEqual([elsewhere]);

    await flows.pickAndPack(merged);
    const [shipment] = await flows.shipmentsOf(second);
    expect(new Set(shipment!.orderIds)).toEqual(new Set([first, second, third]));
    const parcel = await flows.dispatch(shipment!.id);
    for (const id of [first, second, third]) await flows.waitForStatus(id, 'SHIPPED');
    await flows.carrierReports(parcel, 'delivered');
    const delivered = await Promise.all([first, second, third].map((id) => flows.waitForStatus(id, 'DELIVERED')));
    expect(delivered.map((o) => o.items.map((i) => [i.sku, i.shipped]))).toEqual([
      [['E2E-LONGJING', 2]],
      [['E2E-GAIWAN', 1]],
      [
        ['E2E-GAIWAN', 1],
        ['E2E-LONGJING', 1],
      ],
    ]);
    expect(delivered.every((o) => o.shipments.length === 1 && o.shipments[0]!.shipmentId === shipment!.id)).toBe(true);
    await flows.timelineWith(third, ['PickListChanged']);
    // Stock left once per unit: 3 + 1 LONGJING (the other address is still waiting to be picked), 2 GAIWAN.
    expect(await flows.stock('E2E-GAIWAN')).toMatchObject({ onHand: 18, reserved: 0 });
    expect(await flows.stock('E2E-LONGJING')).toMatchObject({ onHand: 17, reserved: 1 });
  });

  it('one order of a packed merged parcel cancelled: it leaves the list, the shipment is voided, the rest is repacked and ships', async () => {
    const customerId = `merge-${randomUUID()}`;
    const kept = await flows.place([{ sku: 'E2E-GAIWAN', quantity: 2 }], { customerId });
    await flows.waitForStatus(kept, 'PROCESSING');
    const dropped = await flows.place([{ sku: 'E2E-GAIWAN', quantity: 3 }], { customerId });
    const merged = await waitFor(
      async () => {
        const [list] = await pickListsOf(kept);
        return list && list.orderIds.length === 2 ? list : undefined;
      },
      { what: 'the merged pick list' },
    );
    await flows.pickAndPack(merged);
    const [first] = await flows.shipmentsOf(kept);

    const cancelled = await api(system.url('order'), 'POST', `/v1/orders/${dropped}/cancel`, { reason: 'duplicate' });
    expect(cancelled.status).toBe(200);
    await flows.waitForOrder(dropped, 'compensation done', (o) => o.cancellations[0]?.status === 'DONE');
    const [left] = await pickListsOf(kept);
    expect(left).toMatchObject({
      status: 'PICKED',
      orderIds: [kept],
      lines: [expect.objectContaining({ quantity: 2 })],
    });
    expect((await flows.shipmentsOf(kept)).find((s) => s.id === first!.id)!.status).toBe('VOIDED');

    // Repacked without the cancelled order: a new shipment for the one that goes on.
    const fulfillment = system.url('fulfillment');
    expect(
      (
        await api(fulfillment, 'POST', `/v1/pick-lists/${left!.id}/pack`, {
          packages: [{ weightGrams: 600, lines: [{ sku: 'E2E-GAIWAN', quantity: 2 }] }],
        })
      ).status,
    ).toBe(200);
    const second = await waitFor(async () => (await flows.shipmentsOf(kept, 2)).find((s) => s.status === 'CREATED'), {
      what: 'the repacked shipment',
    });
    expect(second.orderIds).toEqual([kept]);
    const parcel = await flows.dispatch(second.id);
    await flows.carrierReports(parcel, 'delivered');
    const done = await flows.waitForStatus(kept, 'DELIVERED');
    expect(done.items[0]).toMatchObject({ quantity: 2, shipped: 2 });
    expect((await flows.order(dropped)).items[0]).toMatchObject({ quantity: 3, cancelled: 3, reserved: 0 });
  });
});
