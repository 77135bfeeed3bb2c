import { SERVICE_NAMES } from '@oms/contracts';
import { checkInvariants, type ServiceDatabases } from '@oms/operations';
import { waitFor } from '@oms/platform/testing';
import { Client } from 'pg';
import { type OrderView } from '../harness/flows';
import { api } from '../harness/system';
import { WholeSystem } from '../harness/whole-system';
import { profile } from './profile';

describe(`concurrency (${profile.name} profile): no oversell, first placed first served, one outcome per order`, () => {
  let whole: WholeSystem;

  beforeAll(async () => {
    // The ordering hold must outlast the confirmation backlog of a burst of this size (the default 5 s suits
    // steady traffic), or arrival order is only best effort for the orders confirmed after it.
    whole = await WholeSystem.start({ RESERVATION_ORDERING_MAX_HOLD_MS: '120000' });
    await whole.flows.warehouse('bj-1', 2);
  }, 180_000);

  afterAll(() => whole?.stop(), 60_000);

  const databases = () =>
    Object.fromEntries(SERVICE_NAMES.map((s) => [s, whole.system.databaseUrl(s)])) as ServiceDatabases;

  it(`${profile.concurrentOrders} orders at once for ${profile.concurrentStock} units in two warehouses: exactly that many reserved, the rest queued in order of arrival`, async () => {
    const { flows, system } = whole;
    const sku = 'CONC-LAST-UNITS';
    await flows.setStock(sku, 'sh-1', Math.floor(profile.concurrentStock / 2));
    await flows.setStock(sku, 'bj-1', Math.ceil(profile.concurrentStock / 2));

    const ids = await Promise.all(
      Array.from({ length: profile.concurrentOrders }, () => flows.place([{ sku, quantity: 1 }])),
    );
    const orders = await waitFor(
      async () => {
        const seen = await Promise.all(ids.map((id) => flows.order(id)));
        return seen.every((o) => o.status === 'PROCESSING' || o.status === 'BACKORDERED') ? seen : undefined;
      },
      { timeoutMs: 300_000, intervalMs: 2000, what: 'every order reserved or backordered' },
    );
    const reserved = orders.filter((o) => o.items[0]!.reserved === 1);
    const waiting = orders.filter((o) => o.items[0]!.backordered === 1);
    expect(reserved).toHaveLength(profile.concurrentStock);
    expect(waiting).toHaveLength(profile.concurrentOrders - profile.concurrentStock);
    expect(await flows.stock(sku)).toMatchObject({
      onHand: profile.concurrentStock,
      reserved: profile.concurrentStock,
      available: 0,
    });

    // Arrival is when the order service accepted the order (placedAt): the first ones got the units...
    const byArrival = (
      await rows<{ id: string }>(
        system.databaseUrl('order'),
        `SELECT id FROM orders WHERE id = ANY($1::uuid[]) ORDER BY placed_at, id`,
        [ids],
      )
    ).map((r) => r.id);
    const firstArrived = new Set(byArrival.slice(0, profile.concurrentStock));
    const overtaken = reserved.filter((o) => !firstArrived.has(o.id));
    expect(overtaken.map((o) => o.id)).toEqual([]);
    // ... and the backorder queue holds the rest in the same order.
    const queue = await rows<{ order_id: string }>(
      system.databaseUrl('inventory'),
      `SELECT order_id FROM backorders WHERE sku = $1 AND status = 'WAITING' ORDER BY seq`,
      [sku],
    );
    expect(queue.map((r) => r.order_id)).toEqual(byArrival.slice(profile.concurrentStock));

    const report = await checkInvariants(databases(), { settleSeconds: 0, expectedOrderIds: ids });
    expect(report.violations).toEqual([]);
  }, 600_000);

  it('edits and cancels of one order sent at the same time end in one consistent state', async () => {
    const { flows, system } = whole;
    await flows.setStock('CONC-TEA', 'sh-1', 50);
    await flows.setStock('CONC-CUP', 'sh-1', 50);
    const outcomes: string[] = [];
    for (let round = 0; round < 5; round++) {
      const orderId = await flows.place([
        { sku: 'CONC-TEA', quantity: 2 },
        { sku: 'CONC-CUP', quantity: 2 },
      ]);
      await flows.waitForStatus(orderId, 'PROCESSING');
      const order = system.url('order');
      const answers = await Promise.all([
        api(
          order,
          'PATCH',
          `/v1/orders/${orderId}`,
          { items: [{ sku: 'CONC-TEA', quantity: 4, unitPrice: 4800 }] },
          { prefer: 'wait=20' },
        ),
        api(
          order,
          'PATCH',
          `/v1/orders/${orderId}`,
          {
            items: [
              { sku: 'CONC-TEA', quantity: 1, unitPrice: 4800 },
              { sku: 'CONC-CUP', quantity: 3, unitPrice: 4800 },
            ],
          },
          { prefer: 'wait=20' },
        ),
        api(
          order,
          'POST',
          `/v1/orders/${orderId}/cancel`,
          { reason: 'one is enough', lines: [{ sku: 'CONC-CUP', quantity: 1 }] },
          { prefer: 'wait=20' },
        ),
        api(order, 'POST', `/v1/orders/${orderId}/cancel`, { reason: 'changed my mind' }),
        api(
          order,
          'PATCH',
          `/v1/orders/${orderId}`,
          { items: [{ sku: 'CONC-CUP', quantity: 1, unitPrice: 4800 }] },
          { prefer: 'wait=20' },
        ),
      ]);
      // Every answer is a decision (done, accepted for later, or refused with the state), never a failure.
      for (const answer of answers) expect([200, 202, 409]).toContain(answer.status);
      const settled = await flows.waitForOrder(
        orderId,
        'no edit or cancellation in flight',
        (o: OrderView & { pendingEdit?: unknown }) =>
          !o.pendingEdit &&
          o.cancellations.every((c) => c.status === 'DONE') &&
          (o.status === 'CANCELLED' || o.status === 'PROCESSING'),
        60_000,
      );
      outcomes.push(settled.status);
      // What the order says is what inventory holds and fulfillment will pick.
      await waitFor(
        async () => {
          const lists = (
            await api<{ items: Array<{ status: string; lines: Array<{ sku: string; quantity: number }> }> }>(
              system.url('fulfillment'),
              'GET',
              `/v1/pick-lists?orderId=${orderId}`,
            )
          ).body.items.filter((l) => l.status !== 'CANCELLED');
          const onLists = new Map<string, number>();
          for (const l of lists)
            for (const line of l.lines) onLists.set(line.sku, (onLists.get(line.sku) ?? 0) + line.quantity);
          const now = await flows.order(orderId);
          return now.items.every((i) => (onLists.get(i.sku) ?? 0) === i.reserved);
        },
        { timeoutMs: 30_000, what: 'pick lists to agree with the order' },
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const report = await checkInvariants(databases(), { settleSeconds: 1 });
    expect(report.violations).toEqual([]);
    expect(outcomes).toHaveLength(5);
  }, 300_000);
});

async function rows<T>(url: string, sql: string, params: unknown[]): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}
