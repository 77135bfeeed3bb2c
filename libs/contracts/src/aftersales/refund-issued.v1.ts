import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ContactV1, Limits, MoneyV1, SkuQuantityV1 } from '../common/values';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export const REFUND_REASONS = ['return', 'cancellation', 'goodwill', 'price-adjustment', 'delivery-exception'] as const;
export type RefundReason = (typeof REFUND_REASONS)[number];

export class RefundIssuedV1Payload {
  @IsUUID() refundId!: string;
  @IsIn(REFUND_REASONS) reason!: RefundReason;
  /** The return refunded, when `reason` is `return`. */
  @IsOptional() @IsUUID() returnId?: string;
  /** The cancellation refunded, when `reason` is `cancellation` (compensation step `refund-payment`). */
  @IsOptional() @IsUUID() cancellationId?: string;
  @ValidateNested() @Type(() => MoneyV1) amount!: MoneyV1;
  /** The lines refunded, when the refund is for lines. */
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => SkuQuantityV1)
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxLines)
  lines?: SkuQuantityV1[];
  /** The payment provider's refund reference. */
  @IsOptional() @IsString() @MaxLength(200) reference?: string;
  @IsOptional() @ValidateNested() @Type(() => ContactV1) contact?: ContactV1;
}

/** Money was paid back to the customer of an order (return, cancellation or goodwill). */
export const RefundIssuedV1 = defineEvent({
  type: 'RefundIssued',
  version: 1,
  topic: Topics.aftersales,
  payloadClass: RefundIssuedV1Payload,
  description: 'Money was paid back to the customer of an order (return, cancellation or goodwill).',
});
