import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { AddressV1, CARRIER_PATTERN, Limits, OrderSkuQuantityV1 } from '../common/values';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class ShipmentCreatedV1Payload {
  @IsUUID() shipmentId!: string;
  @IsUUID() pickListId!: string;
  @IsString() @IsNotEmpty() @MaxLength(64) warehouseId!: string;
  /** Every order in the shipment (several when merged). */
  @IsUUID(undefined, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxMergedOrders)
  orderIds!: string[];
  /** The delivery note, per order. */
  @ValidateNested({ each: true })
  @Type(() => OrderSkuQuantityV1)
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxLines)
  lines!: OrderSkuQuantityV1[];
  @IsInt() @Min(1) @Max(Limits.maxLines) packageCount!: number;
  @ValidateNested() @Type(() => AddressV1) shippingAddress!: AddressV1;
  /** The carrier chosen so far; it may still change at dispatch. */
  @IsOptional() @IsString() @Matches(CARRIER_PATTERN) carrier?: string;
}

/** Shipping made a shipment (delivery note) for packed goods; it waits for dispatch. */
export const ShipmentCreatedV1 = defineEvent({
  type: 'ShipmentCreated',
  version: 1,
  topic: Topics.shipping,
  payloadClass: ShipmentCreatedV1Payload,
  description: 'Shipping made a shipment (delivery note) for packed goods; it waits for dispatch.',
});
