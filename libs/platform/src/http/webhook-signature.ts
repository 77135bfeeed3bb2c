import { timingSafeEqual } from 'node:crypto';
import { hmacSignature } from '../outbound/outbound-call';
import { ProblemException } from './problem';

/**
 * Checks a webhook's `X-Signature: sha256=<hex HMAC-SHA256 of the raw body>` in constant time; throws 401
 * problem+json when the secret is not configured or the signature is missing or wrong.
 */
export function verifyWebhookSignature(
  rawBody: Buffer | undefined,
  signature: string | undefined,
  secret: string | undefined,
  name: string,
): void {
  if (!secret) throw ProblemException.unauthorized(`${name} webhooks are not configured`);
  const expected = Buffer.from(hmacSignature(rawBody ?? Buffer.alloc(0), secret));
  const given = Buffer.from(signature ?? '');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw ProblemException.unauthorized('missing or wrong X-Signature');
}
