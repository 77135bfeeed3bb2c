/**
 * When a failed send is tried again: exponential backoff from `baseMs`, capped at `maxMs`, with jitter (a
 * random 50-100% of the step) so that messages failing together do not come back together.
 */
export function retryDelayMs(attempts: number, baseMs: number, maxMs: number, random: () => number = Math.random) {
  const step = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(step * (0.5 + random() * 0.5));
}

/** A failure is retried unless it is permanent (the provider refused the message) or the attempts are used up. */
export function shouldRetry(attempts: number, maxAttempts: number, permanent: boolean): boolean {
  return !permanent && attempts < maxAttempts;
}
