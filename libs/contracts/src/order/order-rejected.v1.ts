import { Type } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { ContactV1 } from '../common/values';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class OrderRejectedV1Payload {
  @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
  /** The staff member who rejected it; absent when a rule rejected it. */
  @IsOptional() @IsString() @MaxLength(64) rejectedBy?: string;
  /** So that notification can tell the customer. */
  @ValidateNested() @Type(() => ContactV1) contact!: ContactV1;
}

/** An order held for review was rejected (REJECTED, final); nothing was reserved. */
export const OrderRejectedV1 = defineEvent({
  type: 'OrderRejected',
  version: 1,
  topic: Topics.order,
  payloadClass: OrderRejectedV1Payload,
  description: 'An order held for review was rejected (REJECTED, final); nothing was reserved.',
});
