import { createHmac, randomUUID } from 'node:crypto';
import { signWebhook } from '@oms/platform';
import { startTestServiceApp, type TestServiceApp, TopicProbe, waitFor } from '@oms/platform/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { loadOrderConfig } from '../src/config';

const SECRET = 'test-payment-webhook-secret';
const TOLERANCE_SECONDS = 120;

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
      env: {
        PAYMENT_WEBHOOK_SECRET: SECRET,
        REVIEW_AMOUNT_THRESHOLD: '100000',
        WEBHOOK_TOLERANCE_SECONDS: String(TOLERANCE_SECONDS),
      },
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

  describe('the payment webhook', () => {
    const send = (raw: string, signature?: string) => {
      const call = http().post('/v1/payments/webhook').set('content-type', 'application/json');
      return (signature ? call.set('X-Signature', signature) : call).send(raw);
    };
    const outboxRowsOf = async (id: string) =>
      (
        (await service.app
          .get(DataSource)
          .query(`SELECT count(*)::int AS n FROM messaging_outbox WHERE message_key = $1`, [id])) as [{ n: number }]
      )[0].n;
    const prepaidOrderAwaitingPayment = async () => {
      const id = await place({ payment: { method: 'prepaid' } });
      await eventually(id, 'AWAITING_PAYMENT');
      const notice = JSON.stringify({ orderId: id, amount: 13600, reference: `wh-${id}`, provider: 'alipay' });
      return { id, notice };
    };
    const paymentsConfirmed = (id: string) => typesOf(id).filter((t) => t === 'PaymentConfirmed').length;

    it('refuses a missing, wrong, tampered, stale or old-format signature with 401, changing neither order nor outbox', async () => {
      const { id, notice } = await prepaidOrderAwaitingPayment();
      const outboxBefore = await outboxRowsOf(id);
      const secondsAgo = (seconds: number) => new Date(Date.now() - seconds * 1000);
      const refused = {
        missing: await send(notice),
        'wrong secret': await send(notice, signWebhook(notice, 'not-the-secret-at-all')),
        'tampered body': await send(notice.replace('13600', '99999'), signWebhook(notice, SECRET)),
        stale: await send(notice, signWebhook(notice, SECRET, secondsAgo(TOLERANCE_SECONDS + 30))),
        'from the future': await send(notice, signWebhook(notice, SECRET, secondsAgo(-(TOLERANCE_SECONDS + 30)))),
        'old format': await send(notice, `sha256=${createHmac('sha256', SECRET).update(notice).digest('hex')}`),
      };
      for (const [what, answer] of Object.entries(refused)) {
        expect({ what, status: answer.status }).toEqual({ what, status: 401 });
        expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
      expect(refused.stale.body.detail).toMatch(`not signed within ${TOLERANCE_SECONDS} s`);
      expect(await statusOf(id)).toBe('AWAITING_PAYMENT');
      expect(await outboxRowsOf(id)).toBe(outboxBefore);
    });

    it('takes a valid delivery once: replayed, it answers 200 duplicate and changes neither order nor outbox', async () => {
      const { id, notice } = await prepaidOrderAwaitingPayment();
      const signature = signWebhook(notice, SECRET);
      expect((await send(notice, signature).expect(200)).body.status).toBe('CONFIRMED');
      const outboxAfterFirst = await outboxRowsOf(id);
      const timelineAfterFirst = (await http().get(`/v1/orders/${id}/timeline`).expect(200)).body.items.length;

      const replays = await Promise.all([send(notice, signature), send(notice, signature)]);
      for (const replay of replays) {
        expect(replay.status).toBe(200);
        expect(replay.body).toEqual({ duplicate: true, firstReceivedAt: expect.any(String) });
      }
      // The same notice signed anew is another delivery: the order itself refuses a second payment.
      await send(notice, signWebhook(notice, SECRET, new Date(Date.now() + 1000))).expect(422);

      expect(await statusOf(id)).toBe('CONFIRMED');
      expect(await outboxRowsOf(id)).toBe(outboxAfterFirst);
      expect((await http().get(`/v1/orders/${id}/timeline`).expect(200)).body.items).toHaveLength(timelineAfterFirst);
      await waitFor(() => paymentsConfirmed(id) === 1, { what: 'PaymentConfirmed' });
      expect(paymentsConfirmed(id)).toBe(1);
    });
  });
});
