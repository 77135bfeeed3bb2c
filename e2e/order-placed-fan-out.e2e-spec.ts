import { TopicProbe, waitFor } from '@oms/platform/testing';
import { api, System } from './harness/system';

/**
 * The first proof across the broker: an order placed over REST on the order service (its own process)
 * reaches the inventory service (another process) through Kafka, via the outbox and the inbox.
 */
describe('order → Kafka → inventory and notification, as separate processes', () => {
  let system: System;
  let probe: TopicProbe;

  beforeAll(async () => {
    system = await System.start(['order', 'inventory', 'notification']);
    probe = await TopicProbe.start([`${system.topicPrefix}order.events`]);
  }, 120_000);

  afterAll(async () => {
    await probe?.stop();
    await system?.stop();
  });

  it('an order placed on the order service shows up as demand in inventory and in the customer message log', async () => {
    const placed = await api<{ id: string; status: string }>(system.url('order'), 'POST', '/v1/orders', {
      customerId: 'customer-e2e',
      channel: 'app',
      currency: 'CNY',
      items: [{ sku: 'E2E-TEA', quantity: 4, unitPrice: 2500 }],
      shippingAddress: {
        name: 'Chen Jing',
        phone: '+8613700000000',
        line1: '5 Zhongshan Rd',
        city: 'Nanjing',
        postalCode: '210000',
        country: 'CN',
      },
      contact: { email: 'chen@example.com', locale: 'zh-CN' },
      payment: { method: 'cod' },
    });
    expect(placed.status).toBe(201);
    expect(placed.body.status).toBe('PLACED');

    await waitFor(
      async () =>
        (await api<{ demand: number }>(system.url('inventory'), 'GET', '/v1/stock/E2E-TEA')).body.demand === 4,
      { timeoutMs: 30_000, what: 'inventory to record the demand' },
    );
    const messages = await waitFor(
      async () => {
        const log = await api<{ items: Array<{ channel: string; locale: string; template: string }> }>(
          system.url('notification'),
          'GET',
          `/v1/notifications?orderId=${placed.body.id}`,
        );
        return log.body.items.length > 0 ? log.body.items : undefined;
      },
      { timeoutMs: 30_000, what: 'notification to log the order-received message' },
    );
    expect(messages).toEqual([
      expect.objectContaining({ channel: 'email', locale: 'zh-CN', template: 'order-received' }),
    ]);
    const published = probe.events().filter((e) => e.orderId === placed.body.id);
    expect(published[0]?.type).toBe('OrderPlaced');
    expect(published.filter((e) => e.type === 'OrderPlaced')).toHaveLength(1);
  });

  it('a bad order is refused with problem+json and nothing reaches inventory', async () => {
    const refused = await api<{ errors: Array<{ field: string }> }>(system.url('order'), 'POST', '/v1/orders', {
      customerId: 'customer-e2e',
      channel: 'app',
      currency: 'CNY',
      items: [{ sku: 'E2E-CUP', quantity: 1.5, unitPrice: 100 }],
      shippingAddress: { name: 'x', phone: '1', line1: 'x', city: 'x', postalCode: '1', country: 'CN' },
      contact: {},
      payment: { method: 'cod' },
    });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(refused.body.errors.map((e) => e.field)).toContain('items.0.quantity');
    await new Promise((r) => setTimeout(r, 1000));
    expect((await api<{ demand: number }>(system.url('inventory'), 'GET', '/v1/stock/E2E-CUP')).body.demand).toBe(0);
  });
});
