import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  AddressV1,
  CHANNELS,
  type Channel,
  ContactV1,
  CURRENCIES,
  type Currency,
  Limits,
  PAYMENT_METHODS,
  type PaymentMethod,
} from '../common/values';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class OrderPlacedLineV1 {
  @IsString() @Matches(Limits.skuPattern) sku!: string;
  @IsInt() @Min(1) @Max(Limits.maxQuantity) quantity!: number;
  /** Minor units of `currency`. */
  @IsInt() @Min(0) @Max(Limits.maxAmountMinor) unitPrice!: number;
  /** quantity × unitPrice, minor units. */
  @IsInt() @Min(0) @Max(Limits.maxAmountMinor) lineTotal!: number;
}

export class OrderTotalsV1 {
  @IsInt() @Min(0) @Max(Limits.maxAmountMinor) subtotal!: number;
  @IsInt() @Min(0) @Max(Limits.maxAmountMinor) shipping!: number;
  @IsInt() @Min(0) @Max(Limits.maxAmountMinor) discount!: number;
  @IsInt() @Min(0) @Max(Limits.maxAmountMinor) total!: number;
}

export class OrderPlacedV1Payload {
  @IsString() @MaxLength(64) customerId!: string;
  @IsIn(CHANNELS) channel!: Channel;
  @IsIn(CURRENCIES) currency!: Currency;
  @ValidateNested({ each: true })
  @Type(() => OrderPlacedLineV1)
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxLines)
  items!: OrderPlacedLineV1[];
  @ValidateNested() @Type(() => OrderTotalsV1) totals!: OrderTotalsV1;
  @ValidateNested() @Type(() => AddressV1) shippingAddress!: AddressV1;
  @ValidateNested() @Type(() => ContactV1) contact!: ContactV1;
  @IsIn(PAYMENT_METHODS) paymentMethod!: PaymentMethod;
  @IsBoolean() shipComplete!: boolean;
  /** Staff member who keyed the order in (phone, email, store channels). */
  @IsOptional() @IsString() @MaxLength(64) placedBy?: string;
  @IsOptional() @IsString() @MaxLength(2000) notes?: string;
  @IsISO8601({ strict: true }) placedAt!: string;
}

/** An order was accepted from a channel, priced and stored as PLACED. */
export const OrderPlacedV1 = defineEvent({
  type: 'OrderPlaced',
  version: 1,
  topic: Topics.order,
  payloadClass: OrderPlacedV1Payload,
  description: 'An order was accepted from a channel, priced and stored as PLACED.',
});
