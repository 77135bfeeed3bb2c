import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Limits } from '@oms/contracts';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class SetOnHandDto {
  @ApiProperty({ minimum: 0, example: 120 }) @IsInt() @Min(0) @Max(Limits.maxQuantity * 100) onHand!: number;
}

export class UpsertWarehouseDto {
  @ApiProperty({ example: 'Shanghai DC 1' }) @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) address?: string;
  @ApiPropertyOptional({ example: 'east' }) @IsOptional() @IsString() @MaxLength(100) region?: string;
  @ApiPropertyOptional({ description: 'Lower is preferred when allocating', default: 100 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  priority?: number;
}
