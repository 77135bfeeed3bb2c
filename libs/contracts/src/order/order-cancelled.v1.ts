import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ContactV1, Limits, MoneyV1, SkuQuantityV1 } from '../common/values';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import {
  CANCELLATION_CAUSES,
  CANCELLATION_SCOPES,
  type CancellationCause,
  type CancellationScope,
} from './order-cancellation';

export class OrderCancelledV1Payload {
  /** The cancellation this completes; absent for an order cancelled before anything needed compensating. */
  @IsOptional() @IsUUID() cancellationId?: string;
  @IsIn(CANCELLATION_SCOPES) scope!: CancellationScope;
  /** The cancelled lines when `scope` is `lines`. */
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => SkuQuantityV1)
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxLines)
  lines?: SkuQuantityV1[];
  @IsIn(CANCELLATION_CAUSES) cause!: CancellationCause;
  @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
  /** The customer, staff member or `system`. */
  @IsString() @IsNotEmpty() @MaxLength(64) cancelledBy!: string;
  /** What was refunded to the customer; absent when nothing was paid. */
  @IsOptional() @ValidateNested() @Type(() => MoneyV1) refunded?: MoneyV1;
  /** So that notification can tell the customer. */
  @ValidateNested() @Type(() => ContactV1) contact!: ContactV1;
}

/** An order (or some of its lines) is cancelled, every compensation done: CANCELLED when the whole order. */
export const OrderCancelledV1 = defineEvent({
  type: 'OrderCancelled',
  version: 1,
  topic: Topics.order,
  payloadClass: OrderCancelledV1Payload,
  description: 'An order (or some of its lines) is cancelled, every compensation done: CANCELLED when the whole order.',
});
