import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsInt,
  IsNotEmpty,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Limits, SkuQuantityV1 } from '../common/values';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class PickedLineV1 {
  @IsString() @Matches(Limits.skuPattern) sku!: string;
  @IsInt() @Min(1) @Max(Limits.maxQuantity) requested!: number;
  /** May be less than requested (short pick), even 0. */
  @IsInt() @Min(0) @Max(Limits.maxQuantity) picked!: number;
}

export class OrderPickedV1Payload {
  @IsUUID() pickListId!: string;
  @IsString() @IsNotEmpty() @MaxLength(64) warehouseId!: string;
  @IsUUID(undefined, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxMergedOrders)
  orderIds!: string[];
  @ValidateNested({ each: true })
  @Type(() => PickedLineV1)
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxLines)
  lines!: PickedLineV1[];
  /** What could not be picked (requested − picked), per SKU; empty when everything was found. */
  @ValidateNested({ each: true })
  @Type(() => SkuQuantityV1)
  @ArrayMaxSize(Limits.maxLines)
  shortPicks!: SkuQuantityV1[];
}

/** Staff picked a pick list, possibly short; the saga re-reserves or backorders what is missing. */
export const OrderPickedV1 = defineEvent({
  type: 'OrderPicked',
  version: 1,
  topic: Topics.fulfillment,
  payloadClass: OrderPickedV1Payload,
  description: 'Staff picked a pick list, possibly short; the saga re-reserves or backorders what is missing.',
});
