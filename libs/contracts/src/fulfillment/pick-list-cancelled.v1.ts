import { ArrayMaxSize, ArrayMinSize, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Limits } from '../common/values';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export const PICK_LIST_CANCEL_REASONS = ['order-cancelled', 'order-edited', 'merged', 'other'] as const;
export type PickListCancelReason = (typeof PICK_LIST_CANCEL_REASONS)[number];

export class PickListCancelledV1Payload {
  @IsUUID() pickListId!: string;
  @IsString() @IsNotEmpty() @MaxLength(64) warehouseId!: string;
  @IsUUID(undefined, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxMergedOrders)
  orderIds!: string[];
  @IsUUID(undefined, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxMergedOrders)
  fulfillmentRequestIds!: string[];
  /** The cancellation this answers (compensation step `cancel-pick-list`). */
  @IsOptional() @IsUUID() cancellationId?: string;
  @IsIn(PICK_LIST_CANCEL_REASONS) reason!: PickListCancelReason;
  @IsOptional() @IsString() @MaxLength(2000) detail?: string;
}

/** A pick list was cancelled before packing; its goods go back to their bins. */
export const PickListCancelledV1 = defineEvent({
  type: 'PickListCancelled',
  version: 1,
  topic: Topics.fulfillment,
  payloadClass: PickListCancelledV1Payload,
  description: 'A pick list was cancelled before packing; its goods go back to their bins.',
});
