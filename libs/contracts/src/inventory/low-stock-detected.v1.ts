import { IsInt, IsNotEmpty, IsString, Matches, MaxLength, Min } from 'class-validator';
import { Limits } from '../common/values';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class LowStockDetectedV1Payload {
  @IsString() @Matches(Limits.skuPattern) sku!: string;
  @IsString() @IsNotEmpty() @MaxLength(64) warehouseId!: string;
  @IsInt() @Min(0) onHand!: number;
  /** On hand less reserved. */
  @IsInt() @Min(0) available!: number;
  /** The level at or below which stock counts as low. */
  @IsInt() @Min(0) threshold!: number;
}

/** Available stock of a SKU in a warehouse fell to or below its threshold; staff are alerted. */
export const LowStockDetectedV1 = defineEvent({
  type: 'LowStockDetected',
  version: 1,
  topic: Topics.inventory,
  payloadClass: LowStockDetectedV1Payload,
  description: 'Available stock of a SKU in a warehouse fell to or below its threshold; staff are alerted.',
  orderKey: 'none',
});
