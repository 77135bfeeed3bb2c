import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ContactV1, Limits, MoneyV1, SkuQuantityV1 } from '../common/values';
import { defineEvent } from '../event-definition';
import { SHIPMENT_EXCEPTION_KINDS, type ShipmentExceptionKind } from '../shipping/shipment-exception.v1';
import { Topics } from '../topics';

/** What the saga offers for a shipment in trouble. */
export const DELIVERY_RESOLUTIONS = ['reship', 'refund', 'contact-customer'] as const;
export type DeliveryResolution = (typeof DELIVERY_RESOLUTIONS)[number];

export class DeliveryExceptionResolvedV1Payload {
  @IsUUID() shipmentId!: string;
  /** The carrier's number of the shipment in trouble, so that the customer recognises it. */
  @IsString() @IsNotEmpty() @MaxLength(64) trackingNumber!: string;
  /** The carrier's exception that is resolved. */
  @IsIn(SHIPMENT_EXCEPTION_KINDS) kind!: ShipmentExceptionKind;
  @IsIn(DELIVERY_RESOLUTIONS) resolution!: DeliveryResolution;
  /** The order's lines the shipment carried. */
  @ValidateNested({ each: true })
  @Type(() => SkuQuantityV1)
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxLines)
  lines!: SkuQuantityV1[];
  /** The reship sent in its place (ReshipRequested), when `resolution` is `reship`. */
  @IsOptional() @IsUUID() reshipId?: string;
  /** The amount to pay back (RefundRequested), when `resolution` is `refund`. */
  @IsOptional() @ValidateNested() @Type(() => MoneyV1) refund?: MoneyV1;
  /** The customer, staff member or `system`. */
  @IsString() @IsNotEmpty() @MaxLength(64) chosenBy!: string;
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
  /** So that notification can tell the customer what happens next. */
  @IsOptional() @ValidateNested() @Type(() => ContactV1) contact?: ContactV1;
}

/**
 * A resolution was chosen for a shipment in trouble (lost, damaged, failed delivery) and is being carried out:
 * send the lines again, pay their value back, or hand the problem to customer service (aftersales opens a case).
 */
export const DeliveryExceptionResolvedV1 = defineEvent({
  type: 'DeliveryExceptionResolved',
  version: 1,
  topic: Topics.order,
  payloadClass: DeliveryExceptionResolvedV1Payload,
  description:
    'A resolution was chosen for a shipment in trouble: reship its lines, refund them, or hand it to customer service.',
});
