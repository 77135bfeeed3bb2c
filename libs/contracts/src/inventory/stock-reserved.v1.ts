import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsISO8601, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { Limits, WarehouseAllocationV1 } from '../common/values';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class StockReservedV1Payload {
  @IsUUID() reservationId!: string;
  /** Which warehouse gives what: the saga makes one fulfillment request per allocation. */
  @ValidateNested({ each: true })
  @Type(() => WarehouseAllocationV1)
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxLines)
  allocations!: WarehouseAllocationV1[];
  /** When the reservation lapses unless fulfillment is requested (ReservationExpired). */
  @IsISO8601({ strict: true }) expiresAt!: string;
  /** True when every line the order asked for is now reserved (nothing left on backorder). */
  @IsBoolean() complete!: boolean;
  /** True when stock came from a replenishment to an order that was waiting on backorder. */
  @IsBoolean() fromBackorder!: boolean;
  /** The reship these units are for, when they replace a shipment in trouble (the order's own lines are untouched). */
  @IsOptional() @IsUUID() reshipId?: string;
}

/** Inventory reserved stock for an order (or some of its lines), warehouse by warehouse. */
export const StockReservedV1 = defineEvent({
  type: 'StockReserved',
  version: 1,
  topic: Topics.inventory,
  payloadClass: StockReservedV1Payload,
  description: 'Inventory reserved stock for an order (or some of its lines), warehouse by warehouse.',
});
