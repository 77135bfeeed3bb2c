import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsUUID, ValidateNested } from 'class-validator';
import { Limits, SkuQuantityV1 } from '../common/values';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class ExchangeCreatedV1Payload {
  @IsUUID() exchangeId!: string;
  /** The return that takes the original goods back. */
  @IsUUID() returnId!: string;
  /** The replacement lines to send (another size or colour, or the same SKU). */
  @ValidateNested({ each: true })
  @Type(() => SkuQuantityV1)
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxLines)
  lines!: SkuQuantityV1[];
}

/** Aftersales agreed an exchange: the saga reserves and sends the replacement lines, at no charge. */
export const ExchangeCreatedV1 = defineEvent({
  type: 'ExchangeCreated',
  version: 1,
  topic: Topics.aftersales,
  payloadClass: ExchangeCreatedV1Payload,
  description: 'Aftersales agreed an exchange: the saga reserves and sends the replacement lines, at no charge.',
});
