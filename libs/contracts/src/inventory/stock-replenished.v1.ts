import { IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { Limits } from '../common/values';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class StockReplenishedV1Payload {
  @IsString() @Matches(Limits.skuPattern) sku!: string;
  @IsString() @IsNotEmpty() @MaxLength(64) warehouseId!: string;
  /** Units received. */
  @IsInt() @Min(1) @Max(Limits.maxQuantity) quantity!: number;
  /** The goods receipt or purchase order. */
  @IsOptional() @IsString() @MaxLength(200) reference?: string;
  /** The date the goods were expected, when the replenishment had been announced. */
  @IsOptional() @IsISO8601({ strict: true }) expectedDate?: string;
  /** Counts after the receipt (before backordered orders take their share). */
  @IsInt() @Min(0) onHand!: number;
  @IsInt() @Min(0) available!: number;
}

/** Goods were received into a warehouse; backordered orders are served first come, first served. */
export const StockReplenishedV1 = defineEvent({
  type: 'StockReplenished',
  version: 1,
  topic: Topics.inventory,
  payloadClass: StockReplenishedV1Payload,
  description: 'Goods were received into a warehouse; backordered orders are served first come, first served.',
  orderKey: 'none',
});
