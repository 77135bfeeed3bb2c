import { ArrayMaxSize, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export const EDIT_ANSWERS = ['released', 'refused'] as const;
export type EditAnswer = (typeof EDIT_ANSWERS)[number];

export class FulfillmentEditAnsweredV1Payload {
  @IsUUID() editId!: string;
  /** `released`: no picking had started, the order's pick lists are taken back; `refused`: picking started. */
  @IsIn(EDIT_ANSWERS) answer!: EditAnswer;
  /** The pick lists taken back, or the one whose picking had started. */
  @IsUUID(undefined, { each: true }) @ArrayMaxSize(100) pickListIds!: string[];
  @IsOptional() @IsString() @MaxLength(2000) detail?: string;
}

/** Fulfillment's answer to an edit of an order at the warehouse: taken back before picking, or too late. */
export const FulfillmentEditAnsweredV1 = defineEvent({
  type: 'FulfillmentEditAnswered',
  version: 1,
  topic: Topics.fulfillment,
  payloadClass: FulfillmentEditAnsweredV1Payload,
  description:
    "Fulfillment's answer to an edit of an order at the warehouse: pick lists taken back, or picking started.",
});
