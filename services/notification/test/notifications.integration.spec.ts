import { randomUUID } from 'node:crypto';
import { OrderPlacedV1 } from '@oms/contracts';
import { sampleEvent } from '@oms/contracts/testing';
import type { MessageProducer } from '@oms/platform';
import { startTestServiceApp, type TestServiceApp, testKafkaClient, waitFor } from '@oms/platform/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { loadNotificationConfig } from '../src/config';

describe('notification: contacts, preferences and the delivery log (real PostgreSQL and Kafka)', () => {
  let service: TestServiceApp;
  let producer: MessageProducer;

  beforeAll(async () => {
    // The dispatcher stays idle here: this suite checks what is logged; delivery.integration.spec checks sending.
    service = await startTestServiceApp('notification', (env) => AppModule.forRoot(loadNotificationConfig(env)), {
      env: { NOTIFICATION_POLL_INTERVAL_MS: '60000' },
    });
    producer = testKafkaClient('notification-test').producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer.disconnect();
    await service.close();
  });

  const http = () => request(service.app.getHttpServer());
  const publishTwice = async (event: ReturnType<typeof sampleEvent<typeof OrderPlacedV1>>) => {
    const message = {
      topic: `${service.topicPrefix}order.events`,
      key: event.orderId!,
      value: JSON.stringify(event),
      headers: {},
    };
    await producer.send([message]);
    await producer.send([message]);
  };
  const logOf = async (orderId: string) =>
    (await http().get(`/v1/notifications?orderId=${orderId}`).expect(200)).body as {
      items: Array<Record<string, unknown>>;
      nextCursor: string | null;
    };
  /** A grace period for the second copy to be consumed (and refused) after the first one's effect shows. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 1000));

  it('stores preferences (create, then update) and refuses bad ones with problem+json', async () => {
    const missing = await http().get('/v1/preferences/customer-77').expect(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    const saved = await http()
      .put('/v1/preferences/customer-77')
      .send({ email: true, sms: false, locale: 'en' })
      .expect(200);
    expect(saved.body).toEqual({ customerId: 'customer-77', email: true, sms: false, locale: 'en' });
    const updated = await http()
      .put('/v1/preferences/customer-77')
      .send({ email: true, sms: true, locale: 'zh-TW' })
      .expect(200);
    expect(updated.body).toEqual({ customerId: 'customer-77', email: true, sms: true, locale: 'zh-TW' });
    expect((await http().get('/v1/preferences/customer-77').expect(200)).body).toEqual(updated.body);

    const badLocale = await http()
      .put('/v1/preferences/customer-77')
      .send({ email: true, sms: true, locale: 'fr' })
      .expect(400);
    expect(badLocale.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(badLocale.body.errors).toEqual([{ field: 'locale', message: expect.any(String) }]);
    const bad = await http()
      .put('/v1/preferences/customer-77')
      .send({ email: 'yes', sms: true, locale: 'fr', extra: 1 })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'extra', 'locale']);
    await http()
      .put(`/v1/preferences/${'x'.repeat(65)}`)
      .send({ email: true, sms: true, locale: 'en' })
      .expect(400);
    expect((await http().get('/v1/preferences/customer-77').expect(200)).body.locale).toBe('zh-TW');
  });

  it('an OrderPlaced delivered twice with the same id logs exactly one message (default preferences: email)', async () => {
    const orderId = randomUUID();
    const customerId = `customer-${randomUUID()}`;
    await publishTwice(
      sampleEvent(OrderPlacedV1, {
        orderId,
        payload: { customerId, contact: { email: 'li@example.com', phone: '+8613800000000' } },
      }),
    );
    await waitFor(async () => (await logOf(orderId)).items.length > 0, { what: 'the order-received message' });
    await settle();
    const log = await logOf(orderId);
    expect(log).toEqual({
      items: [
        expect.objectContaining({
          orderId,
          customerId,
          channel: 'email',
          recipient: 'li@example.com',
          template: 'order-received',
          locale: 'en',
          status: 'PENDING',
          attempts: 0,
        }),
      ],
      nextCursor: null,
    });
    const [contact] = await service.app
      .get(DataSource)
      .query(`SELECT email, phone, locale FROM customer_contacts WHERE customer_id = $1`, [customerId]);
    expect(contact).toEqual({ email: 'li@example.com', phone: '+8613800000000', locale: null });
  });

  it('follows stated preferences and their locale, which an order does not overwrite', async () => {
    const orderId = randomUUID();
    await publishTwice(
      sampleEvent(OrderPlacedV1, {
        orderId,
        payload: {
          customerId: 'customer-77',
          contact: { email: 'mei@example.com', phone: '+886912345678', locale: 'zh-CN' },
        },
      }),
    );
    await waitFor(async () => (await logOf(orderId)).items.length === 2, { what: 'two messages' });
    await settle();
    const log = await logOf(orderId);
    expect(log.items.map((n) => [n.channel, n.recipient, n.locale, n.status, n.template]).sort()).toEqual([
      ['email', 'mei@example.com', 'zh-TW', 'PENDING', 'order-received'],
      ['sms', '+886912345678', 'zh-TW', 'PENDING', 'order-received'],
    ]);
    expect((await http().get('/v1/preferences/customer-77').expect(200)).body).toEqual({
      customerId: 'customer-77',
      email: true,
      sms: true,
      locale: 'zh-TW',
    });
  });

  it('lists the delivery log by recipient in keyset pages and refuses bad queries', async () => {
    const recipient = `page-${randomUUID()}@example.com`;
    const orderIds = [randomUUID(), randomUUID(), randomUUID()];
    for (const orderId of orderIds) {
      await publishTwice(
        sampleEvent(OrderPlacedV1, {
          orderId,
          payload: { customerId: 'customer-pages', contact: { email: recipient } },
        }),
      );
    }
    await waitFor(
      async () => (await http().get(`/v1/notifications?recipient=${recipient}`).expect(200)).body.items.length === 3,
      { what: 'three messages to one recipient' },
    );
    const first = (await http().get(`/v1/notifications?recipient=${recipient}&limit=2`).expect(200)).body;
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = (
      await http().get(`/v1/notifications?recipient=${recipient}&limit=2&cursor=${first.nextCursor}`).expect(200)
    ).body;
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect([...first.items, ...second.items].map((n: { orderId: string }) => n.orderId).sort()).toEqual(
      [...orderIds].sort(),
    );

    await http().get('/v1/notifications?orderId=x').expect(400);
    await http().get('/v1/notifications?limit=0').expect(400);
    await http().get('/v1/notifications?limit=201').expect(400);
    await http().get('/v1/notifications?cursor=not-a-cursor').expect(400);
    await http().get('/v1/notifications?status=SENT').expect(400);
  });
});
