import { randomUUID } from 'node:crypto';
import { PickListCreatedV1, StockReservedV1 } from '@oms/contracts';
import { sampleEvent } from '@oms/contracts/testing';
import type { MessageProducer } from '@oms/platform';
import { startTestServiceApp, type TestServiceApp, testKafkaClient, waitFor } from '@oms/platform/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { loadOrderConfig } from '../src/config';

const body = (customerId: string, overrides: Record<string, unknown> = {}) => ({
  customerId,
  channel: 'web',
  currency: 'CNY',
  items: [{ sku: 'TEA-OOLONG', quantity: 1, unitPrice: 4200 }],
  shippingAddress: {
    name: 'Lin Yu',
    phone: '+886900000000',
    line1: '12 Zhongxiao Rd',
    city: 'Taipei',
    postalCode: '100',
    country: 'TW',
  },
  contact: { email: 'lin@example.com', locale: 'zh-TW' },
  payment: { method: 'cod' },
  ...overrides,
});

describe('orders API: idempotency, lists, timeline (real PostgreSQL and Kafka)', () => {
  let service: TestServiceApp;
  let producer: MessageProducer;
  let dataSource: DataSource;

  beforeAll(async () => {
    service = await startTestServiceApp('order_api', (env) => AppModule.forRoot(loadOrderConfig(env)));
    dataSource = service.app.get(DataSource);
    producer = testKafkaClient('order-api-test').producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer.disconnect();
    await service.close();
  });

  const http = () => request(service.app.getHttpServer());
  const ordersOf = async (customerId: string) =>
    (await dataSource.query(`SELECT count(*)::int AS n FROM orders WHERE customer_id = $1`, [customerId]))[0]
      .n as number;

  it('Idempotency-Key: the same key and body return the first answer; another body is 422; one order, one event', async () => {
    const key = `checkout-${randomUUID()}`;
    const first = await http().post('/v1/orders').set('Idempotency-Key', key).send(body('idem-1')).expect(201);
    // Same body with its keys in another order is the same request.
    const reordered = Object.fromEntries(Object.entries(body('idem-1')).reverse());
    const again = await http().post('/v1/orders').set('Idempotency-Key', key).send(reordered).expect(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const other = await http()
      .post('/v1/orders')
      .set('Idempotency-Key', key)
      .send(body('idem-1', { notes: 'leave at door' }))
      .expect(422);
    expect(other.body).toMatchObject({ status: 422, detail: expect.stringContaining('different request') });
    expect(await ordersOf('idem-1')).toBe(1);
    const [{ n }] = await dataSource.query(
      `SELECT count(*)::int AS n FROM messaging_outbox WHERE message_key = $1 AND event_type = 'OrderPlaced'`,
      [first.body.id],
    );
    expect(n).toBe(1);
    await http().post('/v1/orders').set('Idempotency-Key', 'bad key with spaces').send(body('idem-1')).expect(400);
  });

  it('Idempotency-Key: concurrent retries of one request place one order', async () => {
    const key = `race-${randomUUID()}`;
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => http().post('/v1/orders').set('Idempotency-Key', key).send(body('idem-race'))),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(await ordersOf('idem-race')).toBe(1);
  });

  it('lists orders newest first with filters and keyset pages', async () => {
    const customer = `list-${randomUUID()}`;
    const ids: string[] = [];
    for (const channel of ['web', 'app', 'web']) {
      ids.push((await http().post('/v1/orders').send(body(customer, { channel })).expect(201)).body.id);
    }
    const firstPage = (await http().get(`/v1/orders?customerId=${customer}&limit=2`).expect(200)).body;
    expect(firstPage.items.map((o: { id: string }) => o.id)).toEqual([ids[2], ids[1]]);
    const secondPage = (
      await http().get(`/v1/orders?customerId=${customer}&limit=2&cursor=${firstPage.nextCursor}`).expect(200)
    ).body;
    expect(secondPage).toEqual({
      items: [expect.objectContaining({ id: ids[0], total: 4200 })],
      nextCursor: null,
    });
    const app = (await http().get(`/v1/orders?customerId=${customer}&channel=app`).expect(200)).body;
    expect(app.items.map((o: { id: string }) => o.id)).toEqual([ids[1]]);
    await http().get('/v1/orders?status=LOST').expect(400);
    await http().get('/v1/orders?limit=1000').expect(400);
  });

  it("shows the order's transitions and the other services' events in its timeline, oldest first", async () => {
    const orderId = (await http().post('/v1/orders').send(body('timeline-1')).expect(201)).body.id as string;
    await waitFor(async () => (await http().get(`/v1/orders/${orderId}`)).body.status === 'CONFIRMED', {
      what: 'CONFIRMED',
    });
    // Times ahead of the order's own transitions, so that the timeline order below is fixed.
    const reserved = sampleEvent(StockReservedV1, {
      orderId,
      occurredAt: new Date(Date.now() + 10_000).toISOString(),
      payload: { allocations: [{ warehouseId: 'sh-1', lines: [{ sku: 'TEA-OOLONG', quantity: 1 }] }], complete: true },
    });
    const picked = sampleEvent(PickListCreatedV1, { orderId, occurredAt: new Date(Date.now() + 20_000).toISOString() });
    await producer.send([
      { topic: `${service.topicPrefix}inventory.events`, key: orderId, value: JSON.stringify(reserved), headers: {} },
      { topic: `${service.topicPrefix}fulfillment.events`, key: orderId, value: JSON.stringify(picked), headers: {} },
    ]);
    const timeline = await waitFor(
      async () => {
        const items = (await http().get(`/v1/orders/${orderId}/timeline`).expect(200)).body.items;
        return items.length === 5 ? items : undefined;
      },
      { what: 'five timeline entries' },
    );
    expect(timeline.map((e: { type: string; source: string }) => [e.type, e.source])).toEqual([
      ['OrderStatusChanged', 'order'],
      ['OrderStatusChanged', 'order'],
      ['OrderStatusChanged', 'order'],
      ['StockReserved', 'inventory'],
      ['PickListCreated', 'fulfillment'],
    ]);
    expect(timeline[0].detail).toMatchObject({ from: null, to: 'PLACED' });
    expect(timeline[1].detail).toMatchObject({ from: 'PLACED', to: 'CONFIRMED' });
    expect(timeline[2].detail).toMatchObject({ from: 'CONFIRMED', to: 'PROCESSING' });
    await http().get(`/v1/orders/${randomUUID()}/timeline`).expect(404);
  });

  it('cancels an order not yet confirmed (OrderCancelled, lines cancelled) and answers 409 with the state after', async () => {
    const waiting = await http()
      .post('/v1/orders')
      .send(body(`cancel-${randomUUID()}`, { payment: { method: 'prepaid' } }))
      .expect(201);
    const id = waiting.body.id as string;
    await waitFor(async () => (await http().get(`/v1/orders/${id}`)).body.status === 'AWAITING_PAYMENT', {
      what: 'AWAITING_PAYMENT',
    });
    await http().post(`/v1/orders/${id}/cancel`).send({}).expect(400);
    const cancelled = await http()
      .post(`/v1/orders/${id}/cancel`)
      .send({ reason: 'found it cheaper', cause: 'customer-request' })
      .expect(200);
    expect(cancelled.body.status).toBe('CANCELLED');
    expect(cancelled.body.items).toEqual([expect.objectContaining({ quantity: 1, cancelled: 1 })]);
    const again = await http().post(`/v1/orders/${id}/cancel`).send({ reason: 'twice' }).expect(409);
    expect(again.body.currentState).toBe('CANCELLED');
    const timeline = (await http().get(`/v1/orders/${id}/timeline`).expect(200)).body.items;
    expect(timeline[timeline.length - 1].detail).toMatchObject({
      from: 'AWAITING_PAYMENT',
      to: 'CANCELLED',
      reason: 'found it cheaper',
    });

    // Once confirmed, stock may be held: the cancel asks the other services to undo it (OrderCancellationRequested).
    const confirmed = await http()
      .post('/v1/orders')
      .send(body(`cancel-late-${randomUUID()}`))
      .expect(201);
    await waitFor(
      async () =>
        ['CONFIRMED', 'PROCESSING'].includes((await http().get(`/v1/orders/${confirmed.body.id}`)).body.status),
      { what: 'confirmation' },
    );
    const late = await http()
      .post(`/v1/orders/${confirmed.body.id}/cancel`)
      .send({ reason: 'ordered twice', requestedBy: 'agent-9', cause: 'staff' })
      .expect(200);
    expect(late.body.status).toBe('CANCELLED');
    const [row] = await dataSource.query(
      `SELECT value FROM messaging_outbox WHERE event_type = 'OrderCancellationRequested' AND message_key = $1`,
      [confirmed.body.id],
    );
    expect(JSON.parse(row.value).payload).toMatchObject({
      scope: 'order',
      cause: 'staff',
      requestedBy: 'agent-9',
      reason: 'ordered twice',
    });
  });
});
