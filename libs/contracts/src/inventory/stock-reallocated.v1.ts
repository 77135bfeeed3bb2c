import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { Limits, WarehouseAllocationV1 } from '../common/values';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class ReallocatedLineV1 {
  @IsString() @Matches(Limits.skuPattern) sku!: string;
  /** Units of the SKU reserved for the order now (across its open reservations). */
  @IsInt() @Min(0) @Max(Limits.maxQuantity) reserved!: number;
  /** Units of the SKU the order waits for now. */
  @IsInt() @Min(0) @Max(Limits.maxQuantity) backordered!: number;
}

export class NewReservationV1 {
  @IsUUID() reservationId!: string;
  @ValidateNested({ each: true })
  @Type(() => WarehouseAllocationV1)
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxLines)
  allocations!: WarehouseAllocationV1[];
  @IsISO8601({ strict: true }) expiresAt!: string;
}

export class StockReallocatedV1Payload {
  /** The edit this answers. */
  @IsUUID() editId!: string;
  /** The reservations released to make the new one (their units went back on sale first). */
  @IsUUID(undefined, { each: true }) @ArrayMaxSize(100) released!: string[];
  /** What is reserved for the edited order now; absent when nothing could be. */
  @IsOptional() @ValidateNested() @Type(() => NewReservationV1) reservation?: NewReservationV1;
  /** The whole picture per SKU after the edit: the order's counts follow it. */
  @ValidateNested({ each: true })
  @Type(() => ReallocatedLineV1)
  @ArrayMaxSize(Limits.maxLines)
  lines!: ReallocatedLineV1[];
}

/** An edited order's stock was reserved anew: old reservations released, one new one, the rest waiting. */
export const StockReallocatedV1 = defineEvent({
  type: 'StockReallocated',
  version: 1,
  topic: Topics.inventory,
  payloadClass: StockReallocatedV1Payload,
  description: "An edited order's stock was reserved anew: old reservations released, one new one, the rest waiting.",
});
