import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
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

export const SHIPMENT_EXCEPTION_KINDS = ['failed-attempt', 'damaged', 'lost', 'returned-to-sender', 'other'] as const;
export type ShipmentExceptionKind = (typeof SHIPMENT_EXCEPTION_KINDS)[number];

export class ShipmentExceptionV1Payload {
  @IsUUID() shipmentId!: string;
  @IsString() @Matches(CARRIER_PATTERN) carrier!: string;
  @IsString() @IsNotEmpty() @MaxLength(64) trackingNumber!: string;
  @IsUUID(undefined, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxMergedOrders)
  orderIds!: string[];
  @IsIn(SHIPMENT_EXCEPTION_KINDS) kind!: ShipmentExceptionKind;
  @IsISO8601({ strict: true }) at!: string;
  @IsOptional() @IsString() @MaxLength(2000) detail?: string;
  /** So that notification can tell the customer (staff are alerted as well). */
  @IsOptional() @ValidateNested() @Type(() => ContactV1) contact?: ContactV1;
}

/** The carrier reports a problem with a shipment (failed attempt, damage, loss); staff are alerted. */
export const ShipmentExceptionV1 = defineEvent({
  type: 'ShipmentException',
  version: 1,
  topic: Topics.shipping,
  payloadClass: ShipmentExceptionV1Payload,
  description: 'The carrier reports a problem with a shipment (failed attempt, damage, loss); staff are alerted.',
});
