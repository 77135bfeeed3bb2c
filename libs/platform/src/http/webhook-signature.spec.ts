import { createHmac } from 'node:crypto';
import { ProblemException } from './problem';
import { signWebhook, verifyWebhookSignature, type WebhookVerification } from './webhook-signature';

const SECRET = 'webhook-spec-secret';
const BODY = JSON.stringify({ orderId: 'o-1', amount: 13600 });
const SIGNED_AT = new Date('2026-11-23T08:00:00.000Z');
const T = SIGNED_AT.getTime() / 1000;

const atSecondsAfter = (seconds: number) => new Date(SIGNED_AT.getTime() + seconds * 1000);
const check = (body: string | undefined, signature: string | undefined, options: Partial<WebhookVerification> = {}) =>
  verifyWebhookSignature(body === undefined ? undefined : Buffer.from(body), signature, {
    source: 'payment',
    secret: SECRET,
    toleranceSeconds: 300,
    now: atSecondsAfter(10),
    ...options,
  });

/** The 401 problem detail a verification throws, or undefined when it passes. */
function refusal(verify: () => unknown): string | undefined {
  try {
    verify();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(ProblemException);
    expect((error as ProblemException).problem.status).toBe(401);
    return (error as ProblemException).problem.detail;
  }
}

describe('webhook signatures', () => {
  it('signs "<t>.<body>" with HMAC-SHA256 and says when: t=<unix seconds>,sha256=<hex>', () => {
    const expected = createHmac('sha256', SECRET).update(`${T}.${BODY}`).digest('hex');
    expect(signWebhook(BODY, SECRET, SIGNED_AT)).toBe(`t=${T},sha256=${expected}`);
    expect(signWebhook(Buffer.from(BODY), SECRET, new Date(SIGNED_AT.getTime() + 999))).toBe(
      `t=${T},sha256=${expected}`,
    );
  });

  it('verifies its own signature and names the delivery by its digest and signing time', () => {
    const signature = signWebhook(BODY, SECRET, SIGNED_AT);
    expect(check(BODY, signature)).toEqual({
      source: 'payment',
      digest: signature.slice(signature.indexOf('sha256=') + 7),
      signedAt: SIGNED_AT,
    });
  });

  it('tells deliveries apart: the same one sent again has the same digest, one signed a second later does not', () => {
    const first = check(BODY, signWebhook(BODY, SECRET, SIGNED_AT));
    expect(check(BODY, signWebhook(BODY, SECRET, SIGNED_AT)).digest).toBe(first.digest);
    expect(check(BODY, signWebhook(BODY, SECRET, atSecondsAfter(1))).digest).not.toBe(first.digest);
  });

  it('refuses every delivery while the secret is not configured', () => {
    expect(refusal(() => check(BODY, signWebhook(BODY, SECRET, SIGNED_AT), { secret: undefined }))).toMatch(
      /payment webhooks are not configured/,
    );
  });

  it('refuses a missing or malformed signature, the old body-only format among them', () => {
    const digest = createHmac('sha256', SECRET).update(BODY).digest('hex');
    expect(refusal(() => check(BODY, undefined))).toMatch(/missing/);
    expect(refusal(() => check(BODY, ''))).toMatch(/missing/);
    for (const malformed of [
      `sha256=${digest}`,
      `t=${T}`,
      `t=soon,sha256=${digest}`,
      `t=${T},sha256=${digest.slice(1)}`,
      `t=${T},sha256=${digest.toUpperCase()}`,
      `sha256=${digest},t=${T}`,
      `t=${T},sha1=${digest.slice(0, 40)}`,
    ]) {
      expect(refusal(() => check(BODY, malformed))).toMatch(/malformed/);
    }
  });

  it('refuses a wrong secret, a tampered body and a tampered time', () => {
    const signature = signWebhook(BODY, SECRET, SIGNED_AT);
    expect(refusal(() => check(BODY, signWebhook(BODY, 'another-secret', SIGNED_AT)))).toMatch(/wrong/);
    expect(refusal(() => check(BODY.replace('13600', '1'), signature))).toMatch(/wrong/);
    expect(refusal(() => check(undefined, signature))).toMatch(/wrong/);
    expect(refusal(() => check(BODY, signature.replace(`t=${T}`, `t=${T + 60}`)))).toMatch(/wrong/);
  });

  it('takes a delivery signed up to the tolerance away from now, either way, and refuses one further', () => {
    const signature = signWebhook(BODY, SECRET, SIGNED_AT);
    expect(refusal(() => check(BODY, signature, { now: atSecondsAfter(300) }))).toBeUndefined();
    expect(refusal(() => check(BODY, signature, { now: atSecondsAfter(-300) }))).toBeUndefined();
    expect(refusal(() => check(BODY, signature, { now: atSecondsAfter(301) }))).toMatch(/not signed within 300 s/);
    expect(refusal(() => check(BODY, signature, { now: atSecondsAfter(-301) }))).toMatch(/not signed within/);
    expect(refusal(() => check(BODY, signature, { now: atSecondsAfter(61), toleranceSeconds: 60 }))).toMatch(
      /within 60 s/,
    );
  });
});
