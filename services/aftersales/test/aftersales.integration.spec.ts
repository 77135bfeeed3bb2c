import { randomUUID } from 'node:crypto';
import { OrderPlacedV1, ShipmentDeliveredV1 } from '@oms/contracts';
import { sampleEvent } from '@oms/contracts/testing';
import type { MessageProducer } from '@oms/platform';
import { startTestServiceApp, type TestServiceApp, testKafkaClient, TopicProbe, waitFor } from '@oms/platform/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { loadAftersalesConfig } from '../src/config';

describe('after-sales (real PostgreSQL and Kafka)', () => {
  let service: TestServiceApp;
  let producer: MessageProducer;
  let probe: TopicProbe;

  beforeAll(async () => {
    service = await startTestServiceApp('aftersales', (env) => AppModule.forRoot(loadAftersalesConfig(env)), {
      env: { FOLLOW_UP_DELAY_HOURS: '0', FOLLOW_UP_POLL_INTERVAL_MS: '200' },
    });
    producer = testKafkaClient('aftersales-test').producer();
    await producer.connect();
    probe = await TopicProbe.start([`${service.topicPrefix}aftersales.events`]);
  });

  afterAll(async () => {
    await probe.stop();
    await producer.disconnect();
    await service.close();
  });

  const http = () => request(service.app.getHttpServer());
  const send = (topic: string, key: string, event: object) =>
    producer.send([{ topic: `${service.topicPrefix}${topic}`, key, value: JSON.stringify(event), headers: {} }]);

  it('asks for feedback once after delivery, with the customer known from the placed order', async () => {
    const orderId = randomUUID();
    await send('order.events', orderId, sampleEvent(OrderPlacedV1, { orderId, payload: { customerId: 'customer-9' } }));
    const delivered = sampleEvent(ShipmentDeliveredV1, {
      orderId,
      payload: { orderIds: [orderId], deliveredAt: new Date().toISOString() },
    });
    // The same envelope redelivered (inbox) and the same delivery under a new event id (unique follow-up).
    await send('shipping.events', orderId, delivered);
    await send('shipping.events', orderId, delivered);
    await send('shipping.events', orderId, { ...delivered, id: randomUUID() });

    const followUp = await waitFor(
      () => probe.events().find((e) => e.orderId === orderId && e.type === 'FollowUpRequested'),
      {
        what: 'FollowUpRequested',
      },
    );
    expect(followUp.payload).toMatchObject({ kind: 'feedback-request', customerId: 'customer-9' });
    await new Promise((r) => setTimeout(r, 1000));
    expect(probe.events().filter((e) => e.orderId === orderId && e.type === 'FollowUpRequested')).toHaveLength(1);
    const rows = await service.app
      .get(DataSource)
      .query(`SELECT id, status FROM follow_ups WHERE order_id = $1`, [orderId]);
    expect(rows).toEqual([{ id: followUp.payload.followUpId, status: 'SENT' }]);
  });

  it('takes feedback once per order; a 1-star rating opens a case', async () => {
    const orderId = randomUUID();
    const first = await http()
      .post('/v1/feedback')
      .send({ orderId, rating: 1, comment: 'Box arrived crushed' })
      .expect(201);
    expect(first.body).toEqual({
      id: expect.any(String),
      orderId,
      rating: 1,
      comment: 'Box arrived crushed',
      createdAt: expect.any(String),
      caseId: expect.any(String),
    });
    const again = await http().post('/v1/feedback').send({ orderId, rating: 5 }).expect(409);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(again.body).toMatchObject({
      status: 409,
      currentState: 'FEEDBACK_RECEIVED',
      feedback: { id: first.body.id, rating: 1 },
    });

    const cases = (await http().get(`/v1/cases?orderId=${orderId}`).expect(200)).body;
    expect(cases).toEqual({
      items: [
        expect.objectContaining({
          id: first.body.caseId,
          kind: 'complaint',
          status: 'OPEN',
          subject: 'Low rating (1/5)',
          detail: 'Box arrived crushed',
          assignee: null,
        }),
      ],
      nextCursor: null,
    });
    await waitFor(() => probe.events().filter((e) => e.orderId === orderId).length === 2, {
      what: 'FeedbackReceived and CaseOpened',
    });
    expect(
      probe
        .events()
        .filter((e) => e.orderId === orderId)
        .map((e) => e.type),
    ).toEqual(['FeedbackReceived', 'CaseOpened']);

    const happy = randomUUID();
    expect((await http().post('/v1/feedback').send({ orderId: happy, rating: 5 }).expect(201)).body.caseId).toBeNull();
    expect((await http().get(`/v1/cases?orderId=${happy}`).expect(200)).body.items).toEqual([]);
  });

  it('refuses bad feedback with field errors', async () => {
    const bad = await http().post('/v1/feedback').send({ orderId: 'x', rating: 6, mood: 'angry' }).expect(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['mood', 'orderId', 'rating']);
    const orderId = randomUUID();
    await http().post('/v1/feedback').send({ orderId, rating: 6 }).expect(400);
    await http().post('/v1/feedback').send({ orderId, rating: 4.5 }).expect(400);
    await http()
      .post('/v1/feedback')
      .send({ orderId, rating: 4, comment: 'x'.repeat(2001) })
      .expect(400);
    await http().get('/v1/cases?orderId=nope').expect(400);
    await http().get('/v1/cases?limit=0').expect(400);
    // Refused requests stored nothing: the order can still give its feedback.
    await http().post('/v1/feedback').send({ orderId, rating: 4 }).expect(201);
  });
});
