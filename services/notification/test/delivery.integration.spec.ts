import { randomUUID } from 'node:crypto';
import { type EventDefinition, LowStockDetectedV1, OrderPlacedV1, ShipmentDispatchedV1 } from '@oms/contracts';
import { sampleEvent } from '@oms/contracts/testing';
import type { MessageProducer } from '@oms/platform';
import {
  startSmsReceiver,
  startSmtpCapture,
  startTestServiceApp,
  type TestServiceApp,
  testKafkaClient,
  TopicProbe,
  waitFor,
} from '@oms/platform/testing';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { loadNotificationConfig } from '../src/config';

describe('notification delivery over a real SMTP server and an HTTP SMS provider (real PostgreSQL and Kafka)', () => {
  let service: TestServiceApp;
  let producer: MessageProducer;
  let probe: TopicProbe;
  let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
  let sms: Awaited<ReturnType<typeof startSmsReceiver>>;

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    sms = await startSmsReceiver();
    service = await startTestServiceApp(
      'notification_delivery',
      (env) => AppModule.forRoot(loadNotificationConfig(env)),
      {
        env: {
          SMTP_HOST: '127.0.0.1',
          SMTP_PORT: String(smtp.port),
          SMTP_FROM: 'Tea House <orders@tea.example>',
          SMS_PROVIDER_URL: sms.url,
          SMS_PROVIDER_TOKEN: 'sms-token-1',
          STAFF_EMAIL: 'stock-team@tea.example',
          STAFF_LOCALE: 'zh-CN',
          NOTIFICATION_POLL_INTERVAL_MS: '100',
          NOTIFICATION_RETRY_BASE_MS: '100',
          NOTIFICATION_RETRY_MAX_MS: '300',
          NOTIFICATION_MAX_ATTEMPTS: '4',
        },
      },
    );
    producer = testKafkaClient('notification-delivery-test').producer();
    await producer.connect();
    probe = await TopicProbe.start([`${service.topicPrefix}notification.events`]);
  });

  afterAll(async () => {
    await probe.stop();
    await producer.disconnect();
    await service.close();
    await smtp.close();
    await sms.close();
  });

  const http = () => request(service.app.getHttpServer());
  const publish = async (event: { orderId: string | null }, definition: EventDefinition, times = 1) => {
    for (let i = 0; i < times; i++) {
      await producer.send([
        {
          topic: `${service.topicPrefix}${definition.topic}`,
          key: event.orderId ?? 'none',
          value: JSON.stringify(event),
          headers: {},
        },
      ]);
    }
  };
  const logOf = async (orderId: string) =>
    (await http().get(`/v1/notifications?orderId=${orderId}`).expect(200)).body.items as Array<{
      id: string;
      channel: string;
      status: string;
      attempts: number;
      lastError: string | null;
      sentAt: string | null;
      template: string;
    }>;
  const placed = (orderId: string, customerId: string, contact: Record<string, string>) =>
    sampleEvent(OrderPlacedV1, {
      orderId,
      payload: {
        customerId,
        contact,
        currency: 'CNY',
        items: [
          { sku: 'TEA-LONGJING', quantity: 2, unitPrice: 6800, lineTotal: 13600 },
          { sku: 'CUP-RU', quantity: 1, unitPrice: 25000, lineTotal: 25000 },
        ],
        totals: { subtotal: 38600, shipping: 0, discount: 0, total: 38600 },
      },
    });

  it('sends a zh-CN customer the order-received e-mail and SMS once, even when the event arrives twice', async () => {
    const orderId = randomUUID();
    const customerId = `zh-${randomUUID()}`;
    await http().put(`/v1/preferences/${customerId}`).send({ email: true, sms: true, locale: 'zh-CN' }).expect(200);
    await publish(
      placed(orderId, customerId, { email: 'zhang@example.cn', phone: '+8613811112222' }),
      OrderPlacedV1,
      2,
    );

    await waitFor(
      async () => (await logOf(orderId)).every((n) => n.status === 'SENT') && (await logOf(orderId)).length === 2,
      {
        what: 'both messages SENT',
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const mails = smtp.mails.filter((m) => m.to.includes('zhang@example.cn'));
    expect(mails).toHaveLength(1);
    const number = orderId.slice(0, 8).toUpperCase();
    expect(mails[0]).toMatchObject({ from: 'orders@tea.example', subject: `我们已收到您的订单 ${number}` });
    expect(mails[0]!.text).toContain('TEA-LONGJING × 2');
    expect(mails[0]!.text).toContain('¥386.00');
    const log = await logOf(orderId);
    const email = log.find((n) => n.channel === 'email')!;
    expect(mails[0]!.messageId).toBe(`<${email.id}@notification.oms>`);

    const texts = sms.received.filter((m) => m.to === '+8613811112222');
    expect(texts).toHaveLength(1);
    const text = log.find((n) => n.channel === 'sms')!;
    expect(texts[0]).toMatchObject({
      text: `订单${number}已收到，合计¥386.00。`,
      reference: text.id,
      idempotencyKey: text.id,
      authorization: 'Bearer sms-token-1',
    });
    expect(log.every((n) => n.attempts === 1 && n.sentAt !== null)).toBe(true);
    await waitFor(
      () => probe.events().filter((e) => e.type === 'NotificationSent' && e.orderId === orderId).length === 2,
      { what: 'NotificationSent for both' },
    );
  });

  it('tells the carrier and tracking number when the order ships', async () => {
    const orderId = randomUUID();
    const customerId = `en-${randomUUID()}`;
    await publish(placed(orderId, customerId, { email: 'alex@example.com', locale: 'en' }), OrderPlacedV1);
    await waitFor(async () => (await logOf(orderId)).some((n) => n.status === 'SENT'), { what: 'order-received' });
    await publish(
      sampleEvent(ShipmentDispatchedV1, {
        orderId,
        payload: {
          orderIds: [orderId],
          lines: [{ orderId, sku: 'TEA-LONGJING', quantity: 2 }],
          carrier: 'sf-express',
          trackingNumber: 'SF1029384756',
        },
      }),
      ShipmentDispatchedV1,
    );
    const mail = await waitFor(
      () => smtp.mails.find((m) => m.to.includes('alex@example.com') && m.subject.includes('on its way')),
      { what: 'the dispatch e-mail' },
    );
    expect(mail.text).toContain('sf-express');
    expect(mail.text).toContain('SF1029384756');
  });

  it('retries an SMS the provider refused for a while (503, 503) and sends it once it accepts', async () => {
    const orderId = randomUUID();
    const customerId = `sms-${randomUUID()}`;
    const phone = `+88691${Math.floor(Math.random() * 1e7)}`;
    sms.answers.set(phone, [503, 503]);
    await http().put(`/v1/preferences/${customerId}`).send({ email: false, sms: true, locale: 'zh-TW' }).expect(200);
    await publish(placed(orderId, customerId, { email: 'wu@example.tw', phone }), OrderPlacedV1);

    await waitFor(async () => (await logOf(orderId))[0]?.status === 'SENT', { what: 'the SMS SENT' });
    const [logged] = await logOf(orderId);
    expect(logged).toMatchObject({ channel: 'sms', attempts: 3, lastError: null });
    const tries = sms.received.filter((m) => m.to === phone);
    expect(tries.map((t) => t.answeredWith)).toEqual([503, 503, 200]);
    expect(new Set(tries.map((t) => t.idempotencyKey))).toEqual(new Set([logged!.id]));
    expect(tries[2]!.text).toContain('訂單');
    const events = probe.events().filter((e) => e.orderId === orderId);
    await waitFor(() => probe.events().some((e) => e.orderId === orderId && e.type === 'NotificationSent'), {
      what: 'NotificationSent',
    });
    expect(
      probe
        .events()
        .filter((e) => e.orderId === orderId && e.type === 'NotificationFailed')
        .map((e) => [e.payload.attempts, e.payload.willRetry]),
    ).toEqual([
      [1, true],
      [2, true],
    ]);
    expect(events.length).toBeGreaterThan(0);
  });

  it('gives up at once on a permanent refusal (SMS 400, SMTP 550) and records why', async () => {
    const orderId = randomUUID();
    const customerId = `refused-${randomUUID()}`;
    const phone = `+86139${Math.floor(Math.random() * 1e8)}`;
    sms.answers.set(phone, [400]);
    await http().put(`/v1/preferences/${customerId}`).send({ email: true, sms: true, locale: 'en' }).expect(200);
    await publish(placed(orderId, customerId, { email: 'reject-me@example.com', phone }), OrderPlacedV1);

    await waitFor(async () => (await logOf(orderId)).filter((n) => n.status === 'FAILED').length === 2, {
      what: 'both FAILED',
    });
    await new Promise((resolve) => setTimeout(resolve, 800));
    const log = await logOf(orderId);
    expect(log.map((n) => [n.channel, n.status, n.attempts]).sort()).toEqual([
      ['email', 'FAILED', 1],
      ['sms', 'FAILED', 1],
    ]);
    expect(log.find((n) => n.channel === 'sms')!.lastError).toContain('400');
    expect(log.find((n) => n.channel === 'email')!.lastError).toContain('550');
    expect(sms.received.filter((m) => m.to === phone)).toHaveLength(1);
    await waitFor(
      () =>
        probe.events().filter((e) => e.orderId === orderId && e.type === 'NotificationFailed' && !e.payload.willRetry)
          .length === 2,
      { what: 'NotificationFailed without retry' },
    );
  });

  it('alerts staff by e-mail in their locale when stock runs low', async () => {
    const sku = `LOW-${randomUUID().slice(0, 6)}`;
    await publish(
      sampleEvent(LowStockDetectedV1, {
        orderId: null,
        payload: { sku, warehouseId: 'sh-1', onHand: 4, available: 2, threshold: 5 },
      }) as { orderId: null },
      LowStockDetectedV1,
    );
    const mail = await waitFor(() => smtp.mails.find((m) => m.subject.includes(sku)), { what: 'the staff alert' });
    expect(mail.to).toEqual(['stock-team@tea.example']);
    expect(mail.subject).toBe(`库存不足：${sku}（sh-1）`);
    expect(mail.text).toContain('可用 2 件');
    // The mail is out before the round commits: wait for the log to say so.
    const staffLog = await waitFor(
      async () => {
        const items = (await http().get('/v1/notifications?recipient=stock-team@tea.example').expect(200)).body.items;
        return items[0]?.status === 'SENT' ? items : undefined;
      },
      { what: 'the staff alert SENT' },
    );
    expect(staffLog[0]).toMatchObject({ audience: 'staff', template: 'low-stock-alert', orderId: null });
  });
});
