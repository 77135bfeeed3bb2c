import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AUDIENCES, LOCALES, NOTIFICATION_CHANNELS } from '@oms/contracts';
import { TEMPLATE_NAMES } from '../../../domain/templates';

/** The statuses the delivery log writes (the table also allows SKIPPED, which this version never writes). */
const LOGGED_STATUSES = ['PENDING', 'SENT', 'FAILED'] as const;

/** One message of the delivery log (OpenAPI shape of NotificationView). */
export class NotificationDto {
  @ApiProperty({
    format: 'uuid',
    description: 'Also the Message-ID (e-mail) and Idempotency-Key (SMS) it is sent with',
  })
  id!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The order; null for stock alerts' })
  orderId!: string | null;
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Every order the message is about: several when one parcel carries several orders of the customer',
  })
  orderIds!: string[];
  @ApiProperty({ nullable: true, type: String, description: 'null for staff alerts' })
  customerId!: string | null;
  @ApiProperty({ enum: AUDIENCES }) audience!: string;
  @ApiProperty({ nullable: true, type: String, example: 'ShipmentDispatched', description: 'The event that caused it' })
  cause!: string | null;
  @ApiProperty({ enum: NOTIFICATION_CHANNELS }) channel!: string;
  @ApiProperty({ description: 'E-mail address or phone number', example: 'li@example.com' })
  recipient!: string;
  @ApiProperty({ enum: TEMPLATE_NAMES }) template!: string;
  @ApiProperty({ enum: LOCALES }) locale!: string;
  @ApiProperty({
    enum: LOGGED_STATUSES,
    description:
      'PENDING: waiting for its first or next attempt (retried with exponential backoff and jitter after a transient ' +
      'failure); SENT: the SMTP server or SMS provider accepted it; FAILED: refused for good (SMTP 5xx, SMS 4xx other ' +
      'than 408/429) or still failing after NOTIFICATION_MAX_ATTEMPTS attempts',
  })
  status!: string;
  @ApiProperty({ minimum: 0, description: 'Attempts made so far' }) attempts!: number;
  @ApiProperty({ nullable: true, type: String, description: 'Why the last attempt failed; null once SENT' })
  lastError!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) sentAt!: string | null;
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationDto] }) items!: NotificationDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as cursor for the next page; null on the last' })
  nextCursor!: string | null;
}

export class PreferencesViewDto {
  @ApiProperty() customerId!: string;
  @ApiProperty({ description: 'Send e-mail (when an address is known)' }) email!: boolean;
  @ApiProperty({ description: 'Send SMS (when a phone number is known)' }) sms!: boolean;
  @ApiProperty({ enum: LOCALES, description: 'Language of every message, over the locale an order gives' })
  locale!: string;
}

class FieldErrorDto {
  @ApiProperty() field!: string;
  @ApiProperty() message!: string;
}

/** RFC 9457 problem details, as every error of the API is answered (application/problem+json). */
export class ProblemDto {
  @ApiProperty({ example: 'https://oms.dev/problems/validation' }) type!: string;
  @ApiProperty() title!: string;
  @ApiProperty() status!: number;
  @ApiPropertyOptional() detail?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto] }) errors?: FieldErrorDto[];
}
