import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class OrderApprovedV1Payload {
  /** The staff member who approved it. */
  @IsString() @IsNotEmpty() @MaxLength(64) approvedBy!: string;
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

/** Ops approved an order held for review; confirmation continues. */
export const OrderApprovedV1 = defineEvent({
  type: 'OrderApproved',
  version: 1,
  topic: Topics.order,
  payloadClass: OrderApprovedV1Payload,
  description: 'Ops approved an order held for review; confirmation continues.',
});
