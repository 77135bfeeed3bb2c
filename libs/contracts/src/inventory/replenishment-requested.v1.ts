import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { Limits } from '../common/values';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export const REPLENISHMENT_TRIGGERS = ['backorder', 'low-stock'] as const;
export type ReplenishmentTrigger = (typeof REPLENISHMENT_TRIGGERS)[number];

export class ReplenishmentRequestedV1Payload {
  @IsString() @Matches(Limits.skuPattern) sku!: string;
  /** Units to order. */
  @IsInt() @Min(1) @Max(Limits.maxQuantity) quantity!: number;
  /** The warehouse to deliver to; absent when purchasing decides. */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(64) warehouseId?: string;
  @IsIn(REPLENISHMENT_TRIGGERS) trigger!: ReplenishmentTrigger;
  /** Units waiting on backorder for this SKU when requested. */
  @IsInt() @Min(0) backordered!: number;
}

/** Inventory asks ops (purchasing) to replenish a SKU: orders wait on backorder or stock ran low. */
export const ReplenishmentRequestedV1 = defineEvent({
  type: 'ReplenishmentRequested',
  version: 1,
  topic: Topics.inventory,
  payloadClass: ReplenishmentRequestedV1Payload,
  description: 'Inventory asks ops (purchasing) to replenish a SKU: orders wait on backorder or stock ran low.',
  orderKey: 'none',
});
