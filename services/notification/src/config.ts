import { LOCALES, type Locale } from '@oms/contracts';
import { EnvBool, EnvInt, loadConfig, localDefaults, ServiceConfig } from '@oms/platform';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, IsUrl, Max, MinLength, Min } from 'class-validator';

export class NotificationConfig extends ServiceConfig {
  /** SMTP server e-mail goes through. */
  @IsString() SMTP_HOST = '127.0.0.1';
  @EnvInt() @IsInt() @Min(1) @Max(65535) SMTP_PORT = 1025;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it and credentials are set. */
  @EnvBool() SMTP_SECURE = false;
  @IsOptional() @IsString() SMTP_USER?: string;
  @IsOptional() @IsString() SMTP_PASSWORD?: string;
  @IsString() @MinLength(3) SMTP_FROM = 'Order updates <no-reply@oms.local>';

  /** The SMS provider's send endpoint. */
  @IsUrl({ require_tld: false, require_protocol: true }) SMS_PROVIDER_URL = 'http://127.0.0.1:8025/sms';
  @IsOptional() @IsString() SMS_PROVIDER_TOKEN?: string;

  /** Where staff alerts (low stock) go. */
  @IsEmail({ require_tld: false }) STAFF_EMAIL = 'ops@oms.local';
  @IsIn(LOCALES) STAFF_LOCALE: Locale = 'en';

  /** Time limit of one send (connect, greet, answer). */
  @EnvInt() @IsInt() @Min(100) @Max(120_000) SEND_TIMEOUT_MS = 10_000;
  @EnvInt() @IsInt() @Min(1) @Max(100) NOTIFICATION_MAX_ATTEMPTS = 8;
  /** First retry after about this long, doubling each time up to NOTIFICATION_RETRY_MAX_MS. */
  @EnvInt() @IsInt() @Min(10) @Max(3_600_000) NOTIFICATION_RETRY_BASE_MS = 5_000;
  @EnvInt() @IsInt() @Min(10) @Max(86_400_000) NOTIFICATION_RETRY_MAX_MS = 3_600_000;
  /** How often the dispatcher looks for due messages. */
  @EnvInt() @IsInt() @Min(50) @Max(60_000) NOTIFICATION_POLL_INTERVAL_MS = 1_000;
}

export function loadNotificationConfig(env: NodeJS.ProcessEnv = process.env): NotificationConfig {
  return loadConfig(NotificationConfig, env, localDefaults('notification'));
}
