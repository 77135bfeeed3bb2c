import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsString,
  MaxLength,
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
import { OrderPlacedLineV1, OrderTotalsV1 } from './order-placed.v1';

/** How urgently an order ships: the backorder queue serves `express` first, then by `placedAt`. */
export const ORDER_PRIORITIES = ['standard', 'express'] as const;
export type OrderPriority = (typeof ORDER_PRIORITIES)[number];

export class OrderConfirmedV1Payload {
  @IsString() @MaxLength(64) customerId!: string;
  @IsIn(CHANNELS) channel!: Channel;
  @IsIn(CURRENCIES) currency!: Currency;
  /** Every line with its unit price (minor units), so that refunds and returns need not ask the order service. */
  @ValidateNested({ each: true })
  @Type(() => OrderPlacedLineV1)
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxLines)
  items!: OrderPlacedLineV1[];
  @ValidateNested() @Type(() => OrderTotalsV1) totals!: OrderTotalsV1;
  @ValidateNested() @Type(() => AddressV1) shippingAddress!: AddressV1;
  @ValidateNested() @Type(() => ContactV1) contact!: ContactV1;
  @IsIn(PAYMENT_METHODS) paymentMethod!: PaymentMethod;
  /** True: hold every line until all of it is reserved (no split shipment). */
  @IsBoolean() shipComplete!: boolean;
  @IsIn(ORDER_PRIORITIES) priority!: OrderPriority;
  /** Orders the backorder queue first come, first served. */
  @IsISO8601({ strict: true }) placedAt!: string;
}

/** An order passed review and payment (CONFIRMED): inventory reserves it, the customer is told. */
export const OrderConfirmedV1 = defineEvent({
  type: 'OrderConfirmed',
  version: 1,
  topic: Topics.order,
  payloadClass: OrderConfirmedV1Payload,
  description: 'An order passed review and payment (CONFIRMED): inventory reserves it, the customer is told.',
});
