import { E2E_SECRETS, OrderFlows } from './harness/flows';
import { api, System } from './harness/system';

/**
 * First placed, first served, across processes: orders placed at the same moment for the last unit travel
 * on different partitions and may be confirmed in any order; inventory still gives the unit to the order
 * placed first (its confirmations wait a short ordering window), and the other waits on backorder.
 */
describe('two orders competing for the last unit: the first placed gets it', () => {
  let system: System;
  let flows: OrderFlows;
  const skus = Array.from({ length: 8 }, (_, i) => `E2E-LAST-${i}`);

  beforeAll(async () => {
    system = await System.start(['order', 'inventory', 'fulfillment'], { ...E2E_SECRETS });
    flows = new OrderFlows(system);
    await flows.warehouse('sh-1', 1);
    for (const sku of skus) await flows.setStock(sku, 'sh-1', 1);
  }, 180_000);

  afterAll(() => system?.stop());

  it('in each of eight races for a last unit, the order placed first reserves it and the other waits', async () => {
    const races = await Promise.all(
      skus.map(async (sku) => {
        const ids = await Promise.all([flows.place([{ sku, quantity: 1 }]), flows.place([{ sku, quantity: 1 }])]);
        const settled = await Promise.all(
          ids.map((id) =>
            flows.waitForOrder(id, 'reserved or waiting', (o) => ['PROCESSING', 'BACKORDERED'].includes(o.status)),
          ),
        );
        const placedAt = await Promise.all(
          ids.map(
            async (id) =>
              (await api<{ placedAt: string }>(system.url('order'), 'GET', `/v1/orders/${id}`)).body.placedAt,
          ),
        );
        return settled.map((order, i) => ({ status: order.status, placedAt: placedAt[i]! }));
      }),
    );
    for (const race of races) {
      expect(race.map((o) => o.status).sort()).toEqual(['BACKORDERED', 'PROCESSING']);
      const [winner, loser] = [
        race.find((o) => o.status === 'PROCESSING')!,
        race.find((o) => o.status === 'BACKORDERED')!,
      ];
      expect(new Date(winner.placedAt).getTime()).toBeLessThanOrEqual(new Date(loser.placedAt).getTime());
    }
    for (const sku of skus) expect(await flows.stock(sku)).toMatchObject({ onHand: 1, reserved: 1, backordered: 1 });
  });
});
