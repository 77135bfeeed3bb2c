import { isDatabaseUnavailable } from '../database/database-unavailable';

/** Time to record an outcome after the call, database restarts included (see recordOutcome). */
const RECORD_MARGIN_MS = 15_000;

/**
 * How long rows claimed for outside calls stay leased. The calls of one claimed batch are made at once, so the
 * lease is one call's time limit plus the time to record its outcome; a process that dies mid-batch gives its
 * rows back after this, not after a whole batch of sequential calls.
 */
export function callLeaseMs(callTimeoutMs: number): number {
  return callTimeoutMs + RECORD_MARGIN_MS;
}

/**
 * Records the outcome of an outside call already made. While the database is unavailable (a restart) it tries
 * again within the lease: the call is not made twice for a blip. Past that the row is left to its lease and the
 * call is made again (outside systems get our id as their idempotency key).
 */
export async function recordOutcome(record: () => Promise<void>, delayMs = 1_000): Promise<void> {
  const giveUpAt = Date.now() + RECORD_MARGIN_MS - delayMs;
  for (;;) {
    try {
      return await record();
    } catch (error) {
      if (!isDatabaseUnavailable(error) || Date.now() + delayMs > giveUpAt) throw error;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}
