import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsNotEmpty, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { Limits, OrderSkuQuantityV1 } from '../common/values';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class StockShippedV1Payload {
  @IsUUID() shipmentId!: string;
  @IsString() @IsNotEmpty() @MaxLength(64) warehouseId!: string;
  /** Every order of the shipment (several when merged). */
  @IsUUID(undefined, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxMergedOrders)
  orderIds!: string[];
  /** What left the warehouse, per order: taken off on-hand and off the reservation. */
  @ValidateNested({ each: true })
  @Type(() => OrderSkuQuantityV1)
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxLines)
  lines!: OrderSkuQuantityV1[];
}

/** Reserved stock left the warehouse with a dispatched shipment: on-hand and reserved both went down. */
export const StockShippedV1 = defineEvent({
  type: 'StockShipped',
  version: 1,
  topic: Topics.inventory,
  payloadClass: StockShippedV1Payload,
  description: 'Reserved stock left the warehouse with a dispatched shipment: on-hand and reserved both went down.',
});
