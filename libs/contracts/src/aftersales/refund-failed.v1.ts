import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { MoneyV1 } from '../common/values';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { REFUND_REASONS, type RefundReason } from './refund-issued.v1';

export class RefundFailedV1Payload {
  @IsUUID() refundId!: string;
  @IsIn(REFUND_REASONS) reason!: RefundReason;
  @ValidateNested() @Type(() => MoneyV1) amount!: MoneyV1;
  @IsOptional() @IsUUID() cancellationId?: string;
  @IsOptional() @IsUUID() shipmentId?: string;
  @IsOptional() @IsUUID() returnId?: string;
  @IsInt() @Min(1) @Max(1000) attempts!: number;
  @IsString() @IsNotEmpty() @MaxLength(2000) error!: string;
  /** True: the provider keeps failing but it is tried again (at the longest interval); false: it refused for good. */
  @IsBoolean() willRetry!: boolean;
}

/** A refund kept failing at the payment provider (or was refused); ops must look. Never silently dropped. */
export const RefundFailedV1 = defineEvent({
  type: 'RefundFailed',
  version: 1,
  topic: Topics.aftersales,
  payloadClass: RefundFailedV1Payload,
  description: 'A refund kept failing at the payment provider (or was refused); ops must look.',
});
