import type { CancellationScope, CompensationStep, Currency } from '@oms/contracts';
import type { SkuQuantity } from '../order';

/**
 * The compensation of a cancellation, written as data: the steps undo the way forward in reverse (the parcel
 * first, so nothing leaves while the rest is undone; the money last, once nothing can still ship). One step at
 * a time: each is asked of the service that owns it and waits for its answer; a step that does not answer in
 * time is asked again (every step is idempotent), and one that keeps failing is surfaced to ops, never dropped.
 * Pure: the functions take the state and return the commands; the caller stores and carries them out.
 */

export type CompensationStepStatus = 'PENDING' | 'REQUESTED' | 'DONE' | 'FAILED';

export interface CompensationStepState {
  step: CompensationStep;
  status: CompensationStepStatus;
  attempts: number;
  /** When an unanswered request is asked again (or given up). */
  dueAt: string | null;
  error: string | null;
  /** What the service undid (shipments, pick lists, reservations, the refund). */
  undone: string[];
}

export interface Compensation {
  cancellationId: string;
  orderId: string;
  scope: CancellationScope;
  /** The units cancelled, for a `lines` cancellation. */
  lines: SkuQuantity[] | null;
  reason: string;
  /** Whether other services hold something for the order (it was confirmed): else only money goes back. */
  reachedServices: boolean;
  /** What to pay back, when something was paid. */
  refund: { refundId: string; amount: number; currency: Currency; paymentReference: string } | null;
  status: 'RUNNING' | 'DONE' | 'FAILED';
  steps: CompensationStepState[];
  startedAt: string;
}

export interface CompensationPolicy {
  /** How long a step may take before it is asked again. */
  stepTimeoutMs: number;
  /** Requests of one step before it is surfaced to ops as failed. */
  maxAttempts: number;
}

export type CompensationCommand =
  | { type: 'RequestStep'; step: Exclude<CompensationStep, 'refund-payment'>; attempt: number }
  | { type: 'RequestRefund'; attempt: number }
  | { type: 'ReportFailure'; step: CompensationStep; attempts: number; error: string; targetId?: string }
  | { type: 'Completed' };

/** The steps of the way back, in the order they run. */
export const COMPENSATION_PLAN: ReadonlyArray<{
  step: CompensationStep;
  /** Whether the step applies: a whole-order cancel undoes everything; dropped waiting lines only touch stock. */
  applies: (c: Pick<Compensation, 'scope' | 'reachedServices' | 'refund'>) => boolean;
}> = [
  { step: 'void-shipment', applies: (c) => c.reachedServices && c.scope === 'order' },
  { step: 'cancel-pick-list', applies: (c) => c.reachedServices && c.scope === 'order' },
  { step: 'release-stock', applies: (c) => c.reachedServices },
  { step: 'refund-payment', applies: (c) => c.refund !== null },
];

export function planCompensation(input: Omit<Compensation, 'status' | 'steps'>): Compensation {
  return {
    ...input,
    status: 'RUNNING',
    steps: COMPENSATION_PLAN.filter((p) => p.applies(input)).map(({ step }) => ({
      step,
      status: 'PENDING',
      attempts: 0,
      dueAt: null,
      error: null,
      undone: [],
    })),
  };
}

/** Asks for the first step. */
export function startCompensation(c: Compensation, now: Date, policy: CompensationPolicy): CompensationCommand[] {
  return advance(c, now, policy);
}

/**
 * A service answered a step. `done` moves on to the next step (a late answer to a step surfaced as failed
 * counts too); `failed` stops the saga there and surfaces it: what follows depends on this step (stock is not
 * released, nor money paid back, while a parcel may still be on its way). An answer heard twice changes nothing.
 */
export function onStepAnswered(
  c: Compensation,
  answer: { step: CompensationStep; outcome: 'done' | 'failed'; undone: string[]; detail?: string },
  now: Date,
  policy: CompensationPolicy,
): CompensationCommand[] {
  const state = c.steps.find((s) => s.step === answer.step);
  if (!state || state.status === 'DONE' || state.status === 'PENDING') return [];
  if (answer.outcome === 'done') {
    state.status = 'DONE';
    state.dueAt = null;
    state.error = null;
    state.undone = answer.undone;
    if (c.status === 'FAILED' && c.steps.every((s) => s.status !== 'FAILED')) c.status = 'RUNNING';
    return advance(c, now, policy);
  }
  if (state.status === 'FAILED') return [];
  return fail(c, state, answer.detail ?? `${answer.step} cannot be undone`, answer.undone[0]);
}

/** The running step did not answer in time: ask again, or surface it once the attempts are used up. */
export function onStepOverdue(c: Compensation, now: Date, policy: CompensationPolicy): CompensationCommand[] {
  const state = c.steps.find((s) => s.status === 'REQUESTED');
  if (!state || !state.dueAt || new Date(state.dueAt) > now) return [];
  if (state.attempts >= policy.maxAttempts) {
    return fail(c, state, `no answer from ${ownerOf(state.step)} after ${state.attempts} requests`);
  }
  return [request(state, now, policy)];
}

/** Ops retry a surfaced step (after fixing what blocked it): it is asked again with fresh attempts. */
export function retryFailed(c: Compensation, now: Date, policy: CompensationPolicy): CompensationCommand[] {
  const state = c.steps.find((s) => s.status === 'FAILED');
  if (!state) return [];
  state.status = 'PENDING';
  state.attempts = 0;
  state.error = null;
  c.status = 'RUNNING';
  return advance(c, now, policy);
}

/** When the running step must be looked at again (null when nothing waits). */
export function nextDueAt(c: Compensation): string | null {
  return c.steps.find((s) => s.status === 'REQUESTED')?.dueAt ?? null;
}

function advance(c: Compensation, now: Date, policy: CompensationPolicy): CompensationCommand[] {
  if (c.steps.some((s) => s.status === 'REQUESTED' || s.status === 'FAILED')) return [];
  const next = c.steps.find((s) => s.status === 'PENDING');
  if (!next) {
    c.status = 'DONE';
    return [{ type: 'Completed' }];
  }
  return [request(next, now, policy)];
}

function request(state: CompensationStepState, now: Date, policy: CompensationPolicy): CompensationCommand {
  state.status = 'REQUESTED';
  state.attempts += 1;
  // A longer wait for each repeat: a service that is down gets time to come back.
  state.dueAt = new Date(now.getTime() + policy.stepTimeoutMs * 2 ** (state.attempts - 1)).toISOString();
  return state.step === 'refund-payment'
    ? { type: 'RequestRefund', attempt: state.attempts }
    : { type: 'RequestStep', step: state.step, attempt: state.attempts };
}

function fail(c: Compensation, state: CompensationStepState, error: string, targetId?: string): CompensationCommand[] {
  state.status = 'FAILED';
  state.dueAt = null;
  state.error = error;
  c.status = 'FAILED';
  return [
    {
      type: 'ReportFailure',
      step: state.step,
      attempts: Math.max(1, state.attempts),
      error,
      ...(targetId ? { targetId } : {}),
    },
  ];
}

const OWNERS: Record<CompensationStep, string> = {
  'void-shipment': 'shipping',
  'cancel-pick-list': 'fulfillment',
  'release-stock': 'inventory',
  'refund-payment': 'aftersales',
};

function ownerOf(step: CompensationStep): string {
  return OWNERS[step];
}
