import { DeliveryError, type MessageSender, type OutgoingMessage } from '../../application/senders';

export interface SmsProviderSettings {
  url: string;
  token?: string;
  timeoutMs: number;
}

/**
 * SMS through an HTTP provider: POST `{ to, text, reference }` with the notification id as Idempotency-Key, so a
 * retried request is one message at a provider that honours it. 2xx sent; 408, 429 and 5xx (and timeouts,
 * refused connections) are retried; any other 4xx is a permanent refusal.
 */
export class HttpSmsSender implements MessageSender {
  constructor(private readonly settings: SmsProviderSettings) {}

  async send(message: OutgoingMessage): Promise<void> {
    let response: Response;
    try {
      response = await fetch(this.settings.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': message.id,
          ...(this.settings.token ? { authorization: `Bearer ${this.settings.token}` } : {}),
        },
        body: JSON.stringify({ to: message.to, text: message.text, reference: message.id }),
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      throw new DeliveryError(`sms: ${(error as Error).message}${cause ? ` (${cause})` : ''}`, false);
    }
    if (response.ok) return;
    const body = (await response.text().catch(() => '')).slice(0, 300);
    const retriable = response.status === 408 || response.status === 429 || response.status >= 500;
    throw new DeliveryError(`sms: provider answered ${response.status} ${body}`.trim(), !retriable);
  }
}
