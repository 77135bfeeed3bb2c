import { Type } from 'class-transformer';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { ContactV1 } from '../common/values';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export const FOLLOW_UP_KINDS = ['feedback-request', 'delivery-check', 'return-reminder'] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

export class FollowUpRequestedV1Payload {
  @IsUUID() followUpId!: string;
  @IsIn(FOLLOW_UP_KINDS) kind!: FollowUpKind;
  @IsString() @MaxLength(64) customerId!: string;
  /** Where and in which language to ask. */
  @ValidateNested() @Type(() => ContactV1) contact!: ContactV1;
  /** Send no earlier than this; now when absent. */
  @IsOptional() @IsISO8601({ strict: true }) sendAt?: string;
}

/** Aftersales asks notification to follow up with the customer of a delivered order. */
export const FollowUpRequestedV1 = defineEvent({
  type: 'FollowUpRequested',
  version: 1,
  topic: Topics.aftersales,
  payloadClass: FollowUpRequestedV1Payload,
  description: 'Aftersales asks notification to follow up with the customer of a delivered order.',
});
