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
import { AddressV1, ContactV1, Limits, OrderSkuQuantityV1 } from '../common/values';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { ORDER_PRIORITIES, type OrderPriority } from './order-confirmed.v1';

/** Why goods are sent: the order itself, a replacement for a lost or damaged shipment, or an exchange. */
export const FULFILLMENT_PURPOSES = ['order', 'reship', 'exchange'] as const;
export type FulfillmentPurpose = (typeof FULFILLMENT_PURPOSES)[number];

export class FulfillmentRequestedV1Payload {
  @IsUUID() fulfillmentRequestId!: string;
  /** The reservation the lines come from. */
  @IsOptional() @IsUUID() reservationId?: string;
  @IsString() @IsNotEmpty() @MaxLength(64) warehouseId!: string;
  /** Every order in the request: one, or several merged (same customer and address). Includes the envelope's. */
  @IsUUID(undefined, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxMergedOrders)
  orderIds!: string[];
  /** What to pick, per order. */
  @ValidateNested({ each: true })
  @Type(() => OrderSkuQuantityV1)
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxLines)
  lines!: OrderSkuQuantityV1[];
  @IsString() @MaxLength(64) customerId!: string;
  @ValidateNested() @Type(() => AddressV1) shippingAddress!: AddressV1;
  @ValidateNested() @Type(() => ContactV1) contact!: ContactV1;
  @IsIn(FULFILLMENT_PURPOSES) purpose!: FulfillmentPurpose;
  @IsIn(ORDER_PRIORITIES) priority!: OrderPriority;
  /** The reship this request sends, when `purpose` is `reship`. */
  @IsOptional() @IsUUID() reshipId?: string;
}

/** The saga asks one warehouse to pick, pack and ship reserved lines of one order or of several merged orders. */
export const FulfillmentRequestedV1 = defineEvent({
  type: 'FulfillmentRequested',
  version: 1,
  topic: Topics.order,
  payloadClass: FulfillmentRequestedV1Payload,
  description:
    'The saga asks one warehouse to pick, pack and ship reserved lines of one order or of several merged orders.',
});
