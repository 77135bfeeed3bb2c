import { type CircuitBreaker, postJson } from '@oms/platform';
import type { PaymentProvider, RefundInstruction } from '../../application/payment-provider';

export interface PaymentProviderSettings {
  url: string;
  secret?: string;
  timeoutMs: number;
}

/**
 * Refunds through the payment provider's HTTP API: POST the instruction, signed (X-Signature) when a secret is
 * set, with the refund id as Idempotency-Key so that a retried request pays once. The provider's reference comes
 * back as `reference` (or `id`). While the provider's circuit is open, refunds fail at once (retriable) without
 * calling it.
 */
export class HttpPaymentProvider implements PaymentProvider {
  constructor(
    private readonly settings: PaymentProviderSettings,
    private readonly circuit: CircuitBreaker,
  ) {}

  async refund(instruction: RefundInstruction): Promise<{ reference: string | null }> {
    const answer = (await postJson(this.settings.url, instruction, {
      name: 'payments',
      timeoutMs: this.settings.timeoutMs,
      idempotencyKey: instruction.refundId,
      circuit: this.circuit,
      ...(this.settings.secret ? { signingSecret: this.settings.secret } : {}),
    })) as { reference?: unknown; id?: unknown };
    const reference = answer.reference ?? answer.id;
    return { reference: typeof reference === 'string' ? reference.slice(0, 200) : null };
  }
}
