import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '@oms/platform';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export class ListNotificationsQuery extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() orderId?: string;
  @ApiPropertyOptional({ description: 'email address or phone number' })
  @IsOptional()
  @IsString()
  @MaxLength(254)
  recipient?: string;
}
