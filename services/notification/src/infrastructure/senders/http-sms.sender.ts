import { type CircuitBreaker, OutboundCallError, postJson } from '@oms/platform';
import { DeliveryError, type MessageSender, type OutgoingMessage } from '../../application/senders';

export interface SmsProviderSettings {
  url: string;
  token?: string;
  timeoutMs: number;
}

/**
 * SMS through an HTTP provider: POST `{ to, text, reference }` with the notification id as Idempotency-Key, so a
 * retried request is one message at a provider that honours it. 2xx sent; 408, 429 and 5xx (and timeouts,
 * refused connections) are retried and count against the provider's circuit; any other 4xx is a permanent refusal.
 */
export class HttpSmsSender implements MessageSender {
  constructor(
    private readonly settings: SmsProviderSettings,
    private readonly circuit: CircuitBreaker,
  ) {}

  async send(message: OutgoingMessage): Promise<void> {
    try {
      await postJson(
        this.settings.url,
        { to: message.to, text: message.text, reference: message.id },
        {
          name: 'sms',
          timeoutMs: this.settings.timeoutMs,
          idempotencyKey: message.id,
          circuit: this.circuit,
          ...(this.settings.token ? { bearerToken: this.settings.token } : {}),
        },
      );
    } catch (error) {
      if (error instanceof OutboundCallError) throw DeliveryError.from(error);
      throw error;
    }
  }
}
