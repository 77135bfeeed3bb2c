import { signWebhook } from '../http/webhook-signature';
import type { CircuitBreaker } from './circuit-breaker';

/**
 * A call to a system outside ours (SMS provider, payment provider, carrier) that did not succeed: `permanent`
 * when trying again cannot help (the other side refused the request), else it is worth retrying later.
 */
export class OutboundCallError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'OutboundCallError';
  }
}

export interface PostJsonOptions {
  /** Names the other side in errors (`sms`, `payments`). */
  name: string;
  timeoutMs: number;
  /** Sent as Idempotency-Key, so that a retried request takes effect once at a provider that honours it. */
  idempotencyKey?: string;
  bearerToken?: string;
  /** Signs the body like our webhooks (`signWebhook`): X-Signature: t=<unix seconds>,sha256=<hex HMAC-SHA256>. */
  signingSecret?: string;
  /** The other side's breaker: while it is open the request is not sent and CircuitOpenError is thrown. */
  circuit?: CircuitBreaker;
}

/**
 * POSTs JSON and returns the parsed answer of a 2xx. Timeouts, refused connections, 408, 429 and 5xx are
 * worth retrying (and count against `circuit`); any other 4xx is a permanent refusal.
 */
export function postJson(url: string, body: unknown, options: PostJsonOptions): Promise<unknown> {
  const send = () => postJsonOnce(url, body, options);
  return options.circuit ? options.circuit.run(send) : send();
}

async function postJsonOnce(url: string, body: unknown, options: PostJsonOptions): Promise<unknown> {
  const raw = JSON.stringify(body);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}),
        ...(options.bearerToken ? { authorization: `Bearer ${options.bearerToken}` } : {}),
        ...(options.signingSecret ? { 'x-signature': signWebhook(raw, options.signingSecret) } : {}),
      },
      body: raw,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new OutboundCallError(`${options.name}: ${(error as Error).message}${cause ? ` (${cause})` : ''}`, false);
  }
  const text = await response.text().catch(() => '');
  if (response.ok) {
    try {
      return text ? JSON.parse(text) : {};
    } catch {
      return {};
    }
  }
  const retriable = response.status === 408 || response.status === 429 || response.status >= 500;
  throw new OutboundCallError(
    `${options.name}: answered ${response.status} ${text.slice(0, 300)}`.trim(),
    !retriable,
    response.status,
  );
}

/**
 * When a failed call is tried again: exponential backoff from `baseMs`, capped at `maxMs`, with jitter (a
 * random 50-100% of the step) so that calls failing together do not come back together.
 */
export function retryDelayMs(attempts: number, baseMs: number, maxMs: number, random: () => number = Math.random) {
  const step = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(step * (0.5 + random() * 0.5));
}

/** A failure is retried unless it is permanent (the other side refused) or the attempts are used up. */
export function shouldRetry(attempts: number, maxAttempts: number, permanent: boolean): boolean {
  return !permanent && attempts < maxAttempts;
}
