import { waitFor } from '@oms/platform/testing';
import { E2E_SECRETS, OrderFlows, type PickListView } from './harness/flows';
import { api, System } from './harness/system';

/**
 * Edits across processes: items, quantities and the address change until picking starts, and the reservation
 * and pick list follow; the warehouse decides when an edit and a pick race; after picking started, 409.
 */
describe('edit: until picking starts, the reservation and the pick list follow', () => {
  let system: System;
  let flows: OrderFlows;

  beforeAll(async () => {
    system = await System.start(['order', 'inventory', 'fulfillment', 'shipping'], {
      ...E2E_SECRETS,
      KAFKA_SESSION_TIMEOUT_MS: '6000',
    });
    flows = new OrderFlows(system);
    await flows.warehouse('sh-1', 1);
    await flows.setStock('E2E-BILUOCHUN', 'sh-1', 30);
    await flows.setStock('E2E-TEAPOT', 'sh-1', 10);
  }, 180_000);

  afterAll(() => system?.stop());

  const patch = (orderId: string, body: object) =>
    api<{ status: string; edit: { status: string }; currentState?: string; items: Array<{ sku: string }> }>(
      system.url('order'),
      'PATCH',
      `/v1/orders/${orderId}`,
      body,
      { prefer: 'wait=20' },
    );
  const pickListsOf = async (orderId: string) =>
    (await api<{ items: PickListView[] }>(system.url('fulfillment'), 'GET', `/v1/pick-lists?orderId=${orderId}`)).body
      .items;

  it('more of one item, a new item and a new address before picking: a new pick list with the new lines ships', async () => {
    const orderId = await flows.place([{ sku: 'E2E-BILUOCHUN', quantity: 1, unitPrice: 5200 }]);
    await flows.waitForStatus(orderId, 'PROCESSING');
    const [first] = await flows.pickListsOf(orderId);

    const edited = await patch(orderId, {
      items: [
        { sku: 'E2E-BILUOCHUN', quantity: 3, unitPrice: 5200 },
        { sku: 'E2E-TEAPOT', quantity: 1, unitPrice: 26000 },
      ],
      shippingAddress: {
        name: 'Lin Yue',
        phone: '+8613700000000',
        line1: '88 Century Ave',
        city: 'Shanghai',
        region: 'Shanghai',
        postalCode: '200120',
        country: 'CN',
      },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.edit.status).toBe('APPLIED');
    // The old list is taken back; a new one carries the new lines, reserved anew.
    const fresh = await waitFor(
      async () => (await pickListsOf(orderId)).find((l) => l.id !== first!.id && l.status === 'OPEN'),
      { what: 'the new pick list' },
    );
    expect((await pickListsOf(orderId)).find((l) => l.id === first!.id)!.status).toBe('CANCELLED');
    expect(fresh.lines.map((l) => [l.sku, l.quantity]).sort()).toEqual([
      ['E2E-BILUOCHUN', 3],
      ['E2E-TEAPOT', 1],
    ]);
    const processing = await flows.waitForOrder(orderId, 'reserved anew', (o) =>
      o.items.every((i) => i.reserved === i.quantity),
    );
    expect(processing.totals.total).toBe(3 * 5200 + 26000);
    expect(await flows.stock('E2E-BILUOCHUN')).toMatchObject({ reserved: 3 });

    await flows.pickAndPack(fresh);
    const [shipment] = await flows.shipmentsOf(orderId);
    const shipped = await api<{ shippingAddress: { line1: string } }>(
      system.url('shipping'),
      'GET',
      `/v1/shipments/${shipment!.id}`,
    );
    expect(shipped.body.shippingAddress.line1).toBe('88 Century Ave');
    await flows.carrierReports(await flows.dispatch(shipment!.id), 'delivered');
    const delivered = await flows.waitForStatus(orderId, 'DELIVERED');
    expect(delivered.items.map((i) => [i.sku, i.quantity, i.shipped])).toEqual([
      ['E2E-BILUOCHUN', 3, 3],
      ['E2E-TEAPOT', 1, 1],
    ]);
    const edits = await api<{ items: Array<{ status: string }> }>(
      system.url('order'),
      'GET',
      `/v1/orders/${orderId}/edits`,
    );
    expect(edits.body.items.map((e) => e.status)).toEqual(['APPLIED']);
  });

  it('an edit racing a pick: the warehouse decides, and everything agrees on one outcome', async () => {
    const before = await flows.stock('E2E-BILUOCHUN');
    const orderId = await flows.place([{ sku: 'E2E-BILUOCHUN', quantity: 2 }]);
    await flows.waitForStatus(orderId, 'PROCESSING');
    const [list] = await flows.pickListsOf(orderId);
    const fulfillment = system.url('fulfillment');

    const [edit, pick] = await Promise.all([
      patch(orderId, { items: [{ sku: 'E2E-BILUOCHUN', quantity: 1, unitPrice: 4800 }] }),
      api(fulfillment, 'POST', `/v1/pick-lists/${list!.id}/pick`, { lines: [{ sku: 'E2E-BILUOCHUN', quantity: 2 }] }),
    ]);
    // Exactly one of them took effect.
    expect([edit.status, pick.status].sort()).toEqual([200, 409]);
    const editWon = edit.status === 200;
    const shippedQuantity = editWon ? 1 : 2;
    if (editWon) {
      const fresh = await waitFor(
        async () => (await pickListsOf(orderId)).find((l) => l.id !== list!.id && l.status === 'OPEN'),
        { what: 'the new pick list' },
      );
      await flows.pickAndPack(fresh);
    } else {
      expect(edit.body.currentState).toBe('PROCESSING');
      const packed = await api(fulfillment, 'POST', `/v1/pick-lists/${list!.id}/pack`, {
        packages: [{ weightGrams: 500, lines: [{ sku: 'E2E-BILUOCHUN', quantity: 2 }] }],
      });
      expect(packed.status).toBe(200);
    }
    const [shipment] = await flows.shipmentsOf(orderId);
    await flows.carrierReports(await flows.dispatch(shipment!.id), 'delivered');
    const delivered = await flows.waitForStatus(orderId, 'DELIVERED');
    expect(delivered.items[0]).toMatchObject({ quantity: shippedQuantity, shipped: shippedQuantity, reserved: 0 });
    expect(await flows.stock('E2E-BILUOCHUN')).toMatchObject({
      onHand: before.onHand - shippedQuantity,
      reserved: before.reserved,
    });
  });

  it('once picking started: 409 with the current state, nothing changes, the edit is recorded as refused', async () => {
    const orderId = await flows.place([{ sku: 'E2E-TEAPOT', quantity: 1 }]);
    await flows.waitForStatus(orderId, 'PROCESSING');
    const [list] = await flows.pickListsOf(orderId);
    expect((await api(system.url('fulfillment'), 'POST', `/v1/pick-lists/${list!.id}/start`)).status).toBe(200);

    const refused = await patch(orderId, { items: [{ sku: 'E2E-TEAPOT', quantity: 2, unitPrice: 4800 }] });
    expect(refused.status).toBe(409);
    expect(refused.body.currentState).toBe('PROCESSING');
    const order = await flows.order(orderId);
    expect(order.items[0]).toMatchObject({ quantity: 1, reserved: 1 });
    const edits = await api<{ items: Array<{ status: string; detail: string }> }>(
      system.url('order'),
      'GET',
      `/v1/orders/${orderId}/edits`,
    );
    expect(edits.body.items).toEqual([
      expect.objectContaining({ status: 'REFUSED', detail: expect.stringMatching(/PICKING/) }),
    ]);
    // And after dispatch the order refuses at once.
    await flows.pickAndPack(list!);
    const [shipment] = await flows.shipmentsOf(orderId);
    await flows.dispatch(shipment!.id);
    await flows.waitForStatus(orderId, 'SHIPPED');
    expect((await patch(orderId, { contact: { email: 'late@example.com' } })).status).toBe(409);
  });

  it('the warehouse down while an edit waits for it: 202 with the edit, applied once fulfillment is back', async () => {
    const orderId = await flows.place([{ sku: 'E2E-BILUOCHUN', quantity: 2 }]);
    await flows.waitForStatus(orderId, 'PROCESSING');
    const [list] = await flows.pickListsOf(orderId);
    await system.kill('fulfillment');

    const pending = await api<{ edit: { editId: string; status: string } }>(
      system.url('order'),
      'PATCH',
      `/v1/orders/${orderId}`,
      { items: [{ sku: 'E2E-BILUOCHUN', quantity: 4, unitPrice: 4800 }] },
      { prefer: 'wait=1' },
    );
    expect(pending.status).toBe(202);
    expect(pending.headers.get('location')).toBe(`/v1/orders/${orderId}/edits/${pending.body.edit.editId}`);
    expect(pending.body.edit.status).toBe('PENDING');
    expect((await flows.order(orderId)).items[0]!.quantity).toBe(2);

    await system.restart('fulfillment');
    const applied = await waitFor(
      async () => {
        const edit = await api<{ status: string }>(
          system.url('order'),
          'GET',
          `/v1/orders/${orderId}/edits/${pending.body.edit.editId}`,
        );
        return edit.body.status === 'APPLIED' ? edit.body : undefined;
      },
      { timeoutMs: 60_000, what: 'the edit applied after the restart' },
    );
    expect(applied.status).toBe('APPLIED');
    await waitFor(
      async () => (await pickListsOf(orderId)).find((l) => l.id !== list!.id && l.lines[0]?.quantity === 4),
      {
        timeoutMs: 30_000,
        what: 'the new pick list of four',
      },
    );
    expect(await flows.waitForOrder(orderId, 'reserved anew', (o) => o.items[0]!.reserved === 4)).toBeTruthy();
  });
});
