import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsISO8601, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { Limits, SkuQuantityV1 } from '../common/values';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class StockBackorderedV1Payload {
  /** What could not be reserved; it waits in the backorder queue, first come, first served. */
  @ValidateNested({ each: true })
  @Type(() => SkuQuantityV1)
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxLines)
  lines!: SkuQuantityV1[];
  /** When stock is expected, if a replenishment is announced (ISO 8601 date or date-time). */
  @IsOptional() @IsISO8601({ strict: true }) expectedDate?: string;
  /** The reship these units are for, when they replace a shipment in trouble (the order's own lines are untouched). */
  @IsOptional() @IsUUID() reshipId?: string;
}

/** Inventory could not reserve some lines of an order; they wait on backorder for a replenishment. */
export const StockBackorderedV1 = defineEvent({
  type: 'StockBackordered',
  version: 1,
  topic: Topics.inventory,
  payloadClass: StockBackorderedV1Payload,
  description: 'Inventory could not reserve some lines of an order; they wait on backorder for a replenishment.',
});
