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
import { Limits, OrderSkuQuantityV1 } from '../common/values';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { PickListLineV1 } from './pick-list-created.v1';

export const PICK_LIST_CHANGES = ['order-added', 'order-removed'] as const;
export type PickListChange = (typeof PICK_LIST_CHANGES)[number];

export class PickListChangedV1Payload {
  @IsUUID() pickListId!: string;
  @IsString() @IsNotEmpty() @MaxLength(64) warehouseId!: string;
  /**
   * `order-added`: another order of the same customer to the same address joined the list before picking
   * (merged: one pick, one parcel). `order-removed`: an order left it (cancelled or edited); the others go on.
   */
  @IsIn(PICK_LIST_CHANGES) change!: PickListChange;
  /** The order that joined or left. */
  @IsUUID() orderId!: string;
  /** The fulfillment request that joined (order-added). */
  @IsOptional() @IsUUID() fulfillmentRequestId?: string;
  /** Every order on the list now (the timeline of each records the change). */
  @IsUUID(undefined, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxMergedOrders)
  orderIds!: string[];
  /** The list's lines now, and per order. */
  @ValidateNested({ each: true })
  @Type(() => PickListLineV1)
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxLines)
  lines!: PickListLineV1[];
  @ValidateNested({ each: true })
  @Type(() => OrderSkuQuantityV1)
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxLines * Limits.maxMergedOrders)
  orderLines!: OrderSkuQuantityV1[];
  /** The list's state after the change: a packed list that lost an order is PICKED again, to be repacked. */
  @IsString() @IsNotEmpty() @MaxLength(20) status!: string;
  /** The cancellation this answers, when an order left because it was cancelled. */
  @IsOptional() @IsUUID() cancellationId?: string;
  @IsOptional() @IsString() @MaxLength(2000) detail?: string;
}

/** Orders joined or left a pick list that is not yet picked (a merge, or a cancel of one merged order). */
export const PickListChangedV1 = defineEvent({
  type: 'PickListChanged',
  version: 1,
  topic: Topics.fulfillment,
  payloadClass: PickListChangedV1Payload,
  description:
    'An order joined a pick list of the same customer and address (merged), or left one (cancelled, edited).',
});
