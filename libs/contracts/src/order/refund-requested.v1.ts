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
import { REFUND_REASONS, type RefundReason } from '../aftersales/refund-issued.v1';
import { ContactV1, Limits, MoneyV1, SkuQuantityV1 } from '../common/values';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class RefundRequestedV1Payload {
  /** The refund's own id: aftersales pays it once (RefundIssued carries it as `refundId`), however often asked. */
  @IsUUID() refundId!: string;
  @IsIn(REFUND_REASONS) reason!: RefundReason;
  @ValidateNested() @Type(() => MoneyV1) amount!: MoneyV1;
  /** The payment paid back: the provider's reference of the order's payment. */
  @IsString() @IsNotEmpty() @MaxLength(200) paymentReference!: string;
  /** The cancellation it compensates (step `refund-payment`), when `reason` is `cancellation`. */
  @IsOptional() @IsUUID() cancellationId?: string;
  /** The shipment in trouble it settles, when `reason` is `delivery-exception`. */
  @IsOptional() @IsUUID() shipmentId?: string;
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => SkuQuantityV1)
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxLines)
  lines?: SkuQuantityV1[];
  /** The customer, staff member or `system`. */
  @IsString() @IsNotEmpty() @MaxLength(64) requestedBy!: string;
  @IsOptional() @ValidateNested() @Type(() => ContactV1) contact?: ContactV1;
}

/** The saga asks aftersales to pay money back to the customer (a cancelled paid order, a shipment lost). */
export const RefundRequestedV1 = defineEvent({
  type: 'RefundRequested',
  version: 1,
  topic: Topics.order,
  payloadClass: RefundRequestedV1Payload,
  description: 'The saga asks aftersales to pay money back to the customer (a cancelled paid order, a lost shipment).',
});
