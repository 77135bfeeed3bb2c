import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '@oms/platform';
import { IsIn, IsOptional, IsUUID } from 'class-validator';

export class ListRefundsQuery extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() orderId?: string;
  @ApiPropertyOptional({ enum: ['PENDING', 'ISSUED', 'FAILED'] })
  @IsOptional()
  @IsIn(['PENDING', 'ISSUED', 'FAILED'])
  status?: string;
}
