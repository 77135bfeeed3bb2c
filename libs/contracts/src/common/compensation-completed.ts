import { ArrayMaxSize, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { COMPENSATION_STEPS, type CompensationStep } from '../order/compensation-failed.v1';

export const COMPENSATION_OUTCOMES = ['done', 'failed'] as const;
export type CompensationOutcome = (typeof COMPENSATION_OUTCOMES)[number];

/** A service's answer to one compensation step (the same shape from shipping, fulfillment and inventory). */
export class CompensationCompletedV1Payload {
  @IsUUID() cancellationId!: string;
  @IsIn(COMPENSATION_STEPS) step!: CompensationStep;
  /** `done`: what could be undone was undone (possibly nothing); `failed`: it cannot be undone, ops must act. */
  @IsIn(COMPENSATION_OUTCOMES) outcome!: CompensationOutcome;
  /** The shipments, pick lists or reservations undone. */
  @IsString({ each: true }) @MaxLength(64, { each: true }) @ArrayMaxSize(100) undone!: string[];
  /** Why it failed, or a note on what was done. */
  @IsOptional() @IsString() @MaxLength(2000) detail?: string;
}

/** Its one sentence, shared by the three definitions. */
export const COMPENSATION_COMPLETED_DESCRIPTION =
  "A service finished its step of a cancellation's compensation (or found it cannot be undone).";
