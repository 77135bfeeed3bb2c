import { IsIn, IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export const CASE_OUTCOMES = ['refunded', 'reshipped', 'exchanged', 'explained', 'no-action'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

export class CaseResolvedV1Payload {
  @IsUUID() caseId!: string;
  @IsIn(CASE_OUTCOMES) outcome!: CaseOutcome;
  @IsString() @IsNotEmpty() @MaxLength(4000) resolution!: string;
  @IsString() @IsNotEmpty() @MaxLength(64) resolvedBy!: string;
}

/** A customer-service case about an order was resolved. */
export const CaseResolvedV1 = defineEvent({
  type: 'CaseResolved',
  version: 1,
  topic: Topics.aftersales,
  payloadClass: CaseResolvedV1Payload,
  description: 'A customer-service case about an order was resolved.',
});
