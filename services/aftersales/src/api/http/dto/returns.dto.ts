import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  Limits,
  RETURN_CONDITIONS,
  RETURN_REASONS,
  RETURN_RESOLUTIONS,
  type ReturnCondition,
  type ReturnReason,
  type ReturnResolution,
} from '@oms/contracts';
import { PageQueryDto } from '@oms/platform';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export class ReturnItemDto {
  @ApiProperty({ pattern: Limits.skuPattern.source }) @IsString() @Matches(Limits.skuPattern) sku!: string;
  @ApiProperty({ minimum: 1 }) @IsInt() @Min(1) @Max(Limits.maxQuantity) quantity!: number;
}

/** POST /v1/returns. */
export class RequestReturnDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() orderId!: string;
  @ApiProperty({ type: [ReturnItemDto] })
  @Type(() => ReturnItemDto)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxLines)
  @ValidateNested({ each: true })
  items!: ReturnItemDto[];
  @ApiProperty({ enum: RETURN_REASONS }) @IsIn(RETURN_REASONS) reason!: ReturnReason;
  @ApiPropertyOptional({ maxLength: 4000 }) @IsOptional() @IsString() @MaxLength(4000) comment?: string;
  @ApiPropertyOptional({ enum: RETURN_RESOLUTIONS, default: 'refund' })
  @IsOptional()
  @IsIn(RETURN_RESOLUTIONS)
  resolution?: ReturnResolution;
  @ApiPropertyOptional({
    type: [ReturnItemDto],
    description: 'Replacement items of an exchange (the same when absent)',
  })
  @IsOptional()
  @Type(() => ReturnItemDto)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxLines)
  @ValidateNested({ each: true })
  exchangeItems?: ReturnItemDto[];
  @ApiPropertyOptional({ description: 'The customer, or the staff member keying it in' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  requestedBy?: string;
}

/** POST /v1/returns/{id}/approve. */
export class ApproveReturnDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(64) approvedBy?: string;
  @ApiPropertyOptional({ type: [ReturnItemDto], description: 'Fewer than requested, when only some are accepted' })
  @IsOptional()
  @Type(() => ReturnItemDto)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxLines)
  @ValidateNested({ each: true })
  lines?: ReturnItemDto[];
  @ApiPropertyOptional({ description: 'Where the goods go back (default: the warehouse that shipped them)' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  warehouseId?: string;
}

/** POST /v1/returns/{id}/reject. */
export class RejectReturnDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(64) rejectedBy?: string;
}

export class InspectedLineDto extends ReturnItemDto {
  @ApiProperty({ enum: RETURN_CONDITIONS }) @IsIn(RETURN_CONDITIONS) condition!: ReturnCondition;
  @ApiPropertyOptional({ description: 'Why a damaged line is written off' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  writeOffReason?: string;
}

/** POST /v1/returns/{id}/receive: what arrived, line by line as inspected. */
export class ReceiveReturnDto {
  @ApiProperty({ type: [InspectedLineDto] })
  @Type(() => InspectedLineDto)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxLines)
  @ValidateNested({ each: true })
  lines!: InspectedLineDto[];
  @ApiPropertyOptional({ description: 'The warehouse that received it (default: the one it was sent to)' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  warehouseId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(64) receivedBy?: string;
}

export class ListReturnsQuery extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() orderId?: string;
  @ApiPropertyOptional({ enum: ['REQUESTED', 'APPROVED', 'REJECTED', 'RECEIVED', 'COMPLETED'] })
  @IsOptional()
  @IsIn(['REQUESTED', 'APPROVED', 'REJECTED', 'RECEIVED', 'COMPLETED'])
  status?: string;
}
