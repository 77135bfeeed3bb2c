import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsNotEmpty, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { Limits, SkuQuantityV1 } from '../common/values';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class StockRestockedV1Payload {
  @IsUUID() returnId!: string;
  @IsString() @IsNotEmpty() @MaxLength(64) warehouseId!: string;
  /** Returned units found resellable, back on hand. */
  @ValidateNested({ each: true })
  @Type(() => SkuQuantityV1)
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxLines)
  lines!: SkuQuantityV1[];
}

/** Returned goods of an order were received resellable and put back on hand. */
export const StockRestockedV1 = defineEvent({
  type: 'StockRestocked',
  version: 1,
  topic: Topics.inventory,
  payloadClass: StockRestockedV1Payload,
  description: 'Returned goods of an order were received resellable and put back on hand.',
});
