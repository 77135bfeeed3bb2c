import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { LOCALES, type Locale } from '../common/values';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import {
  AUDIENCES,
  type Audience,
  NOTIFICATION_CHANNELS,
  type NotificationChannel,
  TEMPLATE_PATTERN,
} from './notification';

export class NotificationFailedV1Payload {
  @IsUUID() notificationId!: string;
  @IsIn(NOTIFICATION_CHANNELS) channel!: NotificationChannel;
  @IsIn(AUDIENCES) audience!: Audience;
  /** E-mail address, phone number or webhook URL; absent when the customer has none for the channel. */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(2000) recipient?: string;
  @IsString() @Matches(TEMPLATE_PATTERN) template!: string;
  @IsIn(LOCALES) locale!: Locale;
  @IsString() @Matches(/^[A-Z][A-Za-z0-9]*$/) @MaxLength(100) causationEventType!: string;
  @IsOptional() @IsString() @MaxLength(64) customerId?: string;
  @IsString() @IsNotEmpty() @MaxLength(2000) error!: string;
  @IsInt() @Min(1) @Max(1000) attempts!: number;
  /** False once the retries are exhausted (or the failure is permanent, e.g. no address). */
  @IsBoolean() willRetry!: boolean;
}

/** Sending a notification failed; it is retried while `willRetry`. orderId is null for staff alerts about stock. */
export const NotificationFailedV1 = defineEvent({
  type: 'NotificationFailed',
  version: 1,
  topic: Topics.notification,
  payloadClass: NotificationFailedV1Payload,
  description: 'Sending a notification failed; it is retried while willRetry is true.',
  orderKey: 'optional',
});
