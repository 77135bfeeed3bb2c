import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Limits } from '../common/values';
import { defineEvent } from '../event-definition';
import { FULFILLMENT_PURPOSES, type FulfillmentPurpose } from '../order/fulfillment-requested.v1';
import { Topics } from '../topics';

/** One SKU to pick, summed over the merged orders. */
export class PickListLineV1 {
  @IsString() @Matches(Limits.skuPattern) sku!: string;
  @IsInt() @Min(1) @Max(Limits.maxQuantity) quantity!: number;
  /** The bin location to pick from. */
  @IsOptional() @IsString() @MaxLength(64) bin?: string;
}

export class PickListCreatedV1Payload {
  @IsUUID() pickListId!: string;
  @IsString() @IsNotEmpty() @MaxLength(64) warehouseId!: string;
  /** Every order on the list (several when merged); from now on their items cannot be edited. */
  @IsUUID(undefined, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxMergedOrders)
  orderIds!: string[];
  @IsUUID(undefined, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxMergedOrders)
  fulfillmentRequestIds!: string[];
  @ValidateNested({ each: true })
  @Type(() => PickListLineV1)
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxLines)
  lines!: PickListLineV1[];
  /** Why the goods are sent (the fulfillment request's purpose); `order` when absent. */
  @IsOptional() @IsIn(FULFILLMENT_PURPOSES) purpose?: FulfillmentPurpose;
  /** The reship carried, when `purpose` is `reship`. */
  @IsOptional() @IsUUID() reshipId?: string;
}

/** Fulfillment made a pick list in one warehouse for one or several (merged) fulfillment requests. */
export const PickListCreatedV1 = defineEvent({
  type: 'PickListCreated',
  version: 1,
  topic: Topics.fulfillment,
  payloadClass: PickListCreatedV1Payload,
  description: 'Fulfillment made a pick list in one warehouse for one or several (merged) fulfillment requests.',
});
