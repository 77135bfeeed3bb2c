import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
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

export class NotificationSentV1Payload {
  @IsUUID() notificationId!: string;
  @IsIn(NOTIFICATION_CHANNELS) channel!: NotificationChannel;
  @IsIn(AUDIENCES) audience!: Audience;
  /** E-mail address, phone number or webhook URL. */
  @IsString() @IsNotEmpty() @MaxLength(2000) recipient!: string;
  @IsString() @Matches(TEMPLATE_PATTERN) template!: string;
  @IsIn(LOCALES) locale!: Locale;
  /** The type of the event that caused it (`ShipmentDispatched`); the envelope's causationId is its id. */
  @IsString() @Matches(/^[A-Z][A-Za-z0-9]*$/) @MaxLength(100) causationEventType!: string;
  @IsOptional() @IsString() @MaxLength(64) customerId?: string;
}

/** A notification was handed to its channel (e-mail, SMS or webhook). orderId is null for staff alerts about stock. */
export const NotificationSentV1 = defineEvent({
  type: 'NotificationSent',
  version: 1,
  topic: Topics.notification,
  payloadClass: NotificationSentV1Payload,
  description: 'A notification was handed to its channel (e-mail, SMS or webhook).',
  orderKey: 'optional',
});
