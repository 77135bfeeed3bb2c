import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Limits } from '@oms/contracts';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  NotEquals,
} from 'class-validator';
import { ADJUSTMENT_REASONS, type AdjustmentReason } from '../../../domain/stock-level';

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

/** POST /v1/stock/{sku}/{warehouseId}/adjustments. */
export class AdjustStockDto {
  @ApiProperty({ description: 'Signed change of on-hand (negative removes)', example: -2 })
  @IsInt()
  @NotEquals(0)
  @Min(-Limits.maxQuantity * 100)
  @Max(Limits.maxQuantity * 100)
  delta!: number;

  @ApiProperty({ enum: ADJUSTMENT_REASONS }) @IsIn(ADJUSTMENT_REASONS) reason!: AdjustmentReason;
  @ApiPropertyOptional({ description: 'Free text for the ledger' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
  @ApiPropertyOptional({ description: 'Who made it (defaults to the X-Staff-Id header)' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  actor?: string;
}

/** POST /v1/stock/{sku}/{warehouseId}/replenishments: goods received. */
export class ReplenishStockDto {
  @ApiProperty({ minimum: 1, example: 50 }) @IsInt() @Min(1) @Max(Limits.maxQuantity) quantity!: number;
  @ApiPropertyOptional({ description: 'Goods receipt or purchase order' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reference?: string;
  @ApiPropertyOptional({ description: 'When the goods had been expected (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  expectedAt?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(64) actor?: string;
}

/** POST /v1/stock/{sku}/{warehouseId}/expected-receipts: a replenishment announced before the goods arrive. */
export class ExpectedReceiptDto {
  @ApiProperty({ minimum: 1, example: 100 }) @IsInt() @Min(1) @Max(Limits.maxQuantity) quantity!: number;
  @ApiProperty({ description: 'When the goods are expected (ISO 8601)', example: '2026-12-15T00:00:00Z' })
  @IsISO8601({ strict: true })
  expectedAt!: string;
  @ApiPropertyOptional({ description: 'Purchase order; a replenishment with the same reference closes it' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reference?: string;
}
