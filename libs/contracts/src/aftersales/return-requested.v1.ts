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
import { Limits, SkuQuantityV1 } from '../common/values';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export const RETURN_REASONS = [
  'damaged',
  'defective',
  'wrong-item',
  'not-as-described',
  'size-or-fit',
  'no-longer-needed',
  'arrived-late',
  'other',
] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];

export const RETURN_RESOLUTIONS = ['refund', 'exchange'] as const;
export type ReturnResolution = (typeof RETURN_RESOLUTIONS)[number];

export class ReturnRequestedV1Payload {
  @IsUUID() returnId!: string;
  @ValidateNested({ each: true })
  @Type(() => SkuQuantityV1)
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxLines)
  lines!: SkuQuantityV1[];
  @IsIn(RETURN_REASONS) reason!: ReturnReason;
  @IsOptional() @IsString() @MaxLength(4000) comment?: string;
  /** The customer or the staff member who keyed it in. */
  @IsString() @IsNotEmpty() @MaxLength(64) requestedBy!: string;
  /** What the customer wants back: their money (`refund`, when absent) or other goods (`exchange`). */
  @IsOptional() @IsIn(RETURN_RESOLUTIONS) resolution?: ReturnResolution;
  /** The replacement lines of an exchange (the same SKUs when absent). */
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => SkuQuantityV1)
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxLines)
  exchangeLines?: SkuQuantityV1[];
}

/** A customer asked to return lines of a delivered order. */
export const ReturnRequestedV1 = defineEvent({
  type: 'ReturnRequested',
  version: 1,
  topic: Topics.aftersales,
  payloadClass: ReturnRequestedV1Payload,
  description: 'A customer asked to return lines of a delivered order.',
});
