import { randomUUID } from 'node:crypto';
import { OrderPlacedV1 } from '@oms/contracts';
import { sampleEvent } from '@oms/contracts/testing';
import type { MessageProducer } from '@oms/platform';
import { startTestServiceApp, type TestServiceApp, testKafkaClient, waitFor } from '@oms/platform/testing';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { loadNotificationConfig } from '../src/config';

describe('notification (real PostgreSQL and Kafka)', () => {
  let service: TestServiceApp;
  let producer: MessageProducer;

  beforeAll(async () => {
    service = await startTestServiceApp('notification', (env) => AppModule.forRoot(loadNotificationConfig(env)));
    producer = testKafkaClient('notification-test').producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer.disconnect();
    await service.close();
  });

  const http = () => request(service.app.getHttpServer());

  it('stores preferences and refuses bad ones', async () => {
    await http().get('/v1/preferences/customer-77').expect(404);
    const saved = await http()
      .put('/v1/preferences/customer-77')
      .send({ email: true, sms: true, locale: 'zh-TW' })
      .expect(200);
    expect(saved.body).toEqual({ customerId: 'customer-77', email: true, sms: true, locale: 'zh-TW' });
    expect((await http().get('/v1/preferences/customer-77').expect(200)).body.locale).toBe('zh-TW');
    const bad = await http()
      .put('/v1/preferences/customer-77')
      .send({ email: 'yes', sms: true, locale: 'fr', extra: 1 })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'extra', 'locale']);
  });

  it('logs the order-received messages once per event, by preference and locale', async () => {
    const orderId = randomUUID();
    const event = sampleEvent(OrderPlacedV1, {
      orderId,
      payload: {
        customerId: 'customer-77',
        contact: { email: 'mei@example.com', phone: '+886912345678', locale: 'zh-CN' },
      },
    });
    const topic = `${service.topicPrefix}order.events`;
    await producer.send([{ topic, key: orderId, value: JSON.stringify(event), headers: {} }]);
    await producer.send([{ topic, key: orderId, value: JSON.stringify(event), headers: {} }]);

    const log = await waitFor(
      async () => {
        const body = (await http().get(`/v1/notifications?orderId=${orderId}`).expect(200)).body;
        return body.items.length === 2 ? body : undefined;
      },
      { what: 'two messages' },
    );
    await new Promise((r) => setTimeout(r, 1000));
    expect((await http().get(`/v1/notifications?orderId=${orderId}`).expect(200)).body.items).toHaveLength(2);
    expect(
      log.items
        .map((n: { channel: string; locale: string; status: string; template: string }) => [
          n.channel,
          n.locale,
          n.status,
          n.template,
        ])
        .sort(),
    ).toEqual([
      ['email', 'zh-TW', 'PENDING', 'order-received'],
      ['sms', 'zh-TW', 'PENDING', 'order-received'],
    ]);
    const byRecipient = (await http().get('/v1/notifications?recipient=mei@example.com').expect(200)).body;
    expect(byRecipient.items).toHaveLength(1);
    await http().get('/v1/notifications?orderId=x').expect(400);
  });
});
