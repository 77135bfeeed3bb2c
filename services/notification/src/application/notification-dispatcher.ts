import { Inject, Injectable } from '@nestjs/common';
import { NotificationFailedV1, NotificationSentV1 } from '@oms/contracts';
import {
  callLeaseMs,
  DueWorkPoller,
  EventPublisher,
  type Logger,
  PLATFORM_LOGGER,
  recordOutcome,
  retryDelayMs,
  SERVICE_CONFIG,
  shouldRetry,
  UnitOfWork,
} from '@oms/platform';
import type { NotificationConfig } from '../config';
import { type MessageContext, render } from '../domain/templates';
import { type DueNotification, NotificationRepository } from '../infrastructure/persistence/notification.repository';
import { DeliveryError, EMAIL_SENDER, type MessageSender, SMS_SENDER } from './senders';

const BATCH_SIZE = 20;

/**
 * Sends what the delivery log says is due, in three steps: claim a batch (one short transaction that counts
 * the attempt and leases the rows), send each message outside any transaction, then record each outcome with
 * NotificationSent or NotificationFailed (one transaction per message). A crash between a send and its record
 * sends that message again when the lease ends (at least once); the stable Message-ID / Idempotency-Key lets
 * the provider drop the copy. Claims use SKIP LOCKED, so instances share the log without sending twice.
 */
@Injectable()
export class NotificationDispatcher extends DueWorkPoller {
  /** Long enough for a whole batch of sends that each run into the send timeout. */
  private readonly leaseMs: number;

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly notifications: NotificationRepository,
    private readonly events: EventPublisher,
    @Inject(EMAIL_SENDER) private readonly email: MessageSender,
    @Inject(SMS_SENDER) private readonly sms: MessageSender,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationConfig,
    @Inject(PLATFORM_LOGGER) logger: Logger,
  ) {
    super({ name: 'notifications', intervalMs: config.NOTIFICATION_POLL_INTERVAL_MS, batchSize: BATCH_SIZE }, logger);
    this.leaseMs = callLeaseMs(config.SEND_TIMEOUT_MS);
  }

  protected async processDue(batchSize: number): Promise<number> {
    const claimed = await this.unitOfWork.run(() => this.notifications.claimDue(batchSize, this.leaseMs));
    // All at once: the lease covers one send and its recording (an open circuit lets one probe through).
    await Promise.all(claimed.map((notification) => this.sendAndRecord(notification)));
    return claimed.length;
  }

  private async sendAndRecord(notification: DueNotification): Promise<void> {
    const outcome = await this.send(notification);
    try {
      if (!outcome.sent && outcome.error.notCalledUntil) {
        // The circuit is open: nothing was sent, so no attempt is spent and no failure reported.
        await this.unitOfWork.run(() =>
          this.notifications.deferUncalled(notification.id, outcome.error.notCalledUntil!),
        );
        return;
      }
      await recordOutcome(() => this.unitOfWork.run(() => this.record(notification, outcome)));
    } catch (error) {
      // Left to its lease: it comes back as due, and the provider sees the same id again.
      this.logger.error({ err: error, notificationId: notification.id }, 'could not record a send outcome');
    }
  }

  private async send(notification: DueNotification): Promise<{ sent: true } | { sent: false; error: DeliveryError }> {
    try {
      if (notification.channel === 'webhook') throw new DeliveryError('webhook delivery is not offered', true);
      const message = render(notification.template, notification.locale, contextOf(notification));
      const sender = notification.channel === 'sms' ? this.sms : this.email;
      await sender.send({
        id: notification.id,
        to: notification.recipient,
        subject: message.subject,
        text: notification.channel === 'sms' ? message.sms : message.text,
      });
      return { sent: true };
    } catch (error) {
      // Anything but a DeliveryError (a template that cannot render) will not get better by retrying.
      return {
        sent: false,
        error:
          error instanceof DeliveryError ? error : new DeliveryError((error as Error).message ?? String(error), true),
      };
    }
  }

  private async record(
    notification: DueNotification,
    outcome: { sent: true } | { sent: false; error: DeliveryError },
  ): Promise<void> {
    const about = {
      notificationId: notification.id,
      channel: notification.channel,
      audience: notification.audience,
      recipient: notification.recipient,
      template: notification.template,
      locale: notification.locale,
      causationEventType: notification.causationEventType,
      ...(notification.customerId ? { customerId: notification.customerId } : {}),
    };
    // Staff alerts have no order: keyed by the notification, they spread over partitions.
    const key = notification.orderId ?? notification.id;
    if (outcome.sent) {
      await this.notifications.markSent(notification.id);
      await this.events.publish(NotificationSentV1, { orderId: notification.orderId, key, payload: about });
      return;
    }
    const attempts = notification.attempts;
    const retry = shouldRetry(attempts, this.config.NOTIFICATION_MAX_ATTEMPTS, outcome.error.permanent);
    const retryAt = retry
      ? new Date(
          Date.now() +
            retryDelayMs(attempts, this.config.NOTIFICATION_RETRY_BASE_MS, this.config.NOTIFICATION_RETRY_MAX_MS),
        )
      : null;
    this.logger.warn(
      { notificationId: notification.id, attempts, retry, err: outcome.error.message },
      'notification not sent',
    );
    await this.notifications.markFailed(notification.id, outcome.error.message, retryAt);
    await this.events.publish(NotificationFailedV1, {
      orderId: notification.orderId,
      key,
      payload: { ...about, error: outcome.error.message.slice(0, 2000), attempts, willRetry: retry },
    });
  }
}

function contextOf(notification: DueNotification): MessageContext {
  return {
    orderId: notification.orderId,
    ...(notification.order
      ? {
          customerName: notification.order.customerName,
          currency: notification.order.currency,
          total: notification.order.total,
          items: notification.order.items,
        }
      : {}),
    ...(notification.data as MessageContext),
  };
}
