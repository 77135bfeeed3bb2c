import { NotificationFailedV1, NotificationSentV1 } from '@oms/contracts';
import type { EventPublisher, Logger, UnitOfWork } from '@oms/platform';
import type { NotificationConfig } from '../config';
import type { DueNotification, NotificationRepository } from '../infrastructure/persistence/notification.repository';
import { NotificationDispatcher } from './notification-dispatcher';
import { DeliveryError, type MessageSender, type OutgoingMessage } from './senders';

const config = {
  SEND_TIMEOUT_MS: 100,
  NOTIFICATION_MAX_ATTEMPTS: 3,
  NOTIFICATION_RETRY_BASE_MS: 1_000,
  NOTIFICATION_RETRY_MAX_MS: 60_000,
  NOTIFICATION_POLL_INTERVAL_MS: 60_000,
} as NotificationConfig;

const due = (overrides: Partial<DueNotification> = {}): DueNotification => ({
  id: '5d0c7c1e-0000-4000-8000-00000000000a',
  orderId: '3f2a9c1e-0000-4000-8000-000000000001',
  customerId: 'customer-1',
  audience: 'customer',
  channel: 'email',
  recipient: 'li@example.cn',
  template: 'order-confirmed',
  locale: 'zh-CN',
  attempts: 1,
  causationEventId: '9e1f0000-0000-4000-8000-000000000009',
  causationEventType: 'OrderConfirmed',
  data: {},
  order: {
    customerName: 'Li Lei',
    shippingCity: 'Shanghai',
    currency: 'CNY',
    items: [{ sku: 'TEA-OOLONG', quantity: 2, unitPrice: 4200, lineTotal: 8400 }],
    subtotal: 8400,
    shippingFee: 0,
    discount: 0,
    total: 8400,
  },
  ...overrides,
});

/** The dispatcher over an in-memory delivery log and outbox; `send` decides what the channel does. */
function dispatcherWith(claimed: DueNotification[], send: (message: OutgoingMessage) => Promise<void>) {
  const marks: Array<{ id: string; sent: boolean; error?: string; retryAt?: Date | null }> = [];
  const published: Array<{ type: string; key: string; payload: Record<string, unknown> }> = [];
  const sent: OutgoingMessage[] = [];
  const notifications = {
    claimDue: async () => claimed.splice(0),
    markSent: async (id: string) => void marks.push({ id, sent: true }),
    markFailed: async (id: string, error: string, retryAt: Date | null) =>
      void marks.push({ id, sent: false, error, retryAt }),
  } as unknown as NotificationRepository;
  const events = {
    publish: async (definition: { type: string }, event: { key: string; payload: Record<string, unknown> }) =>
      void published.push({ type: definition.type, key: event.key, payload: event.payload }),
  } as unknown as EventPublisher;
  const sender: MessageSender = {
    send: async (message) => {
      sent.push(message);
      await send(message);
    },
  };
  const logger = { info: jest.fn(), warn: jest.fn(), error: jest.fn(), debug: jest.fn() } as unknown as Logger;
  const unitOfWork = { run: <T>(work: () => Promise<T>) => work() } as unknown as UnitOfWork;
  const dispatcher = new NotificationDispatcher(unitOfWork, notifications, events, sender, sender, config, logger);
  return { dispatcher, marks, published, sent, logger };
}

describe('NotificationDispatcher', () => {
  it('renders the message, sends it under its own id and records it SENT with NotificationSent', async () => {
    const { dispatcher, marks, published, sent } = dispatcherWith([due()], async () => undefined);
    expect(await dispatcher.runDue()).toBe(1);
    expect(sent).toEqual([
      expect.objectContaining({
        id: '5d0c7c1e-0000-4000-8000-00000000000a',
        to: 'li@example.cn',
        subject: '您的订单 3F2A9C1E 已确认',
        text: expect.stringContaining('TEA-OOLONG × 2'),
      }),
    ]);
    expect(marks).toEqual([{ id: '5d0c7c1e-0000-4000-8000-00000000000a', sent: true }]);
    expect(published).toEqual([
      {
        type: NotificationSentV1.type,
        key: '3f2a9c1e-0000-4000-8000-000000000001',
        payload: expect.objectContaining({ channel: 'email', template: 'order-confirmed', audience: 'customer' }),
      },
    ]);
  });

  it('sends the short text over SMS', async () => {
    const { dispatcher, sent } = dispatcherWith([due({ channel: 'sms', recipient: '+8613800000000' })], async () => {});
    await dispatcher.runDue();
    expect(sent[0]!.text).toBe('订单3F2A9C1E已确认。');
  });

  it('schedules a transient failure again after a backoff, with NotificationFailed willRetry', async () => {
    const before = Date.now();
    const { dispatcher, marks, published } = dispatcherWith([due({ attempts: 1 })], async () => {
      throw new DeliveryError('smtp: 451 try later', false);
    });
    await dispatcher.runDue();
    const retryAt = marks[0]!.retryAt!.getTime();
    // First retry: 50-100% of the base (1 s).
    expect(retryAt - before).toBeGreaterThanOrEqual(500);
    expect(retryAt - Date.now()).toBeLessThanOrEqual(1_000);
    expect(published[0]).toMatchObject({
      type: NotificationFailedV1.type,
      payload: { attempts: 1, willRetry: true, error: 'smtp: 451 try later' },
    });
  });

  it('gives up once NOTIFICATION_MAX_ATTEMPTS attempts failed', async () => {
    const { dispatcher, marks, published } = dispatcherWith([due({ attempts: 3 })], async () => {
      throw new DeliveryError('sms: provider answered 503', false);
    });
    await dispatcher.runDue();
    expect(marks[0]).toMatchObject({ sent: false, retryAt: null });
    expect(published[0]!.payload).toMatchObject({ attempts: 3, willRetry: false });
  });

  it('gives up at once on a permanent refusal', async () => {
    const { dispatcher, marks, published } = dispatcherWith([due({ attempts: 1 })], async () => {
      throw new DeliveryError('smtp: 550 mailbox unavailable', true);
    });
    await dispatcher.runDue();
    expect(marks[0]).toMatchObject({ retryAt: null, error: 'smtp: 550 mailbox unavailable' });
    expect(published[0]!.payload).toMatchObject({ willRetry: false });
  });

  it('fails a message whose template cannot render for good, without sending it', async () => {
    const { dispatcher, marks, sent } = dispatcherWith([due({ template: 'retired-template' })], async () => {});
    await dispatcher.runDue();
    expect(sent).toEqual([]);
    expect(marks[0]).toMatchObject({ retryAt: null, error: expect.stringContaining('no template retired-template') });
  });

  it('counts a send that takes longer than its budget (twice SEND_TIMEOUT_MS) as failed, to retry', async () => {
    const started = Date.now();
    const { dispatcher, marks } = dispatcherWith([due()], () => new Promise<void>(() => undefined));
    await dispatcher.runDue();
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(marks[0]).toMatchObject({ sent: false, error: 'no answer within 200 ms' });
    expect(marks[0]!.retryAt).toBeInstanceOf(Date);
  });

  it('goes on with the batch when an outcome cannot be recorded (the lease brings that message back)', async () => {
    const { dispatcher, sent, logger } = dispatcherWith([due({ id: 'a' }), due({ id: 'b' })], async () => {});
    const notifications = (dispatcher as unknown as { notifications: { markSent: (id: string) => Promise<void> } })
      .notifications;
    const markSent = notifications.markSent;
    notifications.markSent = async (id) => {
      if (id === 'a') throw new Error('connection lost');
      await markSent(id);
    };
    await dispatcher.runDue();
    expect(sent.map((m) => m.id)).toEqual(['a', 'b']);
    expect(logger.error).toHaveBeenCalledWith(
      expect.objectContaining({ notificationId: 'a' }),
      'could not record a send outcome',
    );
  });
});
