import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { type AddressInfo, createServer } from 'node:net';
import { OrderPlacedV1 } from '@oms/contracts';
import { sampleEvent } from '@oms/contracts/testing';
import type { MessageProducer } from '@oms/platform';
import {
  type CapturedMail,
  parseMail,
  startTestServiceApp,
  type TestServiceApp,
  testKafkaClient,
  waitFor,
} from '@oms/platform/testing';
import { SMTPServer } from 'smtp-server';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { loadNotificationConfig } from '../src/config';

/** A loopback port free right now, for a server the test starts later. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('notification while the SMTP server and the SMS provider are down (real PostgreSQL and Kafka)', () => {
  let service: TestServiceApp;
  let producer: MessageProducer;
  let smtpPort: number;
  let smsPort: number;
  let smtp: SMTPServer | undefined;
  let smsProvider: HttpServer | undefined;
  const mails: CapturedMail[] = [];
  const texts: Array<{ to: string; text: string; reference: string }> = [];

  beforeAll(async () => {
    smtpPort = await freePort();
    smsPort = await freePort();
    service = await startTestServiceApp(
      'notification_unreachable',
      (env) => AppModule.forRoot(loadNotificationConfig(env)),
      {
        env: {
          SMTP_HOST: '127.0.0.1',
          SMTP_PORT: String(smtpPort),
          SMS_PROVIDER_URL: `http://127.0.0.1:${smsPort}/sms`,
          SEND_TIMEOUT_MS: '1000',
          NOTIFICATION_POLL_INTERVAL_MS: '100',
          NOTIFICATION_RETRY_BASE_MS: '150',
          NOTIFICATION_RETRY_MAX_MS: '400',
          NOTIFICATION_MAX_ATTEMPTS: '50',
        },
      },
    );
    producer = testKafkaClient('notification-unreachable-test').producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer.disconnect();
    await service.close();
    if (smtp) await new Promise<void>((resolve) => smtp!.close(() => resolve()));
    if (smsProvider) await new Promise<void>((resolve) => smsProvider!.close(() => resolve()));
  });

  const http = () => request(service.app.getHttpServer());
  const logOf = async (orderId: string) =>
    (await http().get(`/v1/notifications?orderId=${orderId}`).expect(200)).body.items as Array<{
      id: string;
      channel: string;
      status: string;
      attempts: number;
      lastError: string | null;
      sentAt: string | null;
    }>;

  it('keeps the messages waiting and retrying, then sends each once the servers are back', async () => {
    const orderId = randomUUID();
    const customerId = `down-${randomUUID()}`;
    await http().put(`/v1/preferences/${customerId}`).send({ email: true, sms: true, locale: 'en' }).expect(200);
    const event = sampleEvent(OrderPlacedV1, {
      orderId,
      payload: { customerId, contact: { email: 'patient@example.com', phone: '+15550001234' } },
    });
    await producer.send([
      { topic: `${service.topicPrefix}order.events`, key: orderId, value: JSON.stringify(event), headers: {} },
    ]);

    const failing = await waitFor(
      async () => {
        const log = await logOf(orderId);
        return log.length === 2 && log.every((n) => n.status === 'PENDING' && n.attempts >= 2) ? log : undefined;
      },
      { what: 'both messages retried' },
    );
    for (const entry of failing) expect(entry.lastError).toContain('ECONNREFUSED');
    await http().get('/health/live').expect(200);

    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
          const to = session.envelope.rcptTo.map((r) => r.address);
          mails.push(parseMail(Buffer.concat(chunks).toString('utf8'), { from, to }));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp!.listen(smtpPort, '127.0.0.1', resolve));
    smsProvider = createHttpServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        texts.push(JSON.parse(body));
        res.writeHead(202).end();
      });
    });
    await new Promise<void>((resolve) => smsProvider!.listen(smsPort, '127.0.0.1', resolve));

    const sent = await waitFor(
      async () => {
        const log = await logOf(orderId);
        return log.every((n) => n.status === 'SENT') ? log : undefined;
      },
      { what: 'both messages SENT' },
    );
    for (const entry of sent) {
      expect(entry.attempts).toBeGreaterThanOrEqual(3);
      expect(entry).toMatchObject({ lastError: null, sentAt: expect.any(String) });
    }
    await new Promise((resolve) => setTimeout(resolve, 800));
    const number = orderId.slice(0, 8).toUpperCase();
    expect(mails.filter((m) => m.to.includes('patient@example.com')).map((m) => m.subject)).toEqual([
      `We received your order ${number}`,
    ]);
    expect(texts.filter((t) => t.to === '+15550001234')).toEqual([
      {
        to: '+15550001234',
        text: expect.stringContaining(number),
        reference: sent.find((n) => n.channel === 'sms')!.id,
      },
    ]);
  });
});
