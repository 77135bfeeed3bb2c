import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsUUID,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { AddressV1, ContactV1, Limits } from '../common/values';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { OrderPlacedLineV1, OrderTotalsV1 } from './order-placed.v1';

export const ORDER_CHANGE_KINDS = [
  'item-added',
  'item-removed',
  'quantity-changed',
  'shipping-address-changed',
  'contact-changed',
] as const;
export type OrderChangeKind = (typeof ORDER_CHANGE_KINDS)[number];

/** One change of an edit: what the timeline shows and what inventory adjusts the reservation by. */
export class OrderChangeV1 {
  @IsIn(ORDER_CHANGE_KINDS) kind!: OrderChangeKind;
  /** The SKU of an item change. */
  @IsOptional() @IsString() @Matches(Limits.skuPattern) sku?: string;
  /** Quantity before the change (0 for an added item). */
  @IsOptional() @IsInt() @Min(0) @Max(Limits.maxQuantity) fromQuantity?: number;
  /** Quantity after the change (0 for a removed item). */
  @IsOptional() @IsInt() @Min(0) @Max(Limits.maxQuantity) toQuantity?: number;
}

export class OrderEditedV1Payload {
  /** The edit (OrderEditRequested carried it when fulfillment had to agree first). */
  @IsOptional() @IsUUID() editId?: string;
  /** The full item list after the edit (units still wanted, cancelled ones left out); present when items changed. */
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => OrderPlacedLineV1)
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxLines)
  items?: OrderPlacedLineV1[];
  /** The totals after the edit; present when items changed. */
  @IsOptional() @ValidateNested() @Type(() => OrderTotalsV1) totals?: OrderTotalsV1;
  /** The new address; present when it changed. */
  @IsOptional() @ValidateNested() @Type(() => AddressV1) shippingAddress?: AddressV1;
  /** The new contact; present when it changed. */
  @IsOptional() @ValidateNested() @Type(() => ContactV1) contact?: ContactV1;
  @ValidateNested({ each: true })
  @Type(() => OrderChangeV1)
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxLines * 2)
  changes!: OrderChangeV1[];
  /** The customer, staff member or `system`. */
  @IsString() @IsNotEmpty() @MaxLength(64) editedBy!: string;
}

/** An order's items, quantities, address or contact changed before picking started; the reservation follows. */
export const OrderEditedV1 = defineEvent({
  type: 'OrderEdited',
  version: 1,
  topic: Topics.order,
  payloadClass: OrderEditedV1Payload,
  description:
    "An order's items, quantities, address or contact changed before picking started; the reservation follows.",
});
