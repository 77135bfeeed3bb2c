/**
 * How hard the fault suite tries. `short` runs in CI on every change (a few minutes); `long` is the drill
 * ops run by one command (`npm run test:faults:long`): more orders, and every fault several times.
 */
export interface FaultProfile {
  name: string;
  orders: number;
  ordersPerSecond: number;
  /** Rounds of faults: each round kills every service once (-9), restarts the broker and PostgreSQL once. */
  rounds: number;
  /** How long the notification service stays down to fall behind. */
  lagSeconds: number;
  /** Orders placed concurrently for one scarce SKU. */
  concurrentOrders: number;
  concurrentStock: number;
  /** Time for everything to settle after the last fault. */
  settleTimeoutMs: number;
}

const PROFILES: Record<string, FaultProfile> = {
  short: {
    name: 'short',
    orders: 200,
    ordersPerSecond: 4,
    rounds: 1,
    lagSeconds: 15,
    concurrentOrders: 1000,
    concurrentStock: 100,
    settleTimeoutMs: 240_000,
  },
  long: {
    name: 'long',
    orders: 1200,
    ordersPerSecond: 6,
    rounds: 3,
    lagSeconds: 60,
    concurrentOrders: 1000,
    concurrentStock: 100,
    settleTimeoutMs: 900_000,
  },
};

export const profile: FaultProfile = PROFILES[process.env.FAULTS_PROFILE ?? 'short'] ?? PROFILES.short!;
export const seed = Number(process.env.FAULTS_SEED ?? Date.now() % 1_000_000);
