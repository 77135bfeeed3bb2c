import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { Limits, WarehouseAllocationV1 } from '../common/values';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export const STOCK_RELEASE_REASONS = [
  'order-cancelled',
  'lines-cancelled',
  'order-edited',
  'short-pick',
  'other',
] as const;
export type StockReleaseReason = (typeof STOCK_RELEASE_REASONS)[number];

export class StockReleasedV1Payload {
  /** The reservation released from; absent when backordered (never reserved) lines are dropped. */
  @IsOptional() @IsUUID() reservationId?: string;
  /** The cancellation this answers (compensation step `release-stock`). */
  @IsOptional() @IsUUID() cancellationId?: string;
  /** What went back on sale, per warehouse. */
  @ValidateNested({ each: true })
  @Type(() => WarehouseAllocationV1)
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxLines)
  allocations!: WarehouseAllocationV1[];
  @IsIn(STOCK_RELEASE_REASONS) reason!: StockReleaseReason;
}

/** Reserved stock of an order went back on sale (cancel, edit, short pick). Expiry is ReservationExpired. */
export const StockReleasedV1 = defineEvent({
  type: 'StockReleased',
  version: 1,
  topic: Topics.inventory,
  payloadClass: StockReleasedV1Payload,
  description: 'Reserved stock of an order went back on sale (cancel, edit, short pick). Expiry is ReservationExpired.',
});
