import { startHttpReceiver, startSmtpCapture } from '@oms/platform/testing';
import { E2E_SECRETS, OrderFlows } from './flows';
import { System } from './system';

export interface RefundCall {
  refundId: string;
  paymentReference: string;
  amount: number;
}

/**
 * All six services with the outside world they talk to: a real SMTP server that keeps every e-mail, and a
 * local payment provider that keeps every refund call (answers queued per payment reference, then 200).
 */
export class WholeSystem {
  private constructor(
    readonly system: System,
    readonly flows: OrderFlows,
    readonly smtp: Awaited<ReturnType<typeof startSmtpCapture>>,
    readonly provider: Awaited<ReturnType<typeof startHttpReceiver<RefundCall>>>,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<WholeSystem> {
    const smtp = await startSmtpCapture();
    const provider = await startHttpReceiver<RefundCall>({
      path: '/refunds',
      keyOf: (body) => body.paymentReference,
      answer: (body) => ({ reference: `RF-${body.refundId.slice(0, 8)}` }),
    });
    const system = await System.start(['order', 'inventory', 'fulfillment', 'shipping', 'aftersales', 'notification'], {
      ...E2E_SECRETS,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      NOTIFICATION_POLL_INTERVAL_MS: '200',
      PAYMENT_PROVIDER_URL: provider.url,
      REFUND_POLL_INTERVAL_MS: '100',
      // Specs fail the provider a few times in a row and expect the retries soon after, not 30 s later.
      CIRCUIT_COOLDOWN_MS: '1000',
      ...env,
    });
    const whole = new WholeSystem(system, new OrderFlows(system), smtp, provider);
    await whole.flows.warehouse('sh-1', 1);
    return whole;
  }

  /** Refund calls the provider got for one payment. */
  refundsOf(paymentReference: string) {
    return this.provider.received.filter((r) => r.body.paymentReference === paymentReference);
  }

  async stop(): Promise<void> {
    await this.system.stop();
    await this.smtp.close();
    await this.provider.close();
  }
}
