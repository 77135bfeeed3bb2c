import { type ReviewReason, STAFF_KEYED_CHANNELS } from '@oms/contracts';
import type { Address, Order } from './order';

/** Which review rules hold an order for a person, configured per deployment. */
export interface ReviewPolicy {
  /** Orders whose total (minor units) is above this wait for review; null turns the rule off. */
  amountThreshold: number | null;
  /** Orders keyed in by staff (phone, email, store) are checked by a second person. */
  staffKeyed: boolean;
  /** Addresses a carrier would likely fail on are checked before anything is reserved. */
  incompleteAddress: boolean;
}

/** Countries whose addresses need a region (province, state) and the shape of their postal codes. */
const ADDRESS_RULES: Record<string, { regionRequired: boolean; postalCode: RegExp }> = {
  CN: { regionRequired: true, postalCode: /^\d{6}$/ },
  TW: { regionRequired: false, postalCode: /^\d{3}(\d{2,3})?$/ },
  HK: { regionRequired: false, postalCode: /^.*$/ },
  US: { regionRequired: true, postalCode: /^\d{5}(-\d{4})?$/ },
};

export function isAddressIncomplete(address: Address): boolean {
  const rule = ADDRESS_RULES[address.country];
  if (!rule) return false;
  if (rule.regionRequired && !address.region?.trim()) return true;
  return !rule.postalCode.test(address.postalCode.trim());
}

/** Why an order must wait for a person; empty when it may go on by itself. */
export function reviewReasons(order: Order, policy: ReviewPolicy): ReviewReason[] {
  const reasons: ReviewReason[] = [];
  if (policy.amountThreshold !== null && order.totals.total > policy.amountThreshold)
    reasons.push('amount-over-threshold');
  if (policy.staffKeyed && STAFF_KEYED_CHANNELS.includes(order.channel)) reasons.push('staff-keyed');
  if (policy.incompleteAddress && isAddressIncomplete(order.shippingAddress)) reasons.push('incomplete-address');
  return reasons;
}
