import { IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { CURRENCIES, type Currency, Limits } from '../common/values';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class PaymentConfirmedV1Payload {
  /** Minor units of `currency`. */
  @IsInt() @Min(0) @Max(Limits.maxAmountMinor) amount!: number;
  @IsIn(CURRENCIES) currency!: Currency;
  /** The payment provider's reference: what a refund quotes. */
  @IsString() @IsNotEmpty() @MaxLength(200) reference!: string;
  @IsOptional() @IsString() @MaxLength(64) provider?: string;
  @IsISO8601({ strict: true }) paidAt!: string;
}

/** The order's payment was confirmed (API call or signed provider webhook). */
export const PaymentConfirmedV1 = defineEvent({
  type: 'PaymentConfirmed',
  version: 1,
  topic: Topics.order,
  payloadClass: PaymentConfirmedV1Payload,
  description: "The order's payment was confirmed (API call or signed provider webhook).",
});
