import { Order, type PlaceOrderCommand } from './order';
import { IllegalTransitionError } from './order-status';
import { isAddressIncomplete, reviewReasons } from './review-policy';

const policy = { amountThreshold: 100_000, staffKeyed: true, incompleteAddress: true };
const address = {
  name: 'Li Lei',
  phone: '138',
  line1: '1 Road',
  city: 'Hangzhou',
  region: 'Zhejiang',
  postalCode: '310000',
  country: 'CN',
};
const command = (overrides: Partial<PlaceOrderCommand> = {}): PlaceOrderCommand => ({
  customerId: 'c-1',
  channel: 'web',
  currency: 'CNY',
  items: [{ sku: 'TEA', quantity: 1, unitPrice: 5000 }],
  shippingAddress: address,
  contact: {},
  paymentMethod: 'cod',
  ...overrides,
});

describe('review rules', () => {
  it('lets an ordinary web order through', () => {
    expect(reviewReasons(Order.place(command()), policy)).toEqual([]);
  });

  it('holds large, staff-keyed and badly addressed orders, each rule switchable', () => {
    const big = Order.place(command({ items: [{ sku: 'TEA', quantity: 30, unitPrice: 5000 }] }));
    expect(reviewReasons(big, policy)).toEqual(['amount-over-threshold']);
    expect(reviewReasons(big, { ...policy, amountThreshold: null })).toEqual([]);
    const phone = Order.place(command({ channel: 'phone', placedBy: 'agent-1' }));
    expect(reviewReasons(phone, policy)).toEqual(['staff-keyed']);
    expect(reviewReasons(phone, { ...policy, staffKeyed: false })).toEqual([]);
    const noRegion = Order.place(command({ shippingAddress: { ...address, region: undefined } }));
    expect(reviewReasons(noRegion, policy)).toEqual(['incomplete-address']);
  });

  it('knows incomplete addresses per country', () => {
    expect(isAddressIncomplete({ ...address, postalCode: '3100' })).toBe(true);
    expect(isAddressIncomplete({ ...address, country: 'TW', region: undefined, postalCode: '100' })).toBe(false);
    expect(isAddressIncomplete({ ...address, country: 'FR', region: undefined, postalCode: 'anything' })).toBe(false);
  });
});

describe('confirmation moves of the order', () => {
  it('confirms a cash-on-delivery order, holds a prepaid one for its payment', () => {
    const cod = Order.place(command());
    expect(cod.proceed('ok')).toBe('CONFIRMED');
    const prepaid = Order.place(command({ paymentMethod: 'prepaid' }));
    expect(prepaid.proceed('ok')).toBe('AWAITING_PAYMENT');
    expect(prepaid.paymentStatus).toBe('AWAITING');
    expect(prepaid.recordPayment({ amount: 5000, reference: 'pay-1', provider: null, paidAt: new Date() })).toBe(true);
    expect(prepaid.status).toBe('CONFIRMED');
    expect(prepaid.paymentStatus).toBe('PAID');
  });

  it('refuses a short payment, a second payment, and a payment after confirmation', () => {
    const prepaid = Order.place(command({ paymentMethod: 'prepaid' }));
    prepaid.proceed('ok');
    expect(() => prepaid.recordPayment({ amount: 4999, reference: 'p', provider: null, paidAt: new Date() })).toThrow(
      /less than the total/,
    );
    prepaid.recordPayment({ amount: 5000, reference: 'p', provider: null, paidAt: new Date() });
    expect(() => prepaid.recordPayment({ amount: 5000, reference: 'q', provider: null, paidAt: new Date() })).toThrow(
      /already paid/,
    );
    const cod = Order.place(command());
    cod.proceed('ok');
    expect(() => cod.recordPayment({ amount: 5000, reference: 'r', provider: null, paidAt: new Date() })).toThrow(
      IllegalTransitionError,
    );
  });

  it('a reviewed order is approved onwards or rejected; a rejected order goes nowhere', () => {
    const held = Order.place(command({ channel: 'store', placedBy: 'clerk-2' }));
    held.holdForReview(['staff-keyed']);
    expect(held.status).toBe('PENDING_REVIEW');
    held.reject('fraud suspected');
    expect(() => held.proceed('approved')).toThrow(IllegalTransitionError);
  });
});
