import {
  type Compensation,
  type CompensationPolicy,
  nextDueAt,
  onStepAnswered,
  onStepOverdue,
  planCompensation,
  retryFailed,
  startCompensation,
} from './cancellation-saga';

const T0 = new Date('2026-11-30T10:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const policy: CompensationPolicy = { stepTimeoutMs: 1000, maxAttempts: 3 };
const refund = { refundId: 'rf-1', amount: 500, currency: 'CNY' as const, paymentReference: 'pay-1' };

function givenCancellation(overrides: Partial<Parameters<typeof planCompensation>[0]> = {}): Compensation {
  return planCompensation({
    cancellationId: 'cx-1',
    orderId: 'o-1',
    scope: 'order',
    lines: null,
    reason: 'changed my mind',
    reachedServices: true,
    refund: null,
    startedAt: T0.toISOString(),
    ...overrides,
  });
}
const statuses = (c: Compensation) => c.steps.map((s) => `${s.step}:${s.status}`);
const done = (step: Compensation['steps'][number]['step'], undone: string[] = []) =>
  ({ step, outcome: 'done', undone }) as const;

describe('cancellation saga: the way back in reverse, one step at a time', () => {
  it('a whole paid order: void the shipment, cancel pick lists, release stock, then refund; then done', () => {
    const c = givenCancellation({ refund });
    expect(startCompensation(c, T0, policy)).toEqual([{ type: 'RequestStep', step: 'void-shipment', attempt: 1 }]);
    expect(onStepAnswered(c, done('void-shipment', ['s-1']), at(10), policy)).toEqual([
      { type: 'RequestStep', step: 'cancel-pick-list', attempt: 1 },
    ]);
    expect(onStepAnswered(c, done('cancel-pick-list'), at(20), policy)).toEqual([
      { type: 'RequestStep', step: 'release-stock', attempt: 1 },
    ]);
    expect(onStepAnswered(c, done('release-stock', ['r-1']), at(30), policy)).toEqual([
      { type: 'RequestRefund', attempt: 1 },
    ]);
    expect(onStepAnswered(c, done('refund-payment', ['rf-1']), at(40), policy)).toEqual([{ type: 'Completed' }]);
    expect(c.status).toBe('DONE');
    expect(c.steps.map((s) => s.undone)).toEqual([['s-1'], [], ['r-1'], ['rf-1']]);
    expect(nextDueAt(c)).toBeNull();
  });

  it('dropped waiting lines of an unpaid order only release stock', () => {
    const c = givenCancellation({ scope: 'lines', lines: [{ sku: 'TEA', quantity: 1 }] });
    expect(statuses(c)).toEqual(['release-stock:PENDING']);
    expect(startCompensation(c, T0, policy)).toEqual([{ type: 'RequestStep', step: 'release-stock', attempt: 1 }]);
  });

  it('a paid order cancelled before confirmation only pays back', () => {
    const c = givenCancellation({ reachedServices: false, refund });
    expect(statuses(c)).toEqual(['refund-payment:PENDING']);
    expect(startCompensation(c, T0, policy)).toEqual([{ type: 'RequestRefund', attempt: 1 }]);
  });

  it('an answer heard twice, or for a step not asked yet, changes nothing', () => {
    const c = givenCancellation();
    startCompensation(c, T0, policy);
    expect(onStepAnswered(c, done('release-stock'), at(5), policy)).toEqual([]);
    onStepAnswered(c, done('void-shipment'), at(10), policy);
    expect(onStepAnswered(c, done('void-shipment'), at(11), policy)).toEqual([]);
    expect(statuses(c)).toEqual(['void-shipment:DONE', 'cancel-pick-list:REQUESTED', 'release-stock:PENDING']);
  });

  it('a step that does not answer is asked again with a longer wait, then surfaced to ops', () => {
    const c = givenCancellation();
    startCompensation(c, T0, policy);
    expect(onStepOverdue(c, at(999), policy)).toEqual([]);
    expect(onStepOverdue(c, at(1000), policy)).toEqual([{ type: 'RequestStep', step: 'void-shipment', attempt: 2 }]);
    expect(nextDueAt(c)).toBe(at(3000).toISOString());
    expect(onStepOverdue(c, at(3000), policy)).toEqual([{ type: 'RequestStep', step: 'void-shipment', attempt: 3 }]);
    expect(onStepOverdue(c, at(7000), policy)).toEqual([
      { type: 'ReportFailure', step: 'void-shipment', attempts: 3, error: 'no answer from shipping after 3 requests' },
    ]);
    expect(c.status).toBe('FAILED');
    expect(onStepOverdue(c, at(60_000), policy)).toEqual([]);
  });

  it('a step that cannot be undone stops the saga there: no stock released, no money back while a parcel travels', () => {
    const c = givenCancellation({ refund });
    startCompensation(c, T0, policy);
    expect(
      onStepAnswered(
        c,
        { step: 'void-shipment', outcome: 'failed', undone: ['s-1'], detail: 'shipment s-1 was dispatched' },
        at(10),
        policy,
      ),
    ).toEqual([
      {
        type: 'ReportFailure',
        step: 'void-shipment',
        attempts: 1,
        error: 'shipment s-1 was dispatched',
        targetId: 's-1',
      },
    ]);
    expect(statuses(c)).toEqual([
      'void-shipment:FAILED',
      'cancel-pick-list:PENDING',
      'release-stock:PENDING',
      'refund-payment:PENDING',
    ]);
  });

  it('a surfaced step that later succeeds (the refund went through in the end) lets the saga finish', () => {
    const c = givenCancellation({ scope: 'lines', lines: [{ sku: 'TEA', quantity: 1 }], refund });
    startCompensation(c, T0, policy);
    onStepAnswered(c, done('release-stock'), at(10), policy);
    onStepAnswered(
      c,
      { step: 'refund-payment', outcome: 'failed', undone: [], detail: 'provider 503' },
      at(20),
      policy,
    );
    expect(c.status).toBe('FAILED');
    expect(onStepAnswered(c, done('refund-payment', ['rf-1']), at(30), policy)).toEqual([{ type: 'Completed' }]);
    expect(c.status).toBe('DONE');
  });

  it('ops retry a surfaced step: it is asked again with fresh attempts', () => {
    const c = givenCancellation();
    startCompensation(c, T0, policy);
    onStepAnswered(c, { step: 'void-shipment', outcome: 'failed', undone: [], detail: 'recall' }, at(10), policy);
    expect(retryFailed(c, at(20), policy)).toEqual([{ type: 'RequestStep', step: 'void-shipment', attempt: 1 }]);
    expect(c.status).toBe('RUNNING');
  });
});
