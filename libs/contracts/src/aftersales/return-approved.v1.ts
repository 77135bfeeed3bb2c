import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CARRIER_PATTERN, ContactV1, Limits, SkuQuantityV1 } from '../common/values';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

/** The prepaid label the customer sends the goods back with. */
export class ReturnLabelV1 {
  @IsString() @Matches(CARRIER_PATTERN) carrier!: string;
  @IsString() @IsNotEmpty() @MaxLength(64) trackingNumber!: string;
  @IsOptional() @IsUrl({ require_protocol: true, protocols: ['https'] }) @MaxLength(2000) url?: string;
}

export class ReturnApprovedV1Payload {
  @IsUUID() returnId!: string;
  /** The return authorisation the customer quotes on the parcel. */
  @IsString() @IsNotEmpty() @MaxLength(64) reference!: string;
  /** The lines accepted for return (may be fewer than requested). */
  @ValidateNested({ each: true })
  @Type(() => SkuQuantityV1)
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxLines)
  lines!: SkuQuantityV1[];
  /** Where the goods go back to. */
  @IsString() @IsNotEmpty() @MaxLength(64) warehouseId!: string;
  @IsOptional() @ValidateNested() @Type(() => ReturnLabelV1) label?: ReturnLabelV1;
  /** So that notification can send the label and reference. */
  @IsOptional() @ValidateNested() @Type(() => ContactV1) contact?: ContactV1;
}

/** A return was approved: the customer gets a reference (and label) to send the goods back. */
export const ReturnApprovedV1 = defineEvent({
  type: 'ReturnApproved',
  version: 1,
  topic: Topics.aftersales,
  payloadClass: ReturnApprovedV1Payload,
  description: 'A return was approved: the customer gets a reference (and label) to send the goods back.',
});
