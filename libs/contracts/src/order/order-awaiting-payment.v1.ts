import { Type } from 'class-transformer';
import { IsIn, IsISO8601, IsOptional, ValidateNested } from 'class-validator';
import { ContactV1, MoneyV1, PAYMENT_METHODS, type PaymentMethod } from '../common/values';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class OrderAwaitingPaymentV1Payload {
  @ValidateNested() @Type(() => MoneyV1) amountDue!: MoneyV1;
  @IsIn(PAYMENT_METHODS) paymentMethod!: PaymentMethod;
  /** When the payment wait ends and the order is cancelled unpaid. */
  @IsOptional() @IsISO8601({ strict: true }) payBy?: string;
  /** So that notification can remind the customer. */
  @ValidateNested() @Type(() => ContactV1) contact!: ContactV1;
}

/** A prepaid order waits (AWAITING_PAYMENT) for its payment before it is confirmed. */
export const OrderAwaitingPaymentV1 = defineEvent({
  type: 'OrderAwaitingPayment',
  version: 1,
  topic: Topics.order,
  payloadClass: OrderAwaitingPaymentV1Payload,
  description: 'A prepaid order waits (AWAITING_PAYMENT) for its payment before it is confirmed.',
});
