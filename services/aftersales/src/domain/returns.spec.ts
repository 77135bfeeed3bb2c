import {
  autoApproves,
  checkReturnRequest,
  refundFor,
  ReturnRuleError,
  returnable,
  returnReference,
  type ReturnPolicy,
} from './returns';

const policy: ReturnPolicy = {
  windowMs: 30 * 86_400_000,
  autoApproveReasons: ['damaged', 'defective'],
  autoApproveMaxAmount: 10_000,
  restockingFeePercent: 10,
};
const pricing = {
  lines: [
    { sku: 'TEA', quantity: 2, unitPrice: 6000 },
    { sku: 'CUP', quantity: 1, unitPrice: 3000 },
  ],
  totals: { subtotal: 15_000, shipping: 1500, discount: 1500 },
};
const delivered = new Date('2026-11-01T10:00:00.000Z');

describe('returns', () => {
  it('may return what was delivered and is not already being returned, within the window', () => {
    const left = returnable(
      [
        { sku: 'TEA', quantity: 2 },
        { sku: 'CUP', quantity: 1 },
      ],
      [{ sku: 'TEA', quantity: 1 }],
    );
    expect([...left]).toEqual([
      ['TEA', 1],
      ['CUP', 1],
    ]);
    const request = { deliveredAt: delivered, windowMs: policy.windowMs, returnable: left };
    expect(() =>
      checkReturnRequest({ ...request, lines: [{ sku: 'TEA', quantity: 1 }], now: new Date('2026-11-20T00:00:00Z') }),
    ).not.toThrow();
    expect(() =>
      checkReturnRequest({ ...request, lines: [{ sku: 'TEA', quantity: 2 }], now: new Date('2026-11-20T00:00:00Z') }),
    ).toThrow(/only 1 of TEA/);
    expect(() =>
      checkReturnRequest({ ...request, lines: [{ sku: 'POT', quantity: 1 }], now: new Date('2026-11-20T00:00:00Z') }),
    ).toThrow(ReturnRuleError);
    expect(() =>
      checkReturnRequest({ ...request, lines: [{ sku: 'CUP', quantity: 1 }], now: new Date('2026-12-02T00:00:00Z') }),
    ).toThrow(/window closed on 2026-12-01/);
    expect(() =>
      checkReturnRequest({ ...request, deliveredAt: null, lines: [{ sku: 'CUP', quantity: 1 }], now: delivered }),
    ).toThrow(/delivered/);
  });

  it('approves by itself listed reasons up to the amount limit', () => {
    expect(autoApproves(policy, 'damaged', 10_000)).toBe(true);
    expect(autoApproves(policy, 'damaged', 10_001)).toBe(false);
    expect(autoApproves(policy, 'size-or-fit', 100)).toBe(false);
    expect(autoApproves({ ...policy, autoApproveMaxAmount: null }, 'defective', 10 ** 9)).toBe(true);
  });

  it("refunds a line's value less its discount share, with shipping when the seller erred", () => {
    expect(refundFor(pricing, [{ sku: 'TEA', quantity: 1 }], 'defective', policy)).toEqual({
      amount: 6000,
      lines: [
        {
          sku: 'TEA',
          quantity: 1,
          value: 6000,
          discountShare: 600,
          shippingShare: 600,
          restockingFee: 0,
          refund: 6000,
        },
      ],
    });
  });

  it('keeps a restocking fee and the shipping when the customer changed their mind', () => {
    expect(refundFor(pricing, [{ sku: 'CUP', quantity: 1 }], 'no-longer-needed', policy)).toEqual({
      amount: 2400,
      lines: [
        {
          sku: 'CUP',
          quantity: 1,
          value: 3000,
          discountShare: 300,
          shippingShare: 0,
          restockingFee: 300,
          refund: 2400,
        },
      ],
    });
    expect(refundFor(pricing, [{ sku: 'CUP', quantity: 1 }], 'size-or-fit', { restockingFeePercent: 0 }).amount).toBe(
      2700,
    );
  });

  it('names the return by a reference the customer can quote', () => {
    expect(returnReference('0b7e4b1e-3f0c-4c5e-9a51-6f1d2c3b4a07')).toBe('RMA-0B7E4B1E3F');
  });
});
