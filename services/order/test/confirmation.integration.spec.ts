import { createHmac, randomUUID } from 'node:crypto';
import { startTestServiceApp, type TestServiceApp, TopicProbe, waitFor } from '@oms/platform/testing';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { loadOrderConfig } from '../src/config';

const SECRET = 'test-payment-webhook-secret';

const body = (overrides: Record<string, unknown> = {}) => ({
  customerId: `c-${randomUUID()}`,
  channel: 'web',
  currency: 'CNY',
  items: [{ sku: 'TEA-PUERH', quantity: 2, unitPrice: 6800 }],
  shippingAddress: {
    name: 'He Ming',
    phone: '+8613900000001',
    line1: '9 Xihu Rd',
    city: 'Hangzhou',
    region: 'Zhejiang',
    postalCode: '310000',
    country: 'CN',
  },
  contact: { email: 'he@example.com', locale: 'zh-CN' },
  payment: { method: 'cod' },
  ...overrides,
});

describe('order confirmation: review, payment, confirmation (real PostgreSQL and Kafka)', () => {
  let service: TestServiceApp;
  let probe: TopicProbe;

  beforeAll(async () => {
    service = await startTestServiceApp('order_confirm', (env) => AppModule.forRoot(loadOrderConfig(env)), {
      env: { PAYMENT_WEBHOOK_SECRET: SECRET, REVIEW_AMOUNT_THRESHOLD: '100000' },
    });
    probe = await TopicProbe.start([`${service.topicPrefix}order.events`]);
  });

  afterAll(async () => {
    await probe.stop();
    await service.close();
  });

  const http = () => request(service.app.getHttpServer());
  const place = async (overrides: Record<string, unknown> = {}) =>
    (await http().post('/v1/orders').send(body(overrides)).expect(201)).body.id as string;
  const statusOf = async (id: string) => (await http().get(`/v1/orders/${id}`).expect(200)).body.status as string;
  const eventually = (id: string, status: string) =>
    waitFor(async () => (await statusOf(id)) === status, { what: `order ${id} ${status}` });
  const typesOf = (id: string) =>
    probe
      .events()
      .filter((e) => e.orderId === id)
      .map((e) => e.type);

  it('a web order passes automatic review and is CONFIRMED, with OrderConfirmed published', async () => {
    const id = await place();
    await eventually(id, 'CONFIRMED');
    await waitFor(() => typesOf(id).includes('OrderConfirmed'), { what: 'OrderConfirmed' });
    expect(typesOf(id)).toEqual(['OrderPlaced', 'OrderConfirmed', 'OrderStatusChanged']);
    const timeline = (await http().get(`/v1/orders/${id}/timeline`).expect(200)).body.items;
    expect(timeline.map((e: { detail: { to: string } }) => e.detail.to)).toEqual(['PLACED', 'CONFIRMED']);
  });

  it('a staff-keyed order waits PENDING_REVIEW until approved', async () => {
    const id = await place({ channel: 'phone', placedBy: 'agent-12' });
    await eventually(id, 'PENDING_REVIEW');
    expect((await http().get(`/v1/orders/${id}`).expect(200)).body.reviewReasons).toEqual(['staff-keyed']);
    const approved = await http()
      .post(`/v1/orders/${id}/approve`)
      .set('X-Staff-Id', 'supervisor-3')
      .send({})
      .expect(200);
    expect(approved.body.status).toBe('CONFIRMED');
    const conflict = await http().post(`/v1/orders/${id}/approve`).send({}).expect(409);
    expect(conflict.body).toMatchObject({ status: 409, currentState: 'CONFIRMED' });
    await waitFor(() => typesOf(id).includes('OrderConfirmed'), { what: 'OrderConfirmed' });
    expect(typesOf(id)).toEqual([
      'OrderPlaced',
      'OrderHeldForReview',
      'OrderStatusChanged',
      'OrderApproved',
      'OrderConfirmed',
      'OrderStatusChanged',
    ]);
    expect(probe.events().find((e) => e.orderId === id && e.type === 'OrderApproved')?.payload).toMatchObject({
      approvedBy: 'supervisor-3',
    });
  });

  it('a large order held for review can be rejected, and then goes nowhere', async () => {
    const id = await place({ items: [{ sku: 'TEA-PUERH', quantity: 20, unitPrice: 6800 }] });
    await eventually(id, 'PENDING_REVIEW');
    await http().post(`/v1/orders/${id}/reject`).send({}).expect(400);
    expect(
      (await http().post(`/v1/orders/${id}/reject`).send({ reason: 'suspected reseller' }).expect(200)).body.status,
    ).toBe('REJECTED');
    await http().post(`/v1/orders/${id}/approve`).send({}).expect(409);
  });

  it('a prepaid order waits AWAITING_PAYMENT until a payment is confirmed through the API', async () => {
    const id = await place({ payment: { method: 'prepaid' } });
    await eventually(id, 'AWAITING_PAYMENT');
    const short = await http()
      .post(`/v1/orders/${id}/payments`)
      .send({ amount: 100, reference: 'pay-short' })
      .expect(422);
    expect(short.body.detail).toMatch(/less than the total/);
    const paid = await http()
      .post(`/v1/orders/${id}/payments`)
      .send({ amount: 13600, reference: `pay-${id}` })
      .expect(200);
    expect(paid.body).toMatchObject({
      status: 'CONFIRMED',
      payment: { method: 'prepaid', status: 'PAID', amount: 13600 },
    });
    await http()
      .post(`/v1/orders/${id}/payments`)
      .send({ amount: 13600, reference: `pay-${id}-again` })
      .expect(422);
  });

  it('a signed payment webhook confirms a prepaid order; a missing or wrong signature changes nothing', async () => {
    const id = await place({ payment: { method: 'prepaid' } });
    await eventually(id, 'AWAITING_PAYMENT');
    const notice = JSON.stringify({ orderId: id, amount: 13600, reference: `wh-${id}`, provider: 'alipay' });
    const sign = (raw: string, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
    const send = (signature?: string) => {
      const call = http().post('/v1/payments/webhook').set('content-type', 'application/json');
      return (signature ? call.set('X-Signature', signature) : call).send(notice);
    };
    await send().expect(401);
    await send(sign(notice, 'not-the-secret-at-all')).expect(401);
    expect(await statusOf(id)).toBe('AWAITING_PAYMENT');
    expect((await send(sign(notice)).expect(200)).body.status).toBe('CONFIRMED');
    // A replay of the same notice changes nothing more.
    await send(sign(notice)).expect(422);
    await waitFor(() => typesOf(id).includes('PaymentConfirmed'), { what: 'PaymentConfirmed' });
    expect(typesOf(id).filter((t) => t === 'PaymentConfirmed')).toHaveLength(1);
  });
});
