import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
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
import { Limits } from '../common/values';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export const RETURN_CONDITIONS = ['resellable', 'damaged'] as const;
export type ReturnCondition = (typeof RETURN_CONDITIONS)[number];

export class ReturnedLineV1 {
  @IsString() @Matches(Limits.skuPattern) sku!: string;
  @IsInt() @Min(1) @Max(Limits.maxQuantity) quantity!: number;
  /** `resellable`: inventory restocks it; `damaged`: inventory writes it off. */
  @IsIn(RETURN_CONDITIONS) condition!: ReturnCondition;
  /** Why a damaged line is written off. */
  @IsOptional() @IsString() @MaxLength(500) writeOffReason?: string;
}

export class ReturnReceivedV1Payload {
  @IsUUID() returnId!: string;
  @IsString() @IsNotEmpty() @MaxLength(64) warehouseId!: string;
  @ValidateNested({ each: true })
  @Type(() => ReturnedLineV1)
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxLines)
  lines!: ReturnedLineV1[];
}

/** Returned goods arrived at a warehouse and were inspected, line by line. */
export const ReturnReceivedV1 = defineEvent({
  type: 'ReturnReceived',
  version: 1,
  topic: Topics.aftersales,
  payloadClass: ReturnReceivedV1Payload,
  description: 'Returned goods arrived at a warehouse and were inspected, line by line.',
});
