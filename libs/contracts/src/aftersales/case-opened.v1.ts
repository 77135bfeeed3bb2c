import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export const CASE_KINDS = [
  'delivery-issue',
  'damaged-goods',
  'missing-items',
  'billing',
  'compensation-failed',
  'complaint',
  'other',
] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export class CaseOpenedV1Payload {
  @IsUUID() caseId!: string;
  @IsIn(CASE_KINDS) kind!: CaseKind;
  @IsString() @IsNotEmpty() @MaxLength(200) subject!: string;
  @IsOptional() @IsString() @MaxLength(4000) detail?: string;
  /** The customer, staff member or `system`. */
  @IsString() @IsNotEmpty() @MaxLength(64) openedBy!: string;
}

/** A customer-service case was opened about an order. */
export const CaseOpenedV1 = defineEvent({
  type: 'CaseOpened',
  version: 1,
  topic: Topics.aftersales,
  payloadClass: CaseOpenedV1Payload,
  description: 'A customer-service case was opened about an order.',
});
