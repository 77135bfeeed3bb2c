import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { AddressV1, ContactV1, Limits, OrderSkuQuantityV1 } from '../common/values';
import { defineEvent } from '../event-definition';
import { FULFILLMENT_PURPOSES, type FulfillmentPurpose } from '../order/fulfillment-requested.v1';
import { Topics } from '../topics';

/** Heaviest parcel accepted: 70 kg. */
export const MAX_PACKAGE_GRAMS = 70_000;

export class PackageV1 {
  @IsUUID() packageId!: string;
  @IsInt() @Min(1) @Max(MAX_PACKAGE_GRAMS) weightGrams!: number;
  /** What the package holds, per order. */
  @ValidateNested({ each: true })
  @Type(() => OrderSkuQuantityV1)
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxLines)
  lines!: OrderSkuQuantityV1[];
}

export class OrderPackedV1Payload {
  @IsUUID() pickListId!: string;
  @IsString() @IsNotEmpty() @MaxLength(64) warehouseId!: string;
  @IsUUID(undefined, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxMergedOrders)
  orderIds!: string[];
  @ValidateNested({ each: true })
  @Type(() => PackageV1)
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxLines)
  packages!: PackageV1[];
  /** Where it goes and to whom: shipping makes the delivery note from this. */
  @IsString() @MaxLength(64) customerId!: string;
  @ValidateNested() @Type(() => AddressV1) shippingAddress!: AddressV1;
  @ValidateNested() @Type(() => ContactV1) contact!: ContactV1;
  /** Why the goods are sent (the fulfillment request's purpose); `order` when absent. */
  @IsOptional() @IsIn(FULFILLMENT_PURPOSES) purpose?: FulfillmentPurpose;
  /** The reship carried, when `purpose` is `reship`. */
  @IsOptional() @IsUUID() reshipId?: string;
}

/** A picked list was packed into packages and is ready to ship. */
export const OrderPackedV1 = defineEvent({
  type: 'OrderPacked',
  version: 1,
  topic: Topics.fulfillment,
  payloadClass: OrderPackedV1Payload,
  description: 'A picked list was packed into packages and is ready to ship.',
});
