import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { Limits, SkuQuantityV1 } from '../common/values';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export const RESHIP_REASONS = ['lost', 'damaged', 'missing-items', 'wrong-items', 'other'] as const;
export type ReshipReason = (typeof RESHIP_REASONS)[number];

export class ReshipRequestedV1Payload {
  @IsUUID() reshipId!: string;
  /** The lines to send again, free of charge. */
  @ValidateNested({ each: true })
  @Type(() => SkuQuantityV1)
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxLines)
  lines!: SkuQuantityV1[];
  @IsIn(RESHIP_REASONS) reason!: ReshipReason;
  /** The shipment that failed, when one did. */
  @IsOptional() @IsUUID() shipmentId?: string;
  /** The case it resolves, when one was opened. */
  @IsOptional() @IsUUID() caseId?: string;
  @IsString() @IsNotEmpty() @MaxLength(64) requestedBy!: string;
  /** `exchange`: replacement goods for a return (its exchange id is the reship id); `reship` when absent. */
  @IsOptional() @IsIn(['reship', 'exchange']) purpose?: 'reship' | 'exchange';
}

/** Lines of an order must be sent again (a shipment in trouble, an exchange): inventory reserves them anew. */
export const ReshipRequestedV1 = defineEvent({
  type: 'ReshipRequested',
  version: 1,
  topic: Topics.order,
  payloadClass: ReshipRequestedV1Payload,
  description: 'Lines of an order must be sent again (lost or damaged shipment): inventory reserves them anew.',
});
