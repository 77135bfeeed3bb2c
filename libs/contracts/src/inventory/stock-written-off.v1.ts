import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsNotEmpty, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { Limits, SkuQuantityV1 } from '../common/values';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class StockWrittenOffV1Payload {
  @IsUUID() returnId!: string;
  @IsString() @IsNotEmpty() @MaxLength(64) warehouseId!: string;
  /** Returned units not fit for sale. */
  @ValidateNested({ each: true })
  @Type(() => SkuQuantityV1)
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxLines)
  lines!: SkuQuantityV1[];
  @IsString() @IsNotEmpty() @MaxLength(500) reason!: string;
}

/** Returned goods of an order were received damaged and written off (never back on hand). */
export const StockWrittenOffV1 = defineEvent({
  type: 'StockWrittenOff',
  version: 1,
  topic: Topics.inventory,
  payloadClass: StockWrittenOffV1Payload,
  description: 'Returned goods of an order were received damaged and written off (never back on hand).',
});
