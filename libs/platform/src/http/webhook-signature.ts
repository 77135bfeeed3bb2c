import { createHmac, timingSafeEqual } from 'node:crypto';
import { ProblemException } from './problem';

/**
 * Signs a webhook body the way every webhook of ours is signed, both ways:
 * `t=<unix seconds>,sha256=<hex HMAC-SHA256 of "<t>.<body>">`. The time is signed with the body so that a
 * receiver can refuse an old delivery sent again.
 */
export function signWebhook(body: Buffer | string, secret: string, now: Date = new Date()): string {
  const signedAt = Math.floor(now.getTime() / 1000);
  return `t=${signedAt},sha256=${webhookDigest(signedAt, body, secret)}`;
}

/** A delivery whose signature was right and recent. */
export interface VerifiedWebhook {
  /** Names the sender (`payment`, `carrier`): deliveries are told apart per sender. */
  source: string;
  /** Hex HMAC of this delivery (its time and body): the same delivery sent again has the same one. */
  digest: string;
  signedAt: Date;
}

export interface WebhookVerification {
  source: string;
  /** The sender's secret; unset means the webhook is not configured and every delivery is refused. */
  secret: string | undefined;
  /** How far the signing time may lie from ours, either way. */
  toleranceSeconds: number;
  now?: Date;
}

const SIGNATURE_FORMAT = /^t=(\d{1,12}),sha256=([0-9a-f]{64})$/;

/**
 * Checks a webhook's X-Signature (see `signWebhook`) in constant time and that it was signed within the
 * tolerance; throws 401 problem+json when the secret is not configured or the signature is missing,
 * malformed, wrong or stale. Replays within the tolerance pass here: `WebhookReceiver` takes each delivery once.
 */
export function verifyWebhookSignature(
  rawBody: Buffer | undefined,
  signature: string | undefined,
  { source, secret, toleranceSeconds, now = new Date() }: WebhookVerification,
): VerifiedWebhook {
  if (!secret) throw ProblemException.unauthorized(`${source} webhooks are not configured`);
  if (!signature) throw ProblemException.unauthorized('missing X-Signature');
  const parsed = SIGNATURE_FORMAT.exec(signature.trim());
  if (!parsed) throw ProblemException.unauthorized('malformed X-Signature: expected t=<unix seconds>,sha256=<hex>');
  const signedAt = Number(parsed[1]);
  const expected = webhookDigest(signedAt, rawBody ?? Buffer.alloc(0), secret);
  if (!timingSafeEqual(Buffer.from(parsed[2]!), Buffer.from(expected)))
    throw ProblemException.unauthorized('wrong X-Signature');
  if (Math.abs(now.getTime() / 1000 - signedAt) > toleranceSeconds)
    throw ProblemException.unauthorized(`X-Signature was not signed within ${toleranceSeconds} s of now`);
  return { source, digest: expected, signedAt: new Date(signedAt * 1000) };
}

function webhookDigest(signedAt: number, body: Buffer | string, secret: string): string {
  return createHmac('sha256', secret).update(`${signedAt}.`).update(body).digest('hex');
}
