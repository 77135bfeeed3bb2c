/** What the payment provider is asked to pay back; `refundId` is its idempotency key. */
export interface RefundInstruction {
  refundId: string;
  paymentReference: string;
  amount: number;
  currency: string;
  reason: string;
}

/** The payment provider's port. Throws OutboundCallError (permanent or worth retrying) when it did not pay. */
export interface PaymentProvider {
  refund(instruction: RefundInstruction): Promise<{ reference: string | null }>;
}

export const PAYMENT_PROVIDER = Symbol('aftersales:payment-provider');
