import { CURRENCY_MINOR_DIGITS, type Currency, Limits } from '@oms/contracts';

/** An amount in minor units of one currency. Integer arithmetic only: no float ever touches money. */
export class Money {
  private constructor(
    readonly amount: number,
    readonly currency: Currency,
  ) {}

  static of(amount: number, currency: Currency): Money {
    if (!Number.isSafeInteger(amount) || amount < 0)
      throw new RangeError(`money must be a non-negative integer of minor units, got ${amount}`);
    if (amount > Limits.maxAmountMinor) throw new RangeError(`money over the limit: ${amount}`);
    if (!(currency in CURRENCY_MINOR_DIGITS)) throw new RangeError(`unknown currency ${currency}`);
    return new Money(amount, currency);
  }

  static zero(currency: Currency): Money {
    return Money.of(0, currency);
  }

  add(other: Money): Money {
    this.assertSameCurrency(other);
    return Money.of(this.amount + other.amount, this.currency);
  }

  times(quantity: number): Money {
    return Money.of(this.amount * quantity, this.currency);
  }

  private assertSameCurrency(other: Money): void {
    if (other.currency !== this.currency) throw new RangeError(`cannot add ${other.currency} to ${this.currency}`);
  }
}
