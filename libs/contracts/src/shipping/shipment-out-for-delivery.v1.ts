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
import { CARRIER_PATTERN, ContactV1, Limits } from '../common/values';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class ShipmentOutForDeliveryV1Payload {
  @IsUUID() shipmentId!: string;
  @IsString() @Matches(CARRIER_PATTERN) carrier!: string;
  @IsString() @IsNotEmpty() @MaxLength(64) trackingNumber!: string;
  @IsUUID(undefined, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxMergedOrders)
  orderIds!: string[];
  @IsISO8601({ strict: true }) at!: string;
  @IsOptional() @IsString() @MaxLength(2000) detail?: string;
  /** So that notification can tell the customer. */
  @IsOptional() @ValidateNested() @Type(() => ContactV1) contact?: ContactV1;
}

/** The carrier reports a shipment out for delivery today. */
export const ShipmentOutForDeliveryV1 = defineEvent({
  type: 'ShipmentOutForDelivery',
  version: 1,
  topic: Topics.shipping,
  payloadClass: ShipmentOutForDeliveryV1Payload,
  description: 'The carrier reports a shipment out for delivery today.',
});
