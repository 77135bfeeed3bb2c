import { ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNELS, type Channel, ORDER_STATUSES, type OrderStatus } from '@oms/contracts';
import { PageQueryDto } from '@oms/platform';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export class ListOrdersQuery extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) customerId?: string;
  @ApiPropertyOptional({ enum: ORDER_STATUSES }) @IsOptional() @IsIn(ORDER_STATUSES) status?: OrderStatus;
  @ApiPropertyOptional({ enum: CHANNELS }) @IsOptional() @IsIn(CHANNELS) channel?: Channel;
}
