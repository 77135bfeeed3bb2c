import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CHANNELS,
  type Channel,
  CURRENCIES,
  type Currency,
  Limits,
  LOCALES,
  type Locale,
  PAYMENT_METHODS,
  type PaymentMethod,
} from '@oms/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import type { PlaceOrderCommand } from '../../../domain/order';

/** A SKU and a quantity: a cart line, and the start of an order line. */
export class SkuQuantityDto {
  @ApiProperty({ example: 'TEA-GREEN-250G', pattern: Limits.skuPattern.source })
  @IsString()
  @Matches(Limits.skuPattern, { message: 'sku must be 1-64 letters, digits, dot, dash or underscore' })
  sku!: string;

  @ApiProperty({ minimum: 1, maximum: Limits.maxQuantity, example: 2 })
  @IsInt()
  @Min(1)
  @Max(Limits.maxQuantity)
  quantity!: number;
}

export class OrderItemDto extends SkuQuantityDto {
  @ApiProperty({ description: 'Unit price in minor units of the order currency', minimum: 0, example: 1999 })
  @IsInt()
  @Min(0)
  @Max(Limits.maxAmountMinor)
  unitPrice!: number;
}

export class AddressDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(40) phone!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) line1!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) line2?: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(100) city!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) region?: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(20) postalCode!: string;
  @ApiProperty({ description: 'ISO 3166-1 alpha-2', example: 'CN' })
  @IsString()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code' })
  country!: string;
}

export class ContactDto {
  @ApiPropertyOptional() @IsOptional() @IsEmail() @MaxLength(254) email?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) phone?: string;
  @ApiPropertyOptional({ enum: LOCALES }) @IsOptional() @IsIn(LOCALES) locale?: Locale;
}

export class PaymentDto {
  @ApiProperty({ enum: PAYMENT_METHODS }) @IsIn(PAYMENT_METHODS) method!: PaymentMethod;
}

/** What an order needs beyond its lines: where it goes, whom to tell, how it is paid (orders and checkouts). */
export class OrderDetailsDto {
  @ApiProperty({ type: AddressDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => AddressDto)
  shippingAddress!: AddressDto;

  @ApiProperty({ type: ContactDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ContactDto)
  contact!: ContactDto;

  @ApiProperty({ type: PaymentDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => PaymentDto)
  payment!: PaymentDto;

  @ApiPropertyOptional({ description: 'Hold everything until every line is reserved' })
  @IsOptional()
  @IsBoolean()
  shipComplete?: boolean;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) notes?: string;

  @ApiPropertyOptional({ description: 'Staff member who keyed the order (required for phone, email and store)' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  placedBy?: string;
}

/** POST /v1/orders (API.md). Unknown fields are rejected. */
export class PlaceOrderDto extends OrderDetailsDto {
  @ApiProperty({ example: 'customer-42' }) @IsString() @IsNotEmpty() @MaxLength(64) customerId!: string;
  @ApiProperty({ enum: CHANNELS }) @IsIn(CHANNELS) channel!: Channel;
  @ApiProperty({ enum: CURRENCIES, example: 'CNY' }) @IsIn(CURRENCIES) currency!: Currency;

  @ApiProperty({ type: [OrderItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxLines)
  @ValidateNested({ each: true })
  @Type(() => OrderItemDto)
  items!: OrderItemDto[];
}

/** The application's view of the details, the same for REST, gRPC and checkout. */
export function orderDetailsOf(
  dto: OrderDetailsDto,
): Omit<PlaceOrderCommand, 'customerId' | 'channel' | 'currency' | 'items'> {
  return {
    shippingAddress: dto.shippingAddress,
    contact: dto.contact,
    paymentMethod: dto.payment.method,
    shipComplete: dto.shipComplete,
    notes: dto.notes,
    placedBy: dto.placedBy,
  };
}

export function placeOrderCommandOf(dto: PlaceOrderDto): PlaceOrderCommand {
  return {
    customerId: dto.customerId,
    channel: dto.channel,
    currency: dto.currency,
    items: dto.items,
    ...orderDetailsOf(dto),
  };
}
