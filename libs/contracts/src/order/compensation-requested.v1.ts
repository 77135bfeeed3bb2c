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
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Limits, SkuQuantityV1 } from '../common/values';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { COMPENSATION_STEPS, type CompensationStep } from './compensation-failed.v1';
import { CANCELLATION_SCOPES, type CancellationScope } from './order-cancellation';

export class CompensationRequestedV1Payload {
  @IsUUID() cancellationId!: string;
  /** The one service whose step this is acts (shipping, fulfillment, inventory); the others ignore it. */
  @IsIn(COMPENSATION_STEPS) step!: CompensationStep;
  /** 1 for the first request; a step that did not answer in time is asked again (each step is idempotent). */
  @IsInt() @Min(1) @Max(1000) attempt!: number;
  @IsIn(CANCELLATION_SCOPES) scope!: CancellationScope;
  /** The units cancelled when `scope` is `lines`. */
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => SkuQuantityV1)
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxLines)
  lines?: SkuQuantityV1[];
  @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

/**
 * The cancellation saga asks one service to undo its part, one step at a time in reverse order of the way
 * forward: void the shipment, cancel the pick lists, release the stock (the refund is RefundRequested). The
 * service answers with its CompensationCompleted event.
 */
export const CompensationRequestedV1 = defineEvent({
  type: 'CompensationRequested',
  version: 1,
  topic: Topics.order,
  payloadClass: CompensationRequestedV1Payload,
  description:
    'The cancellation saga asks one service to undo its part (void shipment, cancel pick lists, release stock), one step at a time.',
});
