/**
 * The order pipeline under load: all six services as processes on the real broker and database, orders
 * placed through the public API, the warehouse and the carrier driven through theirs, so that every order
 * runs its whole lifecycle. First the maximum (a closed loop of concurrent customers), then fixed rates at
 * 25%, 50% and 100% of it.
 *
 *   npm run bench -- [--duration 30] [--concurrency 24] [--profile smoke] [--cpu-prof]
 * Writes bench/results/pipeline-<timestamp>.json (and .png, see chart.ts); --cpu-prof adds a CPU profile of
 * each service (bench/results/profiles-<timestamp>/) and the functions that took the most CPU.
 *
 *   npm run bench -- --compare 'kafkajs:KAFKA_CLIENT=kafkajs' --compare 'platformatic:KAFKA_CLIENT=platformatic'
 *   npm run bench -- --compare before@HEAD~1 --compare after     [--rounds 2] [--duration 20]
 * Measures variants in one run (maximum, then 50% of it), taking turns: settings of the services, or another
 * revision of the code (run from a git worktree). Prints the figures and their ratio to the first variant,
 * writes bench/results/compare-<timestamp>.json.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ALL_TOPICS, SERVICE_NAMES, type ServiceName } from '@oms/contracts';
import { startSmtpCapture, testInfrastructure } from '@oms/platform/testing';
import { checkInvariants, type ServiceDatabases } from '@oms/operations';
import { AssignerProtocol, Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { E2E_SECRETS, SHANGHAI_ADDRESS } from '../../e2e/harness/flows';
import { System } from '../../e2e/harness/system';
import { renderChart } from './chart';
import {
  buildHopBreakdown,
  firstAppearance,
  type HopBreakdown,
  hopPanel,
  printHopBreakdown,
  scrapeHistograms,
  subtractSnapshots,
} from './hop-breakdown';
import { OrderClock, WarehouseAndCarrier } from './lifecycle-drivers';
import { printCpuProfiles, summarizeCpuProfiles } from './cpu-profile';
import { measureMachineLimits } from './machine-limits';
import { revisionCheckout } from './revision-checkout';
import { processTree, ResourceProbe } from './resource-probe';

const ROOT = path.resolve(__dirname, '../..');
const IDLE_SAMPLE_MS = 5_000;
const SKUS = Array.from({ length: 20 }, (_, i) => `BENCH-${String(i).padStart(2, '0')}`);

interface PlacedOrder {
  id: string;
  sentAt: number;
  acceptedAt: number;
}

interface PhaseResult {
  name: string;
  targetPerSecond: number | null;
  seconds: number;
  accepted: number;
  acceptedPerSecond: number;
  processingPerSecond: number;
  deliveredPerSecond: number;
  /** POST sent → PROCESSING seen on the order's event stream. */
  latencyToProcessingMs: Percentiles;
  errors: number;
  /** What the phase's orders cost, from its start until they were delivered (how cost grows with load). */
  cost?: PhaseCost;
}

interface PhaseCost {
  cpuMsPerOrder: Record<string, number>;
  /** Commits less what the idle pollers commit over the same time. */
  commitsPerOrder: number;
}

interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  count: number;
}

interface PipelineOptions {
  env: Record<string, string>;
  seconds: number;
  concurrency: number;
  /** Fixed-rate phases after the maximum, as shares of it. */
  shares: number[];
  /** Or fixed rates given in orders/s (compare: every variant at the rates of the first). */
  rates?: number[];
  drainMs: number;
  /** Writes a CPU profile of each service there (node --cpu-prof) when given. */
  cpuProfileDir?: string;
  /** Another checkout to run the services from (see revision-checkout.ts). */
  root?: string;
  /** Partitions per topic (the harness's 3 unless said). */
  partitions?: number;
  /** More instances of one service, sharing its consumer group's partitions (--scale order=2). */
  scale?: { service: ServiceName; instances: number };
}

interface PipelineRun {
  phases: PhaseResult[];
  max: PhaseResult;
  all: PlacedOrder[];
  clock: OrderClock;
  runStarted: number;
  runSeconds: number;
  drained: boolean;
  warehouseErrors: number;
  mailsDelivered: number;
  perOrder: {
    /** Commits of the orders' own work: all commits less what the idle pollers commit over the same time. */
    commits: number;
    commitsWithIdlePolling: number;
    idleCommitsPerSecond: number;
    events: number;
    eventBytes: number;
  };
  resources: Record<string, { cpuSeconds: number; peakRssMb: number }>;
  /** CPU time of each process group (and in total) per order placed in the run. */
  cpuMsPerOrder: Record<string, number>;
  /** Where an event's time goes, hop by hop, from the services' histograms (the load's traffic only). */
  hopBreakdown: HopBreakdown;
  eventsPerSecond: Record<string, number>;
  samples: Sample[];
  scale?: ScaleReport;
}

type Sample = { t: number; accepted: number; processing: number; delivered: number; lag: number };

/** One system, started for this run and stopped after it: the maximum, then the fixed-rate phases. */
async function runPipeline(options: PipelineOptions): Promise<PipelineRun> {
  console.error(`bench: starting the six services ${JSON.stringify(options.env)}`);
  // A mail server that accepts everything: without one, every message fails, and the notifications held back by
  // the open circuit pile up and are deferred again and again (the database's load, not the orders').
  const smtp = await startSmtpCapture();
  const system = await System.start(
    [...SERVICE_NAMES],
    {
      ...E2E_SECRETS,
      LOG_LEVEL: 'warn',
      MERGE_WINDOW_MINUTES: '0',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      ...options.env,
    },
    {
      ...(options.root ? { root: options.root } : {}),
      ...(options.partitions ? { partitions: options.partitions } : {}),
      ...(options.cpuProfileDir
        ? { nodeArgs: (name) => ['--cpu-prof', `--cpu-prof-dir=${path.join(options.cpuProfileDir!, name)}`] }
        : {}),
    },
  );
  const samples: Sample[] = [];
  try {
    for (let i = 1; i < (options.scale?.instances ?? 1); i++) await system.startInstance(options.scale!.service);
    await seed(system);
    const clock = new OrderClock();
    await clock.start(system);
    const warehouse = new WarehouseAndCarrier(system);
    await warehouse.start();
    const probe = new ResourceProbe(() => processGroups(system));
    probe.start();
    const offsetsBefore = await topicOffsets(system);
    // Pollers (outbox relay, durable timers) commit even when idle: measured first, so that commits per order
    // count the orders' own work.
    const idleStart = await commitsOf(system);
    await sleep(IDLE_SAMPLE_MS);
    const commitsBefore = await commitsOf(system);
    const idleCommitsPerSecond = ((commitsBefore - idleStart) * 1000) / IDLE_SAMPLE_MS;
    const serviceUrls = Object.fromEntries(SERVICE_NAMES.map((name) => [name, system.url(name)]));
    const histogramsBefore = await scrapeHistograms(serviceUrls);
    const runStarted = Date.now();
    const all: PlacedOrder[] = [];
    const sampler = startSampler(system, clock, all, samples, runStarted);

    const { seconds, concurrency } = options;
    const costed = async (run: () => Promise<PhaseResult>): Promise<PhaseResult> => {
      const [cpuBefore, commitsAtStart, started] = [probe.cpuSecondsSoFar(), await commitsOf(system), Date.now()];
      const result = await run();
      const cpuAfter = probe.cpuSecondsSoFar();
      const phaseCommits = (await commitsOf(system)) - commitsAtStart;
      const orders = Math.max(1, result.accepted);
      const cpuMsPerOrder: Record<string, number> = {};
      for (const group of Object.keys(cpuAfter)) {
        cpuMsPerOrder[group] = round((((cpuAfter[group] ?? 0) - (cpuBefore[group] ?? 0)) * 1000) / orders);
      }
      cpuMsPerOrder.total = round(Object.values(cpuMsPerOrder).reduce((sum, ms) => sum + ms, 0));
      const idle = (idleCommitsPerSecond * (Date.now() - started)) / 1000;
      return { ...result, cost: { cpuMsPerOrder, commitsPerOrder: round(Math.max(0, phaseCommits - idle) / orders) } };
    };
    const max = await costed(() => phase('max', system, clock, all, { seconds, concurrency }));
    const phases = [max];
    for (const [i, share] of options.shares.entries()) {
      // Every order so far delivered first: a fixed-rate phase started on the maximum's backlog measures the backlog.
      if (!(await drain(clock, all, 300_000)))
        console.error(`bench: the backlog did not drain before the ${share * 100}% phase`);
      const rate = Math.max(1, options.rates?.[i] ?? max.processingPerSecond * share);
      phases.push(await costed(() => phase(`${share * 100}%`, system, clock, all, { seconds, ratePerSecond: rate })));
    }
    const drained = await drain(clock, all, options.drainMs);
    const scaleReport = options.scale ? await scaleReportOf(system, options.scale.service, all) : undefined;
    const histogramsAfter = await scrapeHistograms(serviceUrls);
    await sampler.stop();
    const runSeconds = (Date.now() - runStarted) / 1000;
    const offsetsAfter = await topicOffsets(system);
    const commits = (await commitsOf(system)) - commitsBefore;
    const orderCommits = Math.max(0, commits - idleCommitsPerSecond * ((Date.now() - runStarted) / 1000));
    const eventBytes = await averageEventBytes(system);
    const resources = probe.finish();
    await warehouse.stop();
    await clock.stop();
    // After the CPU figures: reading the outboxes is the benchmark's work, not the pipeline's.
    const appearance = await firstAppearance(
      SERVICE_NAMES.map((name) => system.databaseUrl(name)),
      new Date(runStarted),
    );
    const hopBreakdown = buildHopBreakdown(
      subtractSnapshots(histogramsBefore.snapshot, histogramsAfter.snapshot),
      appearance,
      [...new Set([...histogramsBefore.failed, ...histogramsAfter.failed])],
    );
    const events = Object.keys(offsetsAfter).reduce((sum, t) => sum + offsetsAfter[t]! - (offsetsBefore[t] ?? 0), 0);
    const eventsPerSecond = Object.fromEntries(
      Object.keys(offsetsAfter).map((topic) => [
        topic,
        Math.round(((offsetsAfter[topic]! - (offsetsBefore[topic] ?? 0)) / runSeconds) * 10) / 10,
      ]),
    );
    return {
      phases,
      max,
      all,
      clock,
      runStarted,
      runSeconds,
      drained,
      warehouseErrors: warehouse.errors,
      mailsDelivered: smtp.mails.length,
      perOrder: {
        commits: round(orderCommits / all.length),
        commitsWithIdlePolling: round(commits / all.length),
        idleCommitsPerSecond: round(idleCommitsPerSecond),
        events: round(events / all.length),
        eventBytes,
      },
      resources,
      cpuMsPerOrder: cpuMsPerOrder(resources, all.length),
      hopBreakdown,
      eventsPerSecond,
      samples,
      ...(scaleReport ? { scale: scaleReport } : {}),
    };
  } finally {
    // Graceful stop: a service writes its CPU profile as it exits.
    await system.stop();
    await smtp.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '30' },
      concurrency: { type: 'string', default: '24' },
      profile: { type: 'string', default: 'full' },
      compare: { type: 'string', multiple: true },
      rounds: { type: 'string', default: '1' },
      'cpu-prof': { type: 'boolean', default: false },
      partitions: { type: 'string' },
      scale: { type: 'string' },
    },
  });
  const smoke = values.profile === 'smoke';
  const seconds = smoke ? 8 : Number(values.duration);
  const concurrency = smoke ? 4 : Number(values.concurrency);
  const at = new Date().toISOString();
  const stamp = at.replace(/[:.]/g, '-');
  const resultsDir = path.join(ROOT, 'bench/results');
  mkdirSync(resultsDir, { recursive: true });

  if (values.compare?.length) {
    await compare(values.compare.map(parseVariant), { seconds, concurrency, rounds: Number(values.rounds), stamp });
    return;
  }

  const cpuProfileDir = values['cpu-prof'] ? path.join(resultsDir, `profiles-${stamp}`) : undefined;
  const scale = values.scale ? parseScale(values.scale) : undefined;
  const run = await runPipeline({
    env: {},
    ...(values.partitions ? { partitions: Number(values.partitions) } : {}),
    ...(scale ? { scale } : {}),
    seconds,
    concurrency,
    shares: smoke ? [0.5] : [0.25, 0.5, 1],
    drainMs: smoke ? 60_000 : 180_000,
    cpuProfileDir,
  });
  const { max, perOrder, resources, cpuMsPerOrder, hopBreakdown, eventsPerSecond, samples } = run;

  // The machine's own limits for this work, measured after the services stopped (nothing else running).
  // A tool that fails is reported, not fatal: the pipeline's own figures stand without it.
  let limitsError: string | undefined;
  const limits = smoke
    ? undefined
    : await measureMachineLimits({ seconds: 15, recordBytes: perOrder.eventBytes }).catch((error: unknown) => {
        limitsError = error instanceof Error ? error.message.slice(0, 2000) : String(error);
        return undefined;
      });
  const limitOrdersPerSecond = limits && {
    postgres: round(limits.postgres.commitsPerSecond / perOrder.commits),
    kafkaProduce: round(limits.kafka.producerRecordsPerSecond / perOrder.events),
  };
  const tighter = limitOrdersPerSecond && Math.min(limitOrdersPerSecond.postgres, limitOrdersPerSecond.kafkaProduce);
  const result = {
    at,
    profile: values.profile,
    machine: { cpus: os.cpus().length, memoryGb: Math.round(os.totalmem() / 2 ** 30) },
    phases: run.phases,
    maxOrdersPerSecond: { toProcessing: max.processingPerSecond, toDelivered: max.deliveredPerSecond },
    perOrder,
    limits,
    limitOrdersPerSecond,
    limitsError,
    fractionOfTighterLimit: tighter ? round((max.deliveredPerSecond / tighter) * 1000) / 1000 : null,
    allDelivered: run.drained,
    warehouseErrors: run.warehouseErrors,
    mailsDelivered: run.mailsDelivered,
    resources,
    cpuMsPerOrder,
    hopBreakdown,
    eventsPerSecond,
    samples,
    scale: run.scale,
    cpuProfiles: cpuProfileDir ? summarizeCpuProfiles(cpuProfileDir) : undefined,
  };
  const out = path.join(resultsDir, `pipeline-${stamp}.json`);
  writeFileSync(out, JSON.stringify(result, null, 2));
  writeFileSync(out.replace(/\.json$/, '.png'), chartOf(at, samples, run.all, run.clock, run.runStarted, hopBreakdown));
  printSummary(result.phases, resources, eventsPerSecond);
  printHopBreakdown(hopBreakdown);
  printCpuPerOrder(cpuMsPerOrder, run.all.length);
  console.log(`per order: ${JSON.stringify(perOrder)}`);
  if (limits) {
    console.log(`machine limits: ${JSON.stringify(limits)}`);
    console.log(
      `limits in orders/s: ${JSON.stringify(limitOrdersPerSecond)}; ours (to DELIVERED) is ${result.fractionOfTighterLimit} of the tighter`,
    );
  }
  if (run.scale) {
    const { service, instances, partitionsPerMember, inboxRows, appliedTotal, invariantViolations } = run.scale;
    console.log(
      `scale: ${instances.length} instances of ${service}; partitions per member ${JSON.stringify(partitionsPerMember)}; ` +
        `applied per instance ${JSON.stringify(instances.map((i) => i.applied))} (duplicates dropped ` +
        `${JSON.stringify(instances.map((i) => i.duplicates))}); ${appliedTotal} applied, ${inboxRows} inbox rows ` +
        `(${appliedTotal === inboxRows ? 'none applied twice' : 'MISMATCH'}); invariant violations: ${invariantViolations}`,
    );
    if (appliedTotal !== inboxRows || invariantViolations > 0) process.exitCode = 1;
  }
  if (result.cpuProfiles) printCpuProfiles(result.cpuProfiles);
  console.log(`bench: written ${path.relative(ROOT, out)}`);
  if (!run.drained || run.all.length === 0) {
    console.error('bench: the pipeline stalled (orders not delivered)');
    process.exitCode = 1;
  }
}

/** `--scale order=2`: that many instances of that service. */
function parseScale(spec: string): { service: ServiceName; instances: number } {
  const [service, count] = spec.split('=');
  if (!SERVICE_NAMES.includes(service as ServiceName) || !(Number(count) >= 1)) {
    throw new Error(`--scale ${spec}: expected <service>=<instances>, e.g. order=2`);
  }
  return { service: service as ServiceName, instances: Number(count) };
}

/**
 * `name[@revision][:KEY=value,KEY=value]`: a variant to compare, with settings for the services, run from
 * another revision of the repository when one is given (`before@HEAD~1`), else from the working tree.
 */
function parseVariant(spec: string): Variant {
  const [head, settings = ''] = spec.split(/:(.*)/s);
  const [name, revision] = head!.split('@');
  const env = Object.fromEntries(
    settings
      .split(',')
      .filter(Boolean)
      .map((pair) => {
        const [key, value] = pair.split(/=(.*)/s);
        if (!key || value === undefined) throw new Error(`--compare ${spec}: expected name[@rev][:KEY=value,...]`);
        return [key, value];
      }),
  );
  return { name: name!, env, ...(revision ? { revision } : {}) };
}

interface Variant {
  name: string;
  env: Record<string, string>;
  revision?: string;
}

/**
 * Variants of the services' settings measured in one run, each on a fresh system, taking turns round after
 * round so that a drift of the machine falls on all of them. Figures are medians over rounds and ratios to the
 * first variant: compare them within the run, never across runs.
 */
async function compare(
  variants: Variant[],
  options: { seconds: number; concurrency: number; rounds: number; stamp: string },
): Promise<void> {
  const outcomes = new Map<string, VariantOutcome[]>(variants.map((v) => [v.name, []]));
  const roots = new Map(variants.map((v) => [v.name, v.revision ? revisionCheckout(ROOT, v.revision) : undefined]));
  // Latency is compared at the same load for every variant: the fixed rates are 25% and 50% of the first
  // variant's maximum in the first round (a variant's own maximum would load a faster one harder).
  const shares = [0.25, 0.5];
  let rates: number[] | undefined;
  for (let round = 1; round <= options.rounds; round++) {
    for (const variant of variants) {
      console.error(`bench: round ${round}/${options.rounds}, variant ${variant.name}`);
      const run = await runPipeline({
        env: variant.env,
        ...(roots.get(variant.name) ? { root: roots.get(variant.name)! } : {}),
        seconds: options.seconds,
        concurrency: options.concurrency,
        shares,
        ...(rates ? { rates } : {}),
        drainMs: 120_000,
      });
      rates ??= run.phases.slice(1).map((p) => p.targetPerSecond!);
      const quarter = run.phases[1]!;
      const half = run.phases[2]!;
      const serviceCpu = SERVICE_NAMES.reduce((sum, s) => sum + (run.resources[s]?.cpuSeconds ?? 0), 0);
      const orders = Math.max(1, run.all.length);
      const cpuOf = (group: string) => Math.round(((run.resources[group]?.cpuSeconds ?? 0) * 1000) / orders);
      outcomes.get(variant.name)!.push({
        toProcessing: run.max.processingPerSecond,
        toDelivered: run.max.deliveredPerSecond,
        quarterLoadP50: quarter.latencyToProcessingMs.p50,
        halfLoadP50: half.latencyToProcessingMs.p50,
        halfLoadP99: half.latencyToProcessingMs.p99,
        serviceCpuMsPerOrder: Math.round((serviceCpu * 1000) / orders),
        postgresCpuMsPerOrder: cpuOf('postgres'),
        kafkaCpuMsPerOrder: cpuOf('kafka'),
        holdP50Ms: run.hopBreakdown.hold?.p50Ms ?? null,
        commitsPerOrder: run.perOrder.commits,
        drained: run.drained,
      });
    }
  }
  const median = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    const mid = (sorted.length - 1) / 2;
    return round((sorted[Math.floor(mid)]! + sorted[Math.ceil(mid)]!) / 2);
  };
  const table = variants.map(({ name, env, revision }) => {
    const runs = outcomes.get(name)!;
    const of = (key: keyof Omit<VariantOutcome, 'drained' | 'holdP50Ms'>) => median(runs.map((r) => r[key]));
    // The hold is absent where a revision has no histogram for it: the median of the runs that have it.
    const holds = runs.map((r) => r.holdP50Ms).filter((ms): ms is number => ms !== null);
    return {
      name,
      env,
      revision: revision ?? 'working tree',
      toProcessing: of('toProcessing'),
      toDelivered: of('toDelivered'),
      quarterLoadP50: of('quarterLoadP50'),
      halfLoadP50: of('halfLoadP50'),
      halfLoadP99: of('halfLoadP99'),
      serviceCpuMsPerOrder: of('serviceCpuMsPerOrder'),
      postgresCpuMsPerOrder: of('postgresCpuMsPerOrder'),
      kafkaCpuMsPerOrder: of('kafkaCpuMsPerOrder'),
      /** p50 of inventory's reservation hold over the whole run (estimated from its histogram's buckets). */
      holdP50Ms: holds.length ? median(holds) : null,
      commitsPerOrder: of('commitsPerOrder'),
      allDrained: runs.every((r) => r.drained),
      runs,
    };
  });
  const base = table[0]!;
  const ratio = (a: number | null, b: number | null) => (a !== null && b ? (a / b).toFixed(2) : '-');
  console.log(
    'variant          →PROCESSING/s  →DELIVERED/s  p50@25%  p50@50%  p99@50%  hold p50  CPU ms/order: services  postgres  kafka' +
      '  commits/order  (ratio to first)',
  );
  for (const row of table) {
    console.log(
      `${row.name.padEnd(16)} ${String(row.toProcessing).padStart(13)} ${String(row.toDelivered).padStart(13)} ` +
        `${String(row.quarterLoadP50).padStart(8)} ${String(row.halfLoadP50).padStart(8)} ` +
        `${String(row.halfLoadP99).padStart(8)} ${String(row.holdP50Ms ?? '-').padStart(9)} ${String(row.serviceCpuMsPerOrder).padStart(23)} ` +
        `${String(row.postgresCpuMsPerOrder).padStart(9)} ${String(row.kafkaCpuMsPerOrder).padStart(6)} ` +
        `${String(row.commitsPerOrder).padStart(14)}  ` +
        `(${ratio(row.toProcessing, base.toProcessing)} ${ratio(row.toDelivered, base.toDelivered)} ` +
        `${ratio(row.quarterLoadP50, base.quarterLoadP50)} ${ratio(row.halfLoadP50, base.halfLoadP50)} ` +
        `${ratio(row.halfLoadP99, base.halfLoadP99)} ` +
        `${ratio(row.holdP50Ms, base.holdP50Ms)} ${ratio(row.serviceCpuMsPerOrder, base.serviceCpuMsPerOrder)} ` +
        `${ratio(row.postgresCpuMsPerOrder, base.postgresCpuMsPerOrder)} ` +
        `${ratio(row.kafkaCpuMsPerOrder, base.kafkaCpuMsPerOrder)})`,
    );
  }
  const out = path.join(ROOT, 'bench/results', `compare-${options.stamp}.json`);
  writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), options, variants: table }, null, 2));
  console.log(`bench: written ${path.relative(ROOT, out)}`);
  if (table.some((row) => !row.allDrained)) {
    console.error('bench: a variant stalled (orders not delivered)');
    process.exitCode = 1;
  }
}

interface VariantOutcome {
  toProcessing: number;
  toDelivered: number;
  quarterLoadP50: number;
  halfLoadP50: number;
  halfLoadP99: number;
  serviceCpuMsPerOrder: number;
  postgresCpuMsPerOrder: number;
  kafkaCpuMsPerOrder: number;
  /** Null when the services expose no hold histogram (a revision from before it). */
  holdP50Ms: number | null;
  commitsPerOrder: number;
  drained: boolean;
}

/** Throughput, latency (by the second the order was sent) and consumer lag over the run; the hop breakdown. */
function chartOf(
  at: string,
  samples: Sample[],
  all: PlacedOrder[],
  clock: OrderClock,
  started: number,
  hops: HopBreakdown,
): Buffer {
  const bySecond = new Map<number, number[]>();
  for (const order of all) {
    const reached = clock.at(order.id, 'PROCESSING');
    if (reached === undefined) continue;
    const second = Math.floor((order.sentAt - started) / 1000);
    bySecond.set(second, [...(bySecond.get(second) ?? []), reached - order.sentAt]);
  }
  const seconds = [...bySecond.keys()].sort((a, b) => a - b);
  const latency = (p: number): Array<[number, number]> =>
    seconds.map((s) => {
      const sorted = bySecond.get(s)!.sort((a, b) => a - b);
      return [s, sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!];
    });
  const series = (key: 'accepted' | 'processing' | 'delivered' | 'lag'): Array<[number, number]> =>
    samples.filter((s) => s[key] >= 0).map((s) => [s.t, s[key]]);
  return renderChart(`Order pipeline benchmark, ${at}`, [
    {
      title: 'Throughput',
      unit: 'orders/s',
      series: [
        { name: 'accepted', color: '#1f77b4', points: series('accepted') },
        { name: 'PROCESSING', color: '#ff7f0e', points: series('processing') },
        { name: 'DELIVERED', color: '#2ca02c', points: series('delivered') },
      ],
    },
    {
      title: 'Latency POST → PROCESSING',
      unit: 'ms',
      series: [
        { name: 'p50', color: '#9467bd', points: latency(0.5) },
        { name: 'p99', color: '#d62728', points: latency(0.99) },
      ],
    },
    {
      title: 'Consumer lag, all groups',
      unit: 'events',
      series: [{ name: 'lag', color: '#8c564b', points: series('lag') }],
    },
    ...(hops.steps.length > 0 || hops.hold ? [hopPanel(hops, 'p50Ms'), hopPanel(hops, 'p99Ms')] : []),
  ]);
}

/** Each process group's CPU time per order placed, and their total (ms). */
function cpuMsPerOrder(
  resources: Record<string, { cpuSeconds: number; peakRssMb: number }>,
  orders: number,
): Record<string, number> {
  const perOrder = (seconds: number) => round((seconds * 1000) / Math.max(1, orders));
  const total = Object.values(resources).reduce((sum, r) => sum + r.cpuSeconds, 0);
  return {
    ...Object.fromEntries(Object.entries(resources).map(([group, r]) => [group, perOrder(r.cpuSeconds)])),
    total: perOrder(total),
  };
}

function printCpuPerOrder(cpu: Record<string, number>, orders: number): void {
  const parts = Object.entries(cpu).map(([group, ms]) => `${group} ${ms}`);
  console.log(`CPU ms per order (${orders} orders placed): ${parts.join(', ')}`);
}

interface ScaleReport {
  service: ServiceName;
  /** Per instance: the events it applied, and those it dropped as already applied. */
  instances: Array<{ url: string; applied: number; duplicates: number }>;
  /** Partitions each member of the group holds at the end, over all its topics. */
  partitionsPerMember: number[];
  /** Events the group's inbox holds: equal to what the instances applied together when none was applied twice. */
  inboxRows: number;
  appliedTotal: number;
  invariantViolations: number;
}

/**
 * Several instances of one service on one consumer group: what each holds and applied, whether any event was
 * applied twice (every applied event has one inbox row), and the invariant checker over all the databases.
 */
async function scaleReportOf(system: System, service: ServiceName, all: PlacedOrder[]): Promise<ScaleReport> {
  const groupId = `${service}-${system.topicPrefix}`;
  const inboxRowsNow = async () => {
    const client = new Client({ connectionString: system.databaseUrl(service) });
    await client.connect();
    const { rows } = await client
      .query<{ n: string }>(`SELECT count(*) AS n FROM messaging_inbox WHERE consumer_group = $1`, [groupId])
      .finally(() => client.end());
    return Number(rows[0]!.n);
  };
  // Events still arrive after the last order is DELIVERED (notifications, the timeline): read the inbox, the
  // instances' counters and the inbox again until the group is quiet, so that both counts cover the same events.
  let instances: ScaleReport['instances'] = [];
  let inboxRows = -1;
  for (let attempt = 0; attempt < 60; attempt++) {
    const before = await inboxRowsNow();
    instances = await appliedByInstance(system, service);
    inboxRows = await inboxRowsNow();
    if (before === inboxRows) break;
    await sleep(1000);
  }
  const admin = kafkaAdmin();
  await admin.connect();
  let partitionsPerMember: number[];
  try {
    const { groups } = await admin.describeGroups([groupId]);
    partitionsPerMember = (groups[0]?.members ?? []).map((member) => {
      const assignment = AssignerProtocol.MemberAssignment.decode(member.memberAssignment);
      return Object.values(assignment?.assignment ?? {}).reduce((sum, partitions) => sum + partitions.length, 0);
    });
  } finally {
    await admin.disconnect();
  }
  const report = await checkInvariants(
    Object.fromEntries(SERVICE_NAMES.map((s) => [s, system.databaseUrl(s)])) as ServiceDatabases,
    { settleSeconds: 0, expectedOrderIds: all.map((o) => o.id) },
  );
  return {
    service,
    instances,
    partitionsPerMember,
    inboxRows,
    appliedTotal: instances.reduce((sum, i) => sum + i.applied, 0),
    invariantViolations: report.violations.length,
  };
}

/** What each instance of a service applied and dropped as duplicates, from its own counters. */
async function appliedByInstance(system: System, service: ServiceName): Promise<ScaleReport['instances']> {
  const instances = [];
  for (const instance of system.instances(service)) {
    const text = await (await fetch(`${instance.url}/metrics`)).text();
    const count = (outcome: string) =>
      text
        .split('\n')
        .filter((line) => line.startsWith('messaging_events_consumed_total{') && line.includes(`outcome="${outcome}"`))
        .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
    instances.push({ url: instance.url, applied: count('applied'), duplicates: count('duplicate') });
  }
  return instances;
}

/** Transactions committed in the services' databases (the order pipeline's whole write load). */
async function commitsOf(system: System): Promise<number> {
  const client = new Client({ connectionString: testInfrastructure().postgresAdminUrl });
  await client.connect();
  try {
    const names = SERVICE_NAMES.map((s) => new URL(system.databaseUrl(s)).pathname.slice(1));
    const { rows } = await client.query<{ commits: string }>(
      `SELECT sum(xact_commit) AS commits FROM pg_stat_database WHERE datname = ANY($1)`,
      [names],
    );
    return Number(rows[0]?.commits ?? 0);
  } finally {
    await client.end();
  }
}

/** The average size of the events the services published, for Kafka's tools to use the same. */
async function averageEventBytes(system: System): Promise<number> {
  let bytes = 0;
  let count = 0;
  for (const name of SERVICE_NAMES) {
    const client = new Client({ connectionString: system.databaseUrl(name) });
    await client.connect();
    const { rows } = await client.query<{ bytes: string; n: string }>(
      `SELECT coalesce(sum(octet_length(value)), 0) AS bytes, count(*) AS n FROM messaging_outbox`,
    );
    await client.end();
    bytes += Number(rows[0]!.bytes);
    count += Number(rows[0]!.n);
  }
  return count ? Math.round(bytes / count) : 1000;
}

/** Places orders for `seconds`: as fast as `concurrency` customers can (closed loop), or at a fixed rate. */
async function phase(
  name: string,
  system: System,
  clock: OrderClock,
  all: PlacedOrder[],
  load: { seconds: number; concurrency?: number; ratePerSecond?: number },
): Promise<PhaseResult> {
  const placed: PlacedOrder[] = [];
  let errors = 0;
  const started = Date.now();
  const until = started + load.seconds * 1000;
  const placeOne = async () => {
    const sentAt = Date.now();
    const id = await placeOrder(system).catch(() => undefined);
    if (!id) return void (errors += 1);
    const order = { id, sentAt, acceptedAt: Date.now() };
    placed.push(order);
    all.push(order);
  };
  if (load.concurrency) {
    await Promise.all(
      Array.from({ length: load.concurrency }, async () => {
        while (Date.now() < until) await placeOne();
      }),
    );
  } else {
    const interval = 1000 / load.ratePerSecond!;
    const inFlight: Array<Promise<void>> = [];
    for (let i = 0; started + i * interval < until; i++) {
      await sleep(Math.max(0, started + i * interval - Date.now()));
      inFlight.push(placeOne());
    }
    await Promise.all(inFlight);
  }
  const elapsed = (Date.now() - started) / 1000;
  // Let the phase's orders finish their way before measuring what reached PROCESSING.
  await drainTo(clock, placed, 'PROCESSING', 60_000);
  // Sustained rate: orders that reached the status over the time from the phase's start to the last of them.
  // Counting only what arrived within the placing window would charge a closed loop's backlog to the pipeline.
  await drainTo(clock, placed, 'DELIVERED', 60_000);
  const reachedPerSecond = (status: string) => {
    const times = placed.map((o) => clock.at(o.id, status)).filter((t): t is number => t !== undefined);
    return times.length ? times.length / ((Math.max(...times) - started) / 1000) : 0;
  };
  return {
    name,
    targetPerSecond: load.ratePerSecond ? round(load.ratePerSecond) : null,
    seconds: round(elapsed),
    accepted: placed.length,
    acceptedPerSecond: round(placed.length / elapsed),
    processingPerSecond: round(reachedPerSecond('PROCESSING')),
    deliveredPerSecond: round(reachedPerSecond('DELIVERED')),
    latencyToProcessingMs: percentiles(
      placed.map((o) => (clock.at(o.id, 'PROCESSING') ?? Number.NaN) - o.sentAt).filter((ms) => !Number.isNaN(ms)),
    ),
    errors,
  };
}

async function placeOrder(system: System): Promise<string> {
  const sku = SKUS[Math.floor(Math.random() * SKUS.length)]!;
  const response = await fetch(`${system.url('order')}/v1/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({
      customerId: `bench-${randomUUID()}`,
      channel: 'web',
      currency: 'CNY',
      items: [{ sku, quantity: 1, unitPrice: 4800 }],
      shippingAddress: SHANGHAI_ADDRESS,
      contact: { email: 'bench@example.com', locale: 'en' },
      payment: { method: 'cod' },
    }),
  });
  const body = (await response.json()) as { id: string };
  if (response.status !== 201) throw new Error(`placing answered ${response.status}`);
  return body.id;
}

async function seed(system: System): Promise<void> {
  const inventory = system.url('inventory');
  for (const [id, priority] of [
    ['sh-1', 1],
    ['bj-1', 2],
  ] as const) {
    await put(inventory, `/v1/warehouses/${id}`, { name: id, priority });
  }
  for (const sku of SKUS) await put(inventory, `/v1/stock/${sku}/sh-1`, { onHand: 1_000_000 });
}

async function put(base: string, path: string, body: unknown): Promise<void> {
  const response = await fetch(`${base}${path}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`PUT ${path} answered ${response.status}`);
}

async function drain(clock: OrderClock, all: PlacedOrder[], timeoutMs: number): Promise<boolean> {
  return drainTo(clock, all, 'DELIVERED', timeoutMs);
}

async function drainTo(clock: OrderClock, orders: PlacedOrder[], status: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (orders.every((o) => clock.at(o.id, status) !== undefined)) return true;
    await sleep(250);
  }
  return false;
}

function startSampler(
  system: System,
  clock: OrderClock,
  all: PlacedOrder[],
  samples: Sample[],
  started: number,
): { stop: () => Promise<void> } {
  const admin = kafkaAdmin();
  const connected = admin.connect();
  let last = { accepted: 0, processing: 0, delivered: 0 };
  const timer = setInterval(() => {
    void (async () => {
      await connected;
      const counts = {
        accepted: all.length,
        processing: all.filter((o) => clock.at(o.id, 'PROCESSING') !== undefined).length,
        delivered: all.filter((o) => clock.at(o.id, 'DELIVERED') !== undefined).length,
      };
      const lag = await totalLag(admin, system).catch(() => -1);
      samples.push({
        t: Math.round((Date.now() - started) / 100) / 10,
        accepted: counts.accepted - last.accepted,
        processing: counts.processing - last.processing,
        delivered: counts.delivered - last.delivered,
        lag,
      });
      last = counts;
    })();
  }, 1000);
  return {
    stop: async () => {
      clearInterval(timer);
      await admin.disconnect().catch(() => undefined);
    },
  };
}

function kafkaAdmin() {
  return new Kafka({ brokers: testInfrastructure().kafkaBrokers, logLevel: logLevel.NOTHING }).admin();
}

/** Messages not yet consumed, summed over every service's consumer group and topic. */
async function totalLag(admin: ReturnType<typeof kafkaAdmin>, system: System): Promise<number> {
  let lag = 0;
  const topics = ALL_TOPICS.map((t) => `${system.topicPrefix}${t}`);
  const ends = new Map<string, number>();
  for (const topic of topics) {
    for (const p of await admin.fetchTopicOffsets(topic)) ends.set(`${topic}/${p.partition}`, Number(p.high));
  }
  for (const name of SERVICE_NAMES) {
    for (const { topic, partitions } of await admin.fetchOffsets({
      groupId: `${name}-${system.topicPrefix}`,
      topics,
    })) {
      for (const p of partitions) {
        if (Number(p.offset) < 0) continue;
        lag += Math.max(0, (ends.get(`${topic}/${p.partition}`) ?? 0) - Number(p.offset));
      }
    }
  }
  return lag;
}

async function topicOffsets(system: System): Promise<Record<string, number>> {
  const admin = kafkaAdmin();
  await admin.connect();
  try {
    const result: Record<string, number> = {};
    for (const topic of ALL_TOPICS) {
      const offsets = await admin.fetchTopicOffsets(`${system.topicPrefix}${topic}`);
      result[topic] = offsets.reduce((sum, p) => sum + Number(p.high), 0);
    }
    return result;
  } finally {
    await admin.disconnect();
  }
}

/** Each service's process, the broker started by scripts/kafka.sh, PostgreSQL's postmaster and backends. */
function processGroups(system: System): Record<string, number[]> {
  const groups: Record<string, number[]> = {};
  for (const name of SERVICE_NAMES) {
    const pids = system
      .instances(name)
      .map((instance) => instance.process.pid)
      .filter((pid): pid is number => pid !== undefined);
    if (pids.length > 0) groups[name] = pids;
  }
  const brokerPid = readPid(path.join(ROOT, '.data/kafka/broker.pid'));
  if (brokerPid) groups.kafka = [brokerPid];
  if (postmasterPid) groups.postgres = processTree(postmasterPid);
  return groups;
}

let postmasterPid: number | undefined;
async function findPostmaster(): Promise<void> {
  const client = new Client({ connectionString: testInfrastructure().postgresAdminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ setting: string }>(
      `SELECT setting FROM pg_settings WHERE name = 'data_directory'`,
    );
    postmasterPid = readPid(path.join(rows[0]!.setting, 'postmaster.pid'));
  } catch {
    postmasterPid = undefined;
  } finally {
    await client.end();
  }
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
    return Number.isFinite(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]! : 0;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1] ?? 0, count: sorted.length };
}

function printSummary(
  phases: PhaseResult[],
  resources: Record<string, { cpuSeconds: number; peakRssMb: number }>,
  eventsPerSecond: Record<string, number>,
): void {
  console.log(
    'phase       target/s  accepted/s  PROCESSING/s  DELIVERED/s   p50    p95    p99    max (ms to PROCESSING)' +
      '  CPU ms/order  commits/order',
  );
  for (const p of phases) {
    const l = p.latencyToProcessingMs;
    console.log(
      `${p.name.padEnd(10)} ${String(p.targetPerSecond ?? '-').padStart(9)} ${String(p.acceptedPerSecond).padStart(11)} ` +
        `${String(p.processingPerSecond).padStart(13)} ${String(p.deliveredPerSecond).padStart(12)} ` +
        `${String(l.p50).padStart(5)} ${String(l.p95).padStart(6)} ${String(l.p99).padStart(6)} ${String(l.max).padStart(6)}` +
        `${String(p.cost?.cpuMsPerOrder.total ?? '-').padStart(24)} ${String(p.cost?.commitsPerOrder ?? '-').padStart(14)}`,
    );
  }
  console.log(`resources: ${JSON.stringify(resources)}`);
  console.log(`events/s: ${JSON.stringify(eventsPerSecond)}`);
}

const round = (n: number) => Math.round(n * 10) / 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

findPostmaster()
  .then(main)
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
