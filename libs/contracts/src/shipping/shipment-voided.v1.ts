import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { Limits, OrderSkuQuantityV1 } from '../common/values';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class ShipmentVoidedV1Payload {
  @IsUUID() shipmentId!: string;
  @IsString() @IsNotEmpty() @MaxLength(64) warehouseId!: string;
  @IsUUID(undefined, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxMergedOrders)
  orderIds!: string[];
  /** What the shipment held, per order: it goes back to stock in the warehouse. */
  @ValidateNested({ each: true })
  @Type(() => OrderSkuQuantityV1)
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxLines)
  lines!: OrderSkuQuantityV1[];
  /** The cancellation this answers (compensation step `void-shipment`). */
  @IsOptional() @IsUUID() cancellationId?: string;
  @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

/** A shipment not yet dispatched was voided (the order or lines were cancelled). */
export const ShipmentVoidedV1 = defineEvent({
  type: 'ShipmentVoided',
  version: 1,
  topic: Topics.shipping,
  payloadClass: ShipmentVoidedV1Payload,
  description: 'A shipment not yet dispatched was voided (the order or lines were cancelled).',
});
