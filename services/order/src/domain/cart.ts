import { type Channel, type Currency, Limits } from '@oms/contracts';
import { Money } from './money';

export const CART_STATUSES = ['OPEN', 'CHECKED_OUT'] as const;
export type CartStatus = (typeof CART_STATUSES)[number];

export interface CartItem {
  sku: string;
  quantity: number;
}

export interface CartState {
  id: string;
  customerId: string;
  channel: Channel;
  currency: Currency;
  status: CartStatus;
  items: CartItem[];
  orderId: string | null;
}

/** A cart change the cart's state does not allow: an HTTP 409 with the current state. */
export class CartStateError extends Error {
  constructor(
    message: string,
    readonly currentState: CartStatus,
  ) {
    super(message);
    this.name = 'CartStateError';
  }
}

/** A cart that cannot be checked out as it is (empty, or an item without a price): an HTTP 422. */
export class CartRuleError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'CartRuleError';
  }
}

export interface PricedCartLine {
  sku: string;
  quantity: number;
  /** The price list's current unit price in the cart's currency; null when the SKU has none (not sellable now). */
  unitPrice: number | null;
  lineTotal: number | null;
}

export interface PricedCart {
  lines: PricedCartLine[];
  /** Sum of the priced lines; `complete` says whether every line had a price. */
  subtotal: number;
  complete: boolean;
}

/**
 * A customer's cart: SKUs and quantities only. Prices are not frozen in the cart but read from the price list
 * whenever it is shown or checked out, so a customer never pays a price the shop has since changed; the order
 * that checkout creates freezes them.
 */
export class Cart {
  private constructor(private state: CartState) {}

  static open(id: string, customerId: string, channel: Channel, currency: Currency): Cart {
    return new Cart({ id, customerId, channel, currency, status: 'OPEN', items: [], orderId: null });
  }

  static restore(state: CartState): Cart {
    return new Cart({ ...state, items: state.items.map((item) => ({ ...item })) });
  }

  get snapshot(): CartState {
    return { ...this.state, items: this.state.items.map((item) => ({ ...item })) };
  }

  /** Sets a line's quantity, adding the line if new; the quantity replaces, it does not add (PUT semantics). */
  setQuantity(sku: string, quantity: number): void {
    this.assertOpen();
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > Limits.maxQuantity) {
      throw new CartRuleError(`quantity must be an integer from 1 to ${Limits.maxQuantity}`, 'quantity');
    }
    const line = this.state.items.find((item) => item.sku === sku);
    if (line) {
      line.quantity = quantity;
      return;
    }
    if (this.state.items.length >= Limits.maxLines) {
      throw new CartRuleError(`a cart holds at most ${Limits.maxLines} different SKUs`, 'sku');
    }
    this.state.items.push({ sku, quantity });
  }

  /** Removes a line; removing one that is not there changes nothing (DELETE is idempotent). */
  remove(sku: string): void {
    this.assertOpen();
    this.state.items = this.state.items.filter((item) => item.sku !== sku);
  }

  /** Prices every line from the price list (`prices` by SKU, in the cart's currency). */
  price(prices: ReadonlyMap<string, number>): PricedCart {
    let subtotal = Money.zero(this.state.currency);
    let complete = true;
    const lines = this.state.items.map(({ sku, quantity }) => {
      const unitPrice = prices.get(sku);
      if (unitPrice === undefined) {
        complete = false;
        return { sku, quantity, unitPrice: null, lineTotal: null };
      }
      const lineTotal = Money.of(unitPrice, this.state.currency).times(quantity);
      subtotal = subtotal.add(lineTotal);
      return { sku, quantity, unitPrice, lineTotal: lineTotal.amount };
    });
    return { lines, subtotal: subtotal.amount, complete };
  }

  /** The lines an order is placed with; refuses an empty cart or one with an unpriced SKU. */
  linesForCheckout(prices: ReadonlyMap<string, number>): Array<{ sku: string; quantity: number; unitPrice: number }> {
    this.assertOpen();
    if (this.state.items.length === 0) throw new CartRuleError('an empty cart cannot be checked out', 'items');
    const priced = this.price(prices);
    const unpriced = priced.lines.filter((line) => line.unitPrice === null).map((line) => line.sku);
    if (unpriced.length > 0) {
      throw new CartRuleError(`no ${this.state.currency} price for ${unpriced.join(', ')}`, 'items');
    }
    return priced.lines.map(({ sku, quantity, unitPrice }) => ({ sku, quantity, unitPrice: unitPrice as number }));
  }

  /** The cart became this order; it takes no more changes. */
  checkedOut(orderId: string): void {
    this.assertOpen();
    this.state.status = 'CHECKED_OUT';
    this.state.orderId = orderId;
  }

  private assertOpen(): void {
    if (this.state.status !== 'OPEN') {
      throw new CartStateError(
        `cart ${this.state.id} was checked out into order ${this.state.orderId}`,
        this.state.status,
      );
    }
  }
}
