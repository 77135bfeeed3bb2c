import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsISO8601, IsUUID, ValidateNested } from 'class-validator';
import { Limits, WarehouseAllocationV1 } from '../common/values';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class ReservationExpiredV1Payload {
  @IsUUID() reservationId!: string;
  /** What went back on sale, per warehouse. */
  @ValidateNested({ each: true })
  @Type(() => WarehouseAllocationV1)
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxLines)
  allocations!: WarehouseAllocationV1[];
  @IsISO8601({ strict: true }) expiredAt!: string;
}

/** A reservation lapsed before fulfillment was requested; its stock is back on sale (no StockReleased follows). */
export const ReservationExpiredV1 = defineEvent({
  type: 'ReservationExpired',
  version: 1,
  topic: Topics.inventory,
  payloadClass: ReservationExpiredV1Payload,
  description:
    'A reservation lapsed before fulfillment was requested; its stock is back on sale (no StockReleased follows).',
});
