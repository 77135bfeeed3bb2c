import { retryDelayMs, shouldRetry } from './outbound-call';

describe('delivery policy', () => {
  it('backs off exponentially with jitter, capped', () => {
    expect(retryDelayMs(1, 1000, 60_000, () => 1)).toBe(1000);
    expect(retryDelayMs(3, 1000, 60_000, () => 1)).toBe(4000);
    expect(retryDelayMs(3, 1000, 60_000, () => 0)).toBe(2000);
    expect(retryDelayMs(20, 1000, 60_000, () => 1)).toBe(60_000);
  });

  it('retries transient failures until the attempts are used up, never permanent ones', () => {
    expect(shouldRetry(1, 3, false)).toBe(true);
    expect(shouldRetry(3, 3, false)).toBe(false);
    expect(shouldRetry(1, 3, true)).toBe(false);
  });
});
