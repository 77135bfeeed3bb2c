import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Channel, Currency } from '@oms/contracts';
import { UnitOfWork } from '@oms/platform';
import { Cart, type CartItem, type CartStatus, type PricedCartLine } from '../../domain/cart';
import type { PlaceOrderCommand } from '../../domain/order';
import { CartRepository } from '../../infrastructure/persistence/cart.repository';
import { PlaceOrderHandler } from '../place-order/place-order.handler';
import { GetOrderQuery } from '../queries/get-order.query';
import { type OrderView, toOrderView } from '../queries/order-view';

export class UnknownCartError extends Error {
  constructor(readonly cartId: string) {
    super(`no cart ${cartId}`);
    this.name = 'UnknownCartError';
  }
}

export interface CartView {
  id: string;
  customerId: string;
  channel: Channel;
  currency: Currency;
  status: CartStatus;
  orderId: string | null;
  items: PricedCartLine[];
  /** Sum of the priced lines in minor units. */
  subtotal: number;
  /** True when the cart is open, not empty and every line has a price: checkout would be accepted. */
  readyForCheckout: boolean;
  createdAt: string;
  updatedAt: string;
}

/** What checkout adds to the cart's lines to make an order. */
export type CheckoutDetails = Omit<PlaceOrderCommand, 'customerId' | 'channel' | 'currency' | 'items'>;

export type CheckoutResult = { kind: 'placed'; order: OrderView } | { kind: 'replayed'; order: OrderView };

/**
 * Carts: each change locks the cart's row, so concurrent edits of one cart apply one after the other. Checkout
 * places the order through the same handler as `POST /v1/orders` and closes the cart in that one transaction,
 * so a cart becomes exactly one order.
 */
@Injectable()
export class CartService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly carts: CartRepository,
    private readonly placeOrder: PlaceOrderHandler,
    private readonly getOrder: GetOrderQuery,
  ) {}

  create(customerId: string, channel: Channel, currency: Currency, items: CartItem[]): Promise<CartView> {
    return this.unitOfWork.run(async () => {
      const cart = Cart.open(randomUUID(), customerId, channel, currency);
      for (const item of items) cart.setQuantity(item.sku, item.quantity);
      await this.carts.insert(cart);
      return this.view(cart.snapshot.id);
    });
  }

  async get(cartId: string): Promise<CartView> {
    return this.view(cartId);
  }

  setQuantity(cartId: string, sku: string, quantity: number): Promise<CartView> {
    return this.change(cartId, (cart) => cart.setQuantity(sku, quantity));
  }

  remove(cartId: string, sku: string): Promise<CartView> {
    return this.change(cartId, (cart) => cart.remove(sku));
  }

  /**
   * Places the cart's order at the price list's current prices. With an Idempotency-Key, a retry of a checkout
   * that succeeded gets the same order back instead of a conflict.
   */
  checkout(cartId: string, details: CheckoutDetails, idempotencyKey?: string): Promise<CheckoutResult> {
    return this.unitOfWork.run(async () => {
      const stored = await this.carts.find(cartId, true);
      if (!stored) throw new UnknownCartError(cartId);
      const { cart } = stored;
      const { orderId, status, customerId, channel, currency, items } = cart.snapshot;
      if (status === 'CHECKED_OUT' && orderId && idempotencyKey && stored.checkoutIdempotencyKey === idempotencyKey) {
        const order = await this.getOrder.execute(orderId);
        if (order) return { kind: 'replayed', order: toOrderView(order) };
      }
      const prices = await this.carts.prices(
        items.map((item) => item.sku),
        currency,
      );
      const lines = cart.linesForCheckout(prices);
      const placed = await this.placeOrder.execute({ ...details, customerId, channel, currency, items: lines });
      if (placed.kind !== 'placed') throw new Error('checkout places without an order idempotency key');
      cart.checkedOut(placed.order.id);
      await this.carts.save(cart, idempotencyKey);
      return { kind: 'placed', order: placed.order };
    });
  }

  private change(cartId: string, apply: (cart: Cart) => void): Promise<CartView> {
    return this.unitOfWork.run(async () => {
      const stored = await this.carts.find(cartId, true);
      if (!stored) throw new UnknownCartError(cartId);
      apply(stored.cart);
      await this.carts.save(stored.cart);
      return this.view(cartId);
    });
  }

  private async view(cartId: string): Promise<CartView> {
    const stored = await this.carts.find(cartId);
    if (!stored) throw new UnknownCartError(cartId);
    const cart = stored.cart.snapshot;
    const priced = stored.cart.price(
      await this.carts.prices(
        cart.items.map((item) => item.sku),
        cart.currency,
      ),
    );
    return {
      id: cart.id,
      customerId: cart.customerId,
      channel: cart.channel,
      currency: cart.currency,
      status: cart.status,
      orderId: cart.orderId,
      items: priced.lines,
      subtotal: priced.subtotal,
      readyForCheckout: cart.status === 'OPEN' && cart.items.length > 0 && priced.complete,
      createdAt: stored.createdAt.toISOString(),
      updatedAt: stored.updatedAt.toISOString(),
    };
  }
}
