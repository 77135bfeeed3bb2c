import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsISO8601,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  IsUrl,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CARRIER_PATTERN, ContactV1, Limits, OrderSkuQuantityV1 } from '../common/values';
import { defineEvent } from '../event-definition';
import { FULFILLMENT_PURPOSES, type FulfillmentPurpose } from '../order/fulfillment-requested.v1';
import { Topics } from '../topics';

export class ShipmentDispatchedV1Payload {
  @IsUUID() shipmentId!: string;
  @IsString() @IsNotEmpty() @MaxLength(64) warehouseId!: string;
  @IsString() @Matches(CARRIER_PATTERN) carrier!: string;
  @IsString() @IsNotEmpty() @MaxLength(64) trackingNumber!: string;
  @IsOptional() @IsUrl({ require_protocol: true, protocols: ['https'] }) @MaxLength(2000) trackingUrl?: string;
  @IsUUID(undefined, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxMergedOrders)
  orderIds!: string[];
  /** What left, per order: the order goes SHIPPED or PARTIALLY_SHIPPED, inventory takes it off hand. */
  @ValidateNested({ each: true })
  @Type(() => OrderSkuQuantityV1)
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxLines)
  lines!: OrderSkuQuantityV1[];
  @IsISO8601({ strict: true }) dispatchedAt!: string;
  @IsOptional() @IsISO8601({ strict: true }) estimatedDelivery?: string;
  /** So that notification can send the tracking number. */
  @IsOptional() @ValidateNested() @Type(() => ContactV1) contact?: ContactV1;
  /** Why the goods are sent (the fulfillment request's purpose); `order` when absent. */
  @IsOptional() @IsIn(FULFILLMENT_PURPOSES) purpose?: FulfillmentPurpose;
  /** The reship carried, when `purpose` is `reship`. */
  @IsOptional() @IsUUID() reshipId?: string;
}

/** A shipment was handed to its carrier with a tracking number; it can no longer be cancelled. */
export const ShipmentDispatchedV1 = defineEvent({
  type: 'ShipmentDispatched',
  version: 1,
  topic: Topics.shipping,
  payloadClass: ShipmentDispatchedV1Payload,
  description: 'A shipment was handed to its carrier with a tracking number; it can no longer be cancelled.',
});
