import type { ReturnReason } from '@oms/contracts';

/** A return's states: asked, then approved or rejected, then the goods received, then refunded or exchanged. */
export const RETURN_STATUSES = ['REQUESTED', 'APPROVED', 'REJECTED', 'RECEIVED', 'COMPLETED'] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];

export interface SkuQuantity {
  sku: string;
  quantity: number;
}

/** Reasons that are the seller's doing: shipping is refunded, no restocking fee. */
export const SELLER_FAULT_REASONS: readonly ReturnReason[] = [
  'damaged',
  'defective',
  'wrong-item',
  'not-as-described',
  'arrived-late',
];

export interface ReturnPolicy {
  windowMs: number;
  /** Reasons approved without staff, up to `autoApproveMaxAmount` (minor units; null: any amount). */
  autoApproveReasons: readonly ReturnReason[];
  autoApproveMaxAmount: number | null;
  /** Kept from the refund of goods returned for the customer's own reasons. */
  restockingFeePercent: number;
}

export interface OrderPricing {
  lines: Array<{ sku: string; quantity: number; unitPrice: number }>;
  totals: { subtotal: number; shipping: number; discount: number };
}

/** A rule refuses the return (late, too many, unknown SKU): 422. */
export class ReturnRuleError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ReturnRuleError';
  }
}

/** The return's state does not allow it (approve a rejected one, receive before approval): 409. */
export class ReturnStateError extends Error {
  constructor(
    readonly status: ReturnStatus,
    action: string,
  ) {
    super(`a return that is ${status} cannot be ${action}`);
    this.name = 'ReturnStateError';
  }
}

/** Units of each SKU that may still be returned: delivered minus those already in returns (not rejected). */
export function returnable(delivered: SkuQuantity[], alreadyReturned: SkuQuantity[]): Map<string, number> {
  const left = new Map<string, number>();
  for (const line of delivered) left.set(line.sku, (left.get(line.sku) ?? 0) + line.quantity);
  for (const line of alreadyReturned) left.set(line.sku, (left.get(line.sku) ?? 0) - line.quantity);
  return left;
}

/** Checks a return request: delivered, within the window from the last delivery, no more than returnable. */
export function checkReturnRequest(request: {
  lines: SkuQuantity[];
  deliveredAt: Date | null;
  now: Date;
  windowMs: number;
  returnable: Map<string, number>;
}): void {
  if (!request.deliveredAt) throw new ReturnRuleError('nothing of this order has been delivered yet', 'orderId');
  const closes = new Date(request.deliveredAt.getTime() + request.windowMs);
  if (request.now > closes) {
    throw new ReturnRuleError(`the return window closed on ${closes.toISOString()}`, 'orderId');
  }
  const asked = new Map<string, number>();
  for (const line of request.lines) asked.set(line.sku, (asked.get(line.sku) ?? 0) + line.quantity);
  for (const [sku, quantity] of asked) {
    const left = request.returnable.get(sku) ?? 0;
    if (quantity > left) {
      throw new ReturnRuleError(
        left === 0
          ? `${sku} was not delivered with this order, or is already being returned`
          : `only ${left} of ${sku} can be returned, not ${quantity}`,
        'items',
      );
    }
  }
}

/** The value of lines at the order's prices. */
export function valueOf(pricing: OrderPricing, lines: SkuQuantity[]): number {
  return lines.reduce((sum, l) => sum + (pricing.lines.find((p) => p.sku === l.sku)?.unitPrice ?? 0) * l.quantity, 0);
}

/** Whether the return is approved without staff: a listed reason, and not worth more than the limit. */
export function autoApproves(policy: ReturnPolicy, reason: ReturnReason, value: number): boolean {
  if (!policy.autoApproveReasons.includes(reason)) return false;
  return policy.autoApproveMaxAmount === null || value <= policy.autoApproveMaxAmount;
}

export interface RefundLine {
  sku: string;
  quantity: number;
  /** unit price × quantity */
  value: number;
  /** The line's share of the order's discount, taken off. */
  discountShare: number;
  /** The line's share of shipping, given back when the return is the seller's doing. */
  shippingShare: number;
  restockingFee: number;
  refund: number;
}

/**
 * The refund of received lines, per line: their value, less their share of the order's discount, plus their
 * share of shipping when the return is the seller's doing, less the restocking fee when it is the customer's.
 * Shares are proportional to the line's value in the subtotal, in whole minor units.
 */
export function refundFor(
  pricing: OrderPricing,
  received: SkuQuantity[],
  reason: ReturnReason,
  policy: Pick<ReturnPolicy, 'restockingFeePercent'>,
): { amount: number; lines: RefundLine[] } {
  const sellerFault = SELLER_FAULT_REASONS.includes(reason);
  const subtotal = pricing.totals.subtotal;
  const lines = received.map(({ sku, quantity }) => {
    const value = valueOf(pricing, [{ sku, quantity }]);
    const share = (total: number) => (subtotal > 0 ? Math.round((total * value) / subtotal) : 0);
    const discountShare = share(pricing.totals.discount);
    const shippingShare = sellerFault ? share(pricing.totals.shipping) : 0;
    const restockingFee = sellerFault ? 0 : Math.round((value * policy.restockingFeePercent) / 100);
    const refund = Math.max(0, value - discountShare + shippingShare - restockingFee);
    return { sku, quantity, value, discountShare, shippingShare, restockingFee, refund };
  });
  return { amount: lines.reduce((sum, l) => sum + l.refund, 0), lines };
}

/** The return authorisation the customer writes on the parcel. */
export function returnReference(returnId: string): string {
  return `RMA-${returnId.replace(/-/g, '').slice(0, 10).toUpperCase()}`;
}
