import { randomUUID } from 'node:crypto';
import { LowStockDetectedV1 } from '@oms/contracts';
import { sampleEvent } from '@oms/contracts/testing';
import type { MessageProducer } from '@oms/platform';
import {
  startSmtpCapture,
  startTestServiceApp,
  type TestServiceApp,
  testKafkaClient,
  waitFor,
} from '@oms/platform/testing';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { loadNotificationConfig } from '../src/config';

const FAILURE_THRESHOLD = 3;
const COOLDOWN_MS = 1_000;
const ALERTS = 8;
const STAFF_EMAIL = 'circuit-ops@tea.example';

describe('the SMTP circuit breaker against a real SMTP server that goes down (real PostgreSQL and Kafka)', () => {
  let service: TestServiceApp;
  let producer: MessageProducer;
  let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    service = await startTestServiceApp(
      'notification_circuit',
      (env) => AppModule.forRoot(loadNotificationConfig(env)),
      {
        env: {
          SMTP_HOST: '127.0.0.1',
          SMTP_PORT: String(smtp.port),
          STAFF_EMAIL,
          CIRCUIT_FAILURE_THRESHOLD: String(FAILURE_THRESHOLD),
          CIRCUIT_COOLDOWN_MS: String(COOLDOWN_MS),
          NOTIFICATION_POLL_INTERVAL_MS: '100',
          NOTIFICATION_RETRY_BASE_MS: '100',
          NOTIFICATION_RETRY_MAX_MS: '300',
          // Only the probes spend attempts; many attempts leave the count of them free to be asserted.
          NOTIFICATION_MAX_ATTEMPTS: '100',
        },
      },
    );
    producer = testKafkaClient('notification-circuit-test').producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer.disconnect();
    await service.close();
    await smtp.close();
  });

  const http = () => request(service.app.getHttpServer());
  const staffLog = async () =>
    (await http().get(`/v1/notifications?recipient=${STAFF_EMAIL}&limit=200`).expect(200)).body.items as Array<{
      id: string;
      status: string;
      attempts: number;
      lastError: string | null;
    }>;
  /** The `outbound_circuit_state` gauge of the SMTP server: 0 closed, 1 half-open, 2 open. */
  const smtpCircuit = async () => {
    const metrics = (await http().get('/metrics').expect(200)).text;
    const value = /^outbound_circuit_state\{[^}]*target="smtp"[^}]*\} (\d+)$/m.exec(metrics)?.[1];
    return value === undefined ? undefined : Number(value);
  };
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('stops connecting while the server is down, then delivers every message exactly once when it is back', async () => {
    const connectionsAtStart = smtp.connections;
    smtp.down = true;
    const skus = Array.from({ length: ALERTS }, (_, i) => `CB-${i}-${randomUUID().slice(0, 6)}`);
    for (const sku of skus) {
      const event = sampleEvent(LowStockDetectedV1, {
        orderId: null,
        payload: { sku, warehouseId: 'sh-1', onHand: 1, available: 1, threshold: 5 },
      });
      await producer.send([
        {
          topic: `${service.topicPrefix}${LowStockDetectedV1.topic}`,
          key: sku,
          value: JSON.stringify(event),
          headers: {},
        },
      ]);
    }

    // The threshold's failures reach the server, then the circuit opens. A claimed batch is sent at once, so
    // on top of the failures below the threshold, the sends already under way when it opened reach the server
    // too (at most one per alert), and at most one probe after a cooldown.
    await waitFor(async () => (await smtpCircuit()) === 2, { what: 'the SMTP circuit open' });
    const connectionsWhenOpened = smtp.connections - connectionsAtStart;
    expect(connectionsWhenOpened).toBeGreaterThanOrEqual(FAILURE_THRESHOLD);
    expect(connectionsWhenOpened).toBeLessThanOrEqual(FAILURE_THRESHOLD - 1 + ALERTS + 1);
    expect(smtp.mails.filter((m) => m.to.includes(STAFF_EMAIL))).toHaveLength(0);

    // While it stays down only one probe per cooldown connects; the messages held back by the open circuit
    // spend no attempt (they were not sent), so a long outage cannot use up their attempts.
    const connectionsBefore = smtp.connections;
    const outageMs = 3 * COOLDOWN_MS;
    await sleep(outageMs);
    const during = await staffLog();
    const connectionsDuringOutage = smtp.connections - connectionsBefore;
    expect(during).toHaveLength(ALERTS);
    expect(during.every((n) => n.status !== 'SENT')).toBe(true);
    expect(connectionsDuringOutage).toBeLessThanOrEqual(outageMs / COOLDOWN_MS + 1);

    // Back: after the cooldown one probe goes through, closes the circuit, and the rest follow.
    smtp.down = false;
    const connectionsAtRecovery = smtp.connections;
    await waitFor(async () => (await staffLog()).every((n) => n.status === 'SENT'), {
      what: 'every alert SENT',
      timeoutMs: 30_000,
    });
    expect(await smtpCircuit()).toBe(0);
    await sleep(1_000);

    const mails = smtp.mails.filter((m) => m.to.includes(STAFF_EMAIL));
    expect(mails).toHaveLength(ALERTS);
    for (const sku of skus) expect(mails.filter((m) => m.subject.includes(sku))).toHaveLength(1);
    // One connection per message once the server is back: nothing was sent twice, nothing needed another try.
    expect(smtp.connections - connectionsAtRecovery).toBe(ALERTS);
    const log = await staffLog();
    expect(new Set(mails.map((m) => m.messageId))).toEqual(new Set(log.map((n) => `<${n.id}@notification.oms>`)));
    expect(log.every((n) => n.status === 'SENT' && n.lastError === null)).toBe(true);
    // Only calls that reached the server spent an attempt: those held back by the open circuit gave theirs back.
    expect(log.reduce((sum, n) => sum + n.attempts, 0)).toBe(smtp.connections - connectionsAtStart);
  });
});
