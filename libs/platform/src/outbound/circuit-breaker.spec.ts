import { Registry } from 'prom-client';
import type { Logger } from '../logging/logger';
import { CircuitBreaker, CircuitOpenError, type CircuitTransition } from './circuit-breaker';
import { CircuitBreakers } from './circuit-breakers';
import { OutboundCallError } from './outbound-call';

/** Time moves only when a test says so. */
class FakeClock {
  ms = 1_700_000_000_000;
  readonly now = () => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
}

const retriable = (status = 503) => new OutboundCallError(`answered ${status}`, false, status);
const refused = (status = 400) => new OutboundCallError(`answered ${status}`, true, status);

describe('CircuitBreaker', () => {
  let clock: FakeClock;
  let transitions: CircuitTransition[];
  let breaker: CircuitBreaker;
  /** Calls that reached the other side. */
  let calls: number;

  beforeEach(() => {
    clock = new FakeClock();
    transitions = [];
    calls = 0;
    breaker = new CircuitBreaker({
      name: 'sms',
      failureThreshold: 3,
      cooldownMs: 30_000,
      now: clock.now,
      onTransition: (t) => transitions.push(t),
    });
  });

  const succeed = () =>
    breaker.run(async () => {
      calls += 1;
      return 'ok';
    });
  const fail = (error: Error = retriable()) =>
    breaker
      .run(async () => {
        calls += 1;
        throw error;
      })
      .catch((e: unknown) => e as Error);
  const path = () => transitions.map((t) => `${t.from}->${t.to}`);

  it('stays closed below the threshold and opens on the Nth failure in a row', async () => {
    await fail();
    await fail();
    expect(breaker.state).toBe('closed');
    await fail(retriable(429));
    expect(breaker.state).toBe('open');
    expect(transitions).toEqual([
      { name: 'sms', from: 'closed', to: 'open', consecutiveFailures: 3, lastError: 'answered 429' },
    ]);
  });

  it('counts only failures in a row: a success starts the count again', async () => {
    await fail();
    await fail();
    await succeed();
    await fail();
    await fail();
    expect(breaker.state).toBe('closed');
    await fail();
    expect(breaker.state).toBe('open');
  });

  it('counts timeouts, 408 and errors other than OutboundCallError, never permanent refusals', async () => {
    for (let i = 0; i < 10; i++) expect(await fail(refused(i % 2 ? 404 : 422))).toBeInstanceOf(OutboundCallError);
    expect(breaker.state).toBe('closed');
    await fail(new OutboundCallError('sms: The operation was aborted due to timeout', false));
    await fail(retriable(408));
    // A refusal is an answer: the other side is up, so the run of failures ends.
    await fail(refused());
    await fail(new TypeError('fetch failed'));
    await fail(retriable(500));
    expect(breaker.state).toBe('closed');
    await fail(retriable(502));
    expect(breaker.state).toBe('open');
  });

  it('while open, fails at once with a retriable OutboundCallError without calling', async () => {
    for (let i = 0; i < 3; i++) await fail();
    expect(calls).toBe(3);
    clock.advance(29_999);

    const error = await fail();
    expect(calls).toBe(3);
    expect(error).toBeInstanceOf(CircuitOpenError);
    expect(error).toBeInstanceOf(OutboundCallError);
    expect((error as OutboundCallError).permanent).toBe(false);
    expect(error.message).toMatch(/^sms: circuit open/);
    expect((error as CircuitOpenError).retryAfter.getTime()).toBe(clock.ms + 1);
    await expect(succeed()).rejects.toBeInstanceOf(CircuitOpenError);
    expect(calls).toBe(3);
    expect(breaker.state).toBe('open');
  });

  it('after the cooldown lets one probe through; its success closes the circuit', async () => {
    for (let i = 0; i < 3; i++) await fail();
    clock.advance(30_000);

    let answerProbe!: () => void;
    const probe = breaker.run(
      () =>
        new Promise<string>((resolve) => {
          calls += 1;
          answerProbe = () => resolve('probe ok');
        }),
    );
    expect(breaker.state).toBe('half-open');
    // Others meanwhile fail at once: one probe, not a flood.
    await expect(succeed()).rejects.toThrow(/circuit open/);
    await expect(succeed()).rejects.toBeInstanceOf(CircuitOpenError);
    expect(calls).toBe(4);

    answerProbe();
    await expect(probe).resolves.toBe('probe ok');
    expect(breaker.state).toBe('closed');
    await expect(succeed()).resolves.toBe('ok');
    expect(calls).toBe(5);
    expect(path()).toEqual(['closed->open', 'open->half-open', 'half-open->closed']);
    expect(transitions[2]!.consecutiveFailures).toBe(0);
  });

  it('a failed probe opens the circuit again for a whole cooldown', async () => {
    for (let i = 0; i < 3; i++) await fail();
    clock.advance(45_000);
    await fail(retriable(503));
    expect(breaker.state).toBe('open');
    expect(calls).toBe(4);

    clock.advance(29_000);
    expect(await fail()).toBeInstanceOf(CircuitOpenError);
    expect(calls).toBe(4);
    clock.advance(1_000);
    await succeed();
    expect(breaker.state).toBe('closed');
    expect(path()).toEqual([
      'closed->open',
      'open->half-open',
      'half-open->open',
      'open->half-open',
      'half-open->closed',
    ]);
    // Closed again, it takes a whole new run of failures to open.
    await fail();
    await fail();
    expect(breaker.state).toBe('closed');
  });

  it('a probe answered with a permanent refusal closes the circuit: the other side is back', async () => {
    for (let i = 0; i < 3; i++) await fail();
    clock.advance(30_000);
    expect(await fail(refused(422))).not.toBeInstanceOf(CircuitOpenError);
    expect(breaker.state).toBe('closed');
  });

  it('ignores late outcomes of calls let through before the last transition', async () => {
    let answerSlow!: () => void;
    const slow = breaker.run(
      () =>
        new Promise<void>((resolve) => {
          answerSlow = resolve;
        }),
    );
    for (let i = 0; i < 3; i++) await fail();
    expect(breaker.state).toBe('open');

    answerSlow();
    await slow;
    expect(breaker.state).toBe('open');
    expect(await fail()).toBeInstanceOf(CircuitOpenError);
  });
});

describe('CircuitBreakers', () => {
  it('keeps one breaker per outside system, with the state as a gauge and each transition logged', async () => {
    const clock = new FakeClock();
    const registry = new Registry();
    const logged: Array<{ level: string; fields: Record<string, unknown>; message: string }> = [];
    const record =
      (level: string) =>
      (fields: Record<string, unknown>, message: string): void => {
        logged.push({ level, fields, message });
      };
    const logger = { info: record('info'), warn: record('warn') } as unknown as Logger;
    const circuits = new CircuitBreakers({ failureThreshold: 2, cooldownMs: 1_000, now: clock.now }, logger, registry);
    const gauge = async () =>
      Object.fromEntries(
        (await registry.getSingleMetric('outbound_circuit_state')!.get()).values.map((v) => [v.labels.target, v.value]),
      );

    const smtp = circuits.for('smtp');
    expect(circuits.for('smtp')).toBe(smtp);
    const sms = circuits.for('sms');
    expect(sms).not.toBe(smtp);
    expect(await gauge()).toEqual({ smtp: 0, sms: 0 });

    const down = () => Promise.reject(new OutboundCallError('smtp: connect ECONNREFUSED', false));
    await smtp.run(down).catch(() => undefined);
    await smtp.run(down).catch(() => undefined);
    expect(await gauge()).toEqual({ smtp: 2, sms: 0 });
    expect(logged[0]).toMatchObject({
      level: 'warn',
      fields: { circuit: 'smtp', from: 'closed', to: 'open', consecutiveFailures: 2, cooldownMs: 1_000 },
    });
    expect(logged[0]!.fields.lastError).toContain('ECONNREFUSED');

    clock.advance(1_000);
    let answerProbe!: () => void;
    const probe = smtp.run(() => new Promise<void>((resolve) => (answerProbe = resolve)));
    expect(await gauge()).toEqual({ smtp: 1, sms: 0 });
    answerProbe();
    await probe;
    expect(await gauge()).toEqual({ smtp: 0, sms: 0 });
    expect(logged.map((l) => [l.level, l.fields.to])).toEqual([
      ['warn', 'open'],
      ['info', 'half-open'],
      ['info', 'closed'],
    ]);
  });
});
