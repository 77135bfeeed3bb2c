import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNELS, type Channel, CURRENCIES, type Currency, Limits } from '@oms/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { OrderDetailsDto, SkuQuantityDto } from './place-order.dto';

export class CartItemDto extends SkuQuantityDto {}

/** POST /v1/carts. */
export class CreateCartDto {
  @ApiProperty({ example: 'customer-42' }) @IsString() @IsNotEmpty() @MaxLength(64) customerId!: string;
  @ApiProperty({ enum: CURRENCIES, example: 'CNY' }) @IsIn(CURRENCIES) currency!: Currency;

  @ApiPropertyOptional({ enum: CHANNELS, default: 'web', description: 'The channel the checkout order comes from' })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  @ApiPropertyOptional({ type: [CartItemDto], description: 'Lines to start with; a SKU given twice keeps the last' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(Limits.maxLines)
  @ValidateNested({ each: true })
  @Type(() => CartItemDto)
  items?: CartItemDto[];
}

/** PUT /v1/carts/{id}/items/{sku}: the line's new quantity (it replaces; it does not add). */
export class SetCartItemDto {
  @ApiProperty({ minimum: 1, maximum: Limits.maxQuantity, example: 2 })
  @IsInt()
  @Min(1)
  @Max(Limits.maxQuantity)
  quantity!: number;
}

/** POST /v1/carts/{id}/checkout: what an order needs beyond the cart's lines. */
export class CheckoutDto extends OrderDetailsDto {}

/** PUT /v1/prices/{sku}: the price carts use for this SKU in one currency. */
export class SetPriceDto {
  @ApiProperty({ enum: CURRENCIES, example: 'CNY' }) @IsIn(CURRENCIES) currency!: Currency;

  @ApiProperty({ description: 'Unit price in minor units', minimum: 0, example: 1999 })
  @IsInt()
  @Min(0)
  @Max(Limits.maxAmountMinor)
  unitPrice!: number;
}
