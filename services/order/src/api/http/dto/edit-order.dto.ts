import { ApiPropertyOptional } from '@nestjs/swagger';
import { Limits } from '@oms/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { AddressDto, ContactDto, OrderItemDto } from './place-order.dto';

/** PATCH /v1/orders/{id}: what changes. `items` is the whole list wanted now (an item left out is removed). */
export class EditOrderDto {
  @ApiPropertyOptional({ type: [OrderItemDto], description: 'The whole item list wanted now' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxLines)
  @ValidateNested({ each: true })
  @Type(() => OrderItemDto)
  items?: OrderItemDto[];

  @ApiPropertyOptional({ type: AddressDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => AddressDto)
  shippingAddress?: AddressDto;

  @ApiPropertyOptional({ type: ContactDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContactDto)
  contact?: ContactDto;

  @ApiPropertyOptional({ description: 'The customer, staff member or system editing; `customer` when absent' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  editedBy?: string;
}
