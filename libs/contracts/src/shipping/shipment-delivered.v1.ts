import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CARRIER_PATTERN, ContactV1, Limits, OrderSkuQuantityV1 } from '../common/values';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class ShipmentDeliveredV1Payload {
  @IsUUID() shipmentId!: string;
  @IsString() @Matches(CARRIER_PATTERN) carrier!: string;
  @IsString() @IsNotEmpty() @MaxLength(64) trackingNumber!: string;
  @IsISO8601({ strict: true }) deliveredAt!: string;
  @IsUUID(undefined, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxMergedOrders)
  orderIds!: string[];
  /** What was delivered, per order: an order is DELIVERED once all its shipped lines are. */
  @ValidateNested({ each: true })
  @Type(() => OrderSkuQuantityV1)
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxLines)
  lines!: OrderSkuQuantityV1[];
  /** Who signed, when the carrier says. */
  @IsOptional() @IsString() @MaxLength(200) receivedBy?: string;
  @IsOptional() @ValidateNested() @Type(() => ContactV1) contact?: ContactV1;
}

/** The carrier delivered a shipment. */
export const ShipmentDeliveredV1 = defineEvent({
  type: 'ShipmentDelivered',
  version: 1,
  topic: Topics.shipping,
  payloadClass: ShipmentDeliveredV1Payload,
  description: 'The carrier delivered a shipment.',
});
