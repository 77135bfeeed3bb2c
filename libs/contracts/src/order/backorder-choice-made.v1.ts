import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { Limits, SkuQuantityV1 } from '../common/values';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

/**
 * `wait`: keep everything until the backordered lines arrive; `ship-available`: ship what is reserved now, the
 * rest later; `drop-waiting`: cancel the backordered lines and ship the rest.
 */
export const BACKORDER_CHOICES = ['wait', 'ship-available', 'drop-waiting'] as const;
export type BackorderChoice = (typeof BACKORDER_CHOICES)[number];

export class BackorderChoiceMadeV1Payload {
  @IsIn(BACKORDER_CHOICES) choice!: BackorderChoice;
  /** The backordered lines the choice applies to. */
  @ValidateNested({ each: true })
  @Type(() => SkuQuantityV1)
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxLines)
  lines!: SkuQuantityV1[];
  /** The customer, staff member, or `policy` when the default applied. */
  @IsString() @IsNotEmpty() @MaxLength(64) chosenBy!: string;
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

/** The customer (or policy) chose what happens to an order's backordered lines. */
export const BackorderChoiceMadeV1 = defineEvent({
  type: 'BackorderChoiceMade',
  version: 1,
  topic: Topics.order,
  payloadClass: BackorderChoiceMadeV1Payload,
  description: "The customer (or policy) chose what happens to an order's backordered lines.",
});
