import { Limits } from '@oms/contracts';
import { Cart, CartRuleError, CartStateError } from './cart';

const newCart = () => Cart.open('cart-1', 'customer-1', 'web', 'CNY');

describe('Cart', () => {
  it('sets quantities (replacing, not adding) and removes lines idempotently', () => {
    const cart = newCart();
    cart.setQuantity('TEA', 2);
    cart.setQuantity('CUP', 1);
    cart.setQuantity('TEA', 5);
    expect(cart.snapshot.items).toEqual([
      { sku: 'TEA', quantity: 5 },
      { sku: 'CUP', quantity: 1 },
    ]);
    cart.remove('CUP');
    cart.remove('CUP');
    expect(cart.snapshot.items).toEqual([{ sku: 'TEA', quantity: 5 }]);
  });

  it.each([0, -1, 1.5, Limits.maxQuantity + 1])('refuses quantity %p', (quantity) => {
    expect(() => newCart().setQuantity('TEA', quantity)).toThrow(CartRuleError);
  });

  it('refuses more distinct SKUs than an order may have', () => {
    const cart = newCart();
    for (let i = 0; i < Limits.maxLines; i++) cart.setQuantity(`SKU-${i}`, 1);
    expect(() => cart.setQuantity('ONE-MORE', 1)).toThrow(/at most/);
    cart.setQuantity('SKU-0', 3);
    expect(cart.snapshot.items[0]).toEqual({ sku: 'SKU-0', quantity: 3 });
  });

  it('prices lines from the price list in minor units and marks unpriced ones', () => {
    const cart = newCart();
    cart.setQuantity('TEA', 3);
    cart.setQuantity('CUP', 2);
    cart.setQuantity('GONE', 1);
    const priced = cart.price(
      new Map([
        ['TEA', 1999],
        ['CUP', 550],
      ]),
    );
    expect(priced).toEqual({
      lines: [
        { sku: 'TEA', quantity: 3, unitPrice: 1999, lineTotal: 5997 },
        { sku: 'CUP', quantity: 2, unitPrice: 550, lineTotal: 1100 },
        { sku: 'GONE', quantity: 1, unitPrice: null, lineTotal: null },
      ],
      subtotal: 7097,
      complete: false,
    });
  });

  it('checks out only a non-empty, fully priced cart, once', () => {
    const cart = newCart();
    expect(() => cart.linesForCheckout(new Map())).toThrow(/empty/);
    cart.setQuantity('TEA', 2);
    expect(() => cart.linesForCheckout(new Map())).toThrow(/no CNY price for TEA/);
    expect(cart.linesForCheckout(new Map([['TEA', 100]]))).toEqual([{ sku: 'TEA', quantity: 2, unitPrice: 100 }]);
    cart.checkedOut('order-9');
    expect(cart.snapshot).toMatchObject({ status: 'CHECKED_OUT', orderId: 'order-9' });
    expect(() => cart.setQuantity('TEA', 1)).toThrow(CartStateError);
    expect(() => cart.remove('TEA')).toThrow(CartStateError);
    expect(() => cart.checkedOut('order-10')).toThrow(CartStateError);
  });
});
