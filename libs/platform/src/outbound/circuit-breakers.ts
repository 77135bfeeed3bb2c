import { Gauge, type Registry } from 'prom-client';
import type { Logger } from '../logging/logger';
import { CircuitBreaker, type CircuitState, type CircuitTransition } from './circuit-breaker';

/** Gauge values: the higher, the less gets through. */
const STATE_VALUES: Record<CircuitState, number> = { closed: 0, 'half-open': 1, open: 2 };

export interface CircuitSettings {
  failureThreshold: number;
  cooldownMs: number;
  now?: () => number;
}

/**
 * A service's circuit breakers, one per outside system: `for('smtp')` always answers the same breaker, so every
 * adapter talking to that system shares what it learned. Settings come from CIRCUIT_FAILURE_THRESHOLD and
 * CIRCUIT_COOLDOWN_MS; every transition is logged and the state is the `outbound_circuit_state` gauge.
 */
export class CircuitBreakers {
  private readonly breakers = new Map<string, CircuitBreaker>();
  private readonly stateGauge: Gauge<'target'>;

  constructor(
    private readonly settings: CircuitSettings,
    private readonly logger: Logger,
    registry: Registry,
  ) {
    this.stateGauge = new Gauge({
      name: 'outbound_circuit_state',
      help: 'Circuit breaker of each outside system: 0 closed (calls go through), 1 half-open (one probe), 2 open (calls fail at once)',
      labelNames: ['target'],
      registers: [registry],
    });
  }

  for(name: string): CircuitBreaker {
    let breaker = this.breakers.get(name);
    if (!breaker) {
      breaker = new CircuitBreaker({
        name,
        failureThreshold: this.settings.failureThreshold,
        cooldownMs: this.settings.cooldownMs,
        ...(this.settings.now ? { now: this.settings.now } : {}),
        onTransition: (transition) => this.report(transition),
      });
      this.breakers.set(name, breaker);
      this.stateGauge.set({ target: name }, STATE_VALUES.closed);
    }
    return breaker;
  }

  private report(transition: CircuitTransition): void {
    this.stateGauge.set({ target: transition.name }, STATE_VALUES[transition.to]);
    const about = { circuit: transition.name, from: transition.from, to: transition.to };
    if (transition.to === 'open') {
      this.logger.warn(
        {
          ...about,
          consecutiveFailures: transition.consecutiveFailures,
          cooldownMs: this.settings.cooldownMs,
          lastError: transition.lastError,
        },
        `circuit of ${transition.name} open: calls fail at once until a probe after the cooldown succeeds`,
      );
    } else if (transition.to === 'half-open') {
      this.logger.info(about, `circuit of ${transition.name} half-open: one probe call goes through`);
    } else {
      this.logger.info(about, `circuit of ${transition.name} closed: calls go through again`);
    }
  }
}
