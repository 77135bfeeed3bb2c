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
import { Limits, MoneyV1, SkuQuantityV1 } from '../common/values';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import {
  CANCELLATION_CAUSES,
  CANCELLATION_SCOPES,
  type CancellationCause,
  type CancellationScope,
} from './order-cancellation';

export class OrderCancellationRequestedV1Payload {
  /** Names this cancellation in the compensation events that answer it. */
  @IsUUID() cancellationId!: string;
  @IsIn(CANCELLATION_SCOPES) scope!: CancellationScope;
  /** The lines to cancel when `scope` is `lines`. */
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => SkuQuantityV1)
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxLines)
  lines?: SkuQuantityV1[];
  @IsIn(CANCELLATION_CAUSES) cause!: CancellationCause;
  @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
  /** The customer, staff member or `system`. */
  @IsString() @IsNotEmpty() @MaxLength(64) requestedBy!: string;
  /** The paid amount aftersales must refund (compensation step `refund-payment`); absent when nothing was paid. */
  @IsOptional() @ValidateNested() @Type(() => MoneyV1) refundDue?: MoneyV1;
}

/**
 * The saga starts cancelling an order (or some lines) and compensates in reverse: shipping voids the shipment,
 * fulfillment cancels pick lists, inventory releases the reservation, aftersales refunds a paid amount.
 */
export const OrderCancellationRequestedV1 = defineEvent({
  type: 'OrderCancellationRequested',
  version: 1,
  topic: Topics.order,
  payloadClass: OrderCancellationRequestedV1Payload,
  description:
    'The saga starts cancelling an order (or some lines): shipping voids, fulfillment cancels pick lists, inventory releases, aftersales refunds.',
});
