import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

/** The compensation steps of a cancellation, in the order the saga runs them. */
export const COMPENSATION_STEPS = ['void-shipment', 'cancel-pick-list', 'release-stock', 'refund-payment'] as const;
export type CompensationStep = (typeof COMPENSATION_STEPS)[number];

export class CompensationFailedV1Payload {
  @IsIn(COMPENSATION_STEPS) step!: CompensationStep;
  @IsOptional() @IsUUID() cancellationId?: string;
  /** The shipment, pick list, reservation or payment the step could not undo. */
  @IsOptional() @IsString() @MaxLength(200) targetId?: string;
  @IsInt() @Min(1) @Max(1000) attempts!: number;
  @IsString() @IsNotEmpty() @MaxLength(2000) error!: string;
}

/** A compensation step kept failing after its retries; ops must finish it by hand (a case is opened). */
export const CompensationFailedV1 = defineEvent({
  type: 'CompensationFailed',
  version: 1,
  topic: Topics.order,
  payloadClass: CompensationFailedV1Payload,
  description: 'A compensation step kept failing after its retries; ops must finish it by hand.',
});
