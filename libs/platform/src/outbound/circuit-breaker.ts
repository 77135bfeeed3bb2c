import { OutboundCallError } from './outbound-call';

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitTransition {
  /** The outside system (`smtp`, `sms`, `payments`). */
  name: string;
  from: CircuitState;
  to: CircuitState;
  /** Consecutive failures that opened the circuit (0 when it closes). */
  consecutiveFailures: number;
  /** What the last failure said, when the circuit opens. */
  lastError?: string;
}

export interface CircuitBreakerOptions {
  name: string;
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long an open circuit refuses calls before it lets one probe through. */
  cooldownMs: number;
  /** Milliseconds since the epoch; injectable so tests move time themselves. */
  now?: () => number;
  onTransition?: (transition: CircuitTransition) => void;
}

/** A call refused without trying it: the circuit is open. Retriable, so the caller's durable retry keeps it. */
export class CircuitOpenError extends OutboundCallError {
  constructor(
    name: string,
    readonly retryAfter: Date,
  ) {
    super(`${name}: circuit open, not called (trying again after ${retryAfter.toISOString()})`, false);
    this.name = 'CircuitOpenError';
  }
}

/**
 * Stops calling an outside system that keeps failing, so that a dead receiver costs neither a timeout per
 * message nor a flood of retries when it comes back. Closed: calls go through; `failureThreshold` failures in a
 * row open it. Open: calls fail at once with CircuitOpenError. After `cooldownMs` the next call is the one probe
 * (half-open; the others keep failing at once): success closes the circuit, failure opens it for another cooldown.
 *
 * Consecutive failures rather than a failure rate over a window: our callers are pollers sending one message
 * after another at low volume, where a rate needs a minimum number of calls to mean anything and reacts late;
 * a run of failures is what a receiver that is down looks like, and a receiver failing now and then is already
 * handled by each message's own retry.
 *
 * A permanent refusal (OutboundCallError.permanent: a 4xx other than 408/429, an SMTP 5xx) is the other side
 * answering, so it counts as a sign of life, never as a failure. Outcomes of calls let through before the
 * last transition are ignored: they say nothing about the current state. One breaker lives in one process.
 */
export class CircuitBreaker {
  private current: CircuitState = 'closed';
  private consecutiveFailures = 0;
  private openedAt = 0;
  private probeInFlight = false;
  /** Bumped on every transition, so a late outcome from before it is recognised. */
  private generation = 0;
  private readonly now: () => number;

  constructor(private readonly options: CircuitBreakerOptions) {
    this.now = options.now ?? Date.now;
  }

  get name(): string {
    return this.options.name;
  }

  /** `open` until the first call after the cooldown turns it half-open. */
  get state(): CircuitState {
    return this.current;
  }

  /** Runs `call` unless the circuit is open, and counts its outcome. */
  async run<T>(call: () => Promise<T>): Promise<T> {
    const permit = this.admit();
    let result: T;
    try {
      result = await call();
    } catch (error) {
      if (error instanceof OutboundCallError && error.permanent) this.settle(permit, 'answered');
      else this.settle(permit, 'failed', (error as Error)?.message ?? String(error));
      throw error;
    }
    this.settle(permit, 'answered');
    return result;
  }

  private admit(): { generation: number; probe: boolean } {
    if (this.current === 'open') {
      const retryAt = this.openedAt + this.options.cooldownMs;
      if (this.now() < retryAt) throw new CircuitOpenError(this.name, new Date(retryAt));
      this.moveTo('half-open');
    }
    if (this.current === 'half-open') {
      // One probe at a time: the others fail now, and their own retry finds out how the probe went.
      if (this.probeInFlight) throw new CircuitOpenError(this.name, new Date(this.now() + this.options.cooldownMs));
      this.probeInFlight = true;
      return { generation: this.generation, probe: true };
    }
    return { generation: this.generation, probe: false };
  }

  private settle(permit: { generation: number; probe: boolean }, outcome: 'answered' | 'failed', error?: string) {
    if (permit.probe) this.probeInFlight = false;
    if (permit.generation !== this.generation) return;
    if (outcome === 'answered') {
      this.consecutiveFailures = 0;
      if (this.current === 'half-open') this.moveTo('closed');
      return;
    }
    this.consecutiveFailures += 1;
    if (this.current === 'half-open' || this.consecutiveFailures >= this.options.failureThreshold) {
      this.openedAt = this.now();
      this.moveTo('open', error);
    }
  }

  private moveTo(to: CircuitState, lastError?: string): void {
    const from = this.current;
    this.current = to;
    this.generation += 1;
    this.options.onTransition?.({
      name: this.name,
      from,
      to,
      consecutiveFailures: this.consecutiveFailures,
      ...(lastError !== undefined ? { lastError } : {}),
    });
    if (to === 'closed') this.consecutiveFailures = 0;
  }
}
