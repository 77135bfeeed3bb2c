import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class FeedbackReceivedV1Payload {
  @IsUUID() feedbackId!: string;
  @IsInt() @Min(1) @Max(5) rating!: number;
  @IsOptional() @IsString() @MaxLength(4000) comment?: string;
  @IsOptional() @IsString() @MaxLength(64) customerId?: string;
}

/** A customer rated an order (1 to 5), perhaps with a comment. */
export const FeedbackReceivedV1 = defineEvent({
  type: 'FeedbackReceived',
  version: 1,
  topic: Topics.aftersales,
  payloadClass: FeedbackReceivedV1Payload,
  description: 'A customer rated an order (1 to 5), perhaps with a comment.',
});
