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
} from 'class-validator';
import { CARRIER_PATTERN, Limits } from '../common/values';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class ShipmentInTransitV1Payload {
  @IsUUID() shipmentId!: string;
  @IsString() @Matches(CARRIER_PATTERN) carrier!: string;
  @IsString() @IsNotEmpty() @MaxLength(64) trackingNumber!: string;
  @IsUUID(undefined, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxMergedOrders)
  orderIds!: string[];
  /** When the carrier saw it. */
  @IsISO8601({ strict: true }) at!: string;
  @IsOptional() @IsString() @MaxLength(200) location?: string;
  @IsOptional() @IsString() @MaxLength(2000) detail?: string;
}

/** The carrier reports a shipment on its way. */
export const ShipmentInTransitV1 = defineEvent({
  type: 'ShipmentInTransit',
  version: 1,
  topic: Topics.shipping,
  payloadClass: ShipmentInTransitV1Payload,
  description: 'The carrier reports a shipment on its way.',
});
