import { type DynamicModule, Module } from '@nestjs/common';
import { CircuitBreakers, PlatformModule, SERVICE_CONFIG } from '@oms/platform';
import { NotificationsController } from './api/http/notifications.controller';
import { NotificationDispatcher } from './application/notification-dispatcher';
import { NotificationTriggers } from './application/notification-triggers';
import { EMAIL_SENDER, SMS_SENDER } from './application/senders';
import type { NotificationConfig } from './config';
import { MIGRATIONS } from './infrastructure/persistence/migrations';
import { NotificationRepository } from './infrastructure/persistence/notification.repository';
import { HttpSmsSender } from './infrastructure/senders/http-sms.sender';
import { SmtpEmailSender } from './infrastructure/senders/smtp-email.sender';

/** Wiring only. */
@Module({})
export class AppModule {
  static forRoot(config: NotificationConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot({ config, source: 'notification', entities: [], migrations: MIGRATIONS })],
      controllers: [NotificationsController],
      providers: [
        NotificationRepository,
        NotificationTriggers,
        NotificationDispatcher,
        {
          provide: EMAIL_SENDER,
          inject: [SERVICE_CONFIG, CircuitBreakers],
          useFactory: (c: NotificationConfig, circuits: CircuitBreakers) =>
            new SmtpEmailSender(
              {
                host: c.SMTP_HOST,
                port: c.SMTP_PORT,
                secure: c.SMTP_SECURE,
                user: c.SMTP_USER,
                password: c.SMTP_PASSWORD,
                from: c.SMTP_FROM,
                timeoutMs: c.SEND_TIMEOUT_MS,
              },
              circuits.for('smtp'),
            ),
        },
        {
          provide: SMS_SENDER,
          inject: [SERVICE_CONFIG, CircuitBreakers],
          useFactory: (c: NotificationConfig, circuits: CircuitBreakers) =>
            new HttpSmsSender(
              { url: c.SMS_PROVIDER_URL, token: c.SMS_PROVIDER_TOKEN, timeoutMs: c.SEND_TIMEOUT_MS },
              circuits.for('sms'),
            ),
        },
      ],
    };
  }
}
