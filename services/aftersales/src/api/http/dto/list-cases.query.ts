import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '@oms/platform';
import { IsUUID, IsOptional } from 'class-validator';

export class ListCasesQuery extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() orderId?: string;
}
