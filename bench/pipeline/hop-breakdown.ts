import { ALL_EVENTS } from '@oms/contracts';
import { Client } from 'pg';
import type { ChartBarPanel } from './chart';

/**
 * Where an event's time goes, hop by hop, read from the services' own Prometheus histograms:
 * `messaging_hop_seconds{hop,type}` (outbox on the publisher; delivery, queued, apply on each consumer) and
 * inventory's `inventory_reservation_hold_seconds`. Scraped before the load and after the drain; the difference
 * is the run's own traffic. A service that exposes neither (or does not answer) simply contributes nothing.
 */

export const HOP_METRIC = 'messaging_hop_seconds';
export const HOLD_METRIC = 'inventory_reservation_hold_seconds';
export const HOPS = ['outbox', 'delivery', 'queued', 'apply'] as const;
export type Hop = (typeof HOPS)[number];

/** One histogram series: cumulative bucket counts by upper bound (seconds, +Inf included), sum and count. */
export interface HistogramSeries {
  name: string;
  labels: Record<string, string>;
  buckets: Map<number, number>;
  sum: number;
  count: number;
}

/** Every histogram series each service exposed at one moment, by service. */
export type HistogramSnapshot = Record<string, HistogramSeries[]>;

export interface HopStats {
  /** Estimated from the histogram's buckets (linear inside the bucket that holds the rank). */
  p50Ms: number;
  p99Ms: number;
  count: number;
  /** Exact: _sum / _count. */
  meanMs: number;
}

export interface HopStep {
  /** The consuming service (the publisher's, for an event no service consumed). */
  service: string;
  type: string;
  /** The service(s) that published the type; its outbox hop is repeated on each consumer's row. */
  publisher: string | null;
  /** Median over orders of the type's first event, after the order's first event (ms); null if unknown. */
  atMs: number | null;
  outbox: HopStats | null;
  delivery: HopStats | null;
  queued: HopStats | null;
  apply: HopStats | null;
}

export interface HopBreakdown {
  note: string;
  orderedBy: string;
  steps: HopStep[];
  hold: HopStats | null;
  /** Services whose /metrics did not answer (at either snapshot). */
  unscraped: string[];
}

/**
 * The happy path as the contracts and docs/saga.md describe it: the order of last resort (types the run's data
 * does not place, and ties in the data, such as events committed in one transaction). Checked against the
 * contracts' events when the breakdown is built.
 */
const HAPPY_PATH = [
  'OrderPlaced',
  'OrderHeldForReview',
  'OrderApproved',
  'OrderAwaitingPayment',
  'PaymentConfirmed',
  'OrderConfirmed',
  'StockReserved',
  'StockBackordered',
  'FulfillmentRequested',
  'OrderStatusChanged',
  'PickListCreated',
  'PickListChanged',
  'OrderPicked',
  'OrderPacked',
  'ShipmentCreated',
  'ShipmentDispatched',
  'StockShipped',
  'ShipmentInTransit',
  'ShipmentOutForDelivery',
  'ShipmentDelivered',
  'NotificationSent',
  'NotificationFailed',
];

/** Scrapes `<url>/metrics` of every service; one that fails or exposes no histogram has an empty list. */
export async function scrapeHistograms(urls: Record<string, string>): Promise<{
  snapshot: HistogramSnapshot;
  failed: string[];
}> {
  const failed: string[] = [];
  const entries = await Promise.all(
    Object.entries(urls).map(async ([service, url]) => {
      try {
        const response = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(10_000) });
        if (!response.ok) throw new Error(`answered ${response.status}`);
        return [service, parseHistograms(await response.text())] as const;
      } catch {
        failed.push(service);
        return [service, []] as const;
      }
    }),
  );
  return { snapshot: Object.fromEntries(entries), failed };
}

/** The histograms of a Prometheus text exposition (`_bucket{le=…}`, `_sum`, `_count` lines); the rest is skipped. */
export function parseHistograms(text: string): HistogramSeries[] {
  const histograms = new Set<string>();
  const series = new Map<string, HistogramSeries>();
  const lines = text.split('\n');
  for (const line of lines) {
    const type = /^# TYPE (\S+) histogram\s*$/.exec(line);
    if (type) histograms.add(type[1]!);
  }
  for (const raw of lines) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+-?\d+)?$/.exec(line);
    if (!sample) continue;
    const [, metric, labelText = '', valueText] = sample;
    const suffix = /_(bucket|sum|count)$/.exec(metric!)?.[1];
    const name = suffix ? metric!.slice(0, -suffix.length - 1) : undefined;
    if (!suffix || !name || !histograms.has(name)) continue;
    const labels = parseLabels(labelText);
    const le = labels.le;
    delete labels.le;
    const key = seriesKey(name, labels);
    const entry = series.get(key) ?? { name, labels, buckets: new Map<number, number>(), sum: 0, count: 0 };
    series.set(key, entry);
    const value = parseValue(valueText!);
    if (suffix === 'bucket' && le !== undefined) entry.buckets.set(parseValue(le), value);
    else if (suffix === 'sum') entry.sum = value;
    else if (suffix === 'count') entry.count = value;
  }
  return [...series.values()];
}

function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const match of text.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"/g)) {
    labels[match[1]!] = match[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
  }
  return labels;
}

function parseValue(text: string): number {
  if (text === '+Inf' || text === 'Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  return Number(text);
}

function seriesKey(name: string, labels: Record<string, string>): string {
  return `${name}|${Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(',')}`;
}

/** after − before, series by series (a series absent before counts from zero; a reset counts as nothing). */
export function subtractSnapshots(before: HistogramSnapshot, after: HistogramSnapshot): HistogramSnapshot {
  const result: HistogramSnapshot = {};
  for (const [service, afterSeries] of Object.entries(after)) {
    const earlier = new Map((before[service] ?? []).map((s) => [seriesKey(s.name, s.labels), s]));
    result[service] = afterSeries.map((s) => {
      const b = earlier.get(seriesKey(s.name, s.labels));
      const buckets = new Map([...s.buckets].map(([le, n]) => [le, Math.max(0, n - (b?.buckets.get(le) ?? 0))]));
      return {
        name: s.name,
        labels: s.labels,
        buckets,
        sum: Math.max(0, s.sum - (b?.sum ?? 0)),
        count: Math.max(0, s.count - (b?.count ?? 0)),
      };
    });
  }
  return result;
}

/** Sum of series with the same buckets (one type published by several services). */
function mergeSeries(series: HistogramSeries[]): HistogramSeries | undefined {
  if (series.length <= 1) return series[0];
  const buckets = new Map<number, number>();
  for (const s of series) for (const [le, n] of s.buckets) buckets.set(le, (buckets.get(le) ?? 0) + n);
  return {
    name: series[0]!.name,
    labels: series[0]!.labels,
    buckets,
    sum: series.reduce((sum, s) => sum + s.sum, 0),
    count: series.reduce((sum, s) => sum + s.count, 0),
  };
}

/**
 * The q-quantile of a cumulative histogram, as Prometheus' histogram_quantile: the bucket holding rank q·count,
 * linear inside it (from 0 for the first); in the +Inf bucket, the largest finite bound.
 */
export function estimateQuantile(buckets: Map<number, number>, q: number): number | undefined {
  const sorted = [...buckets].sort(([a], [b]) => a - b);
  const total = sorted[sorted.length - 1]?.[1] ?? 0;
  if (total <= 0) return undefined;
  const rank = q * total;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const [le, cumulative] of sorted) {
    if (cumulative >= rank && cumulative > lowerCount) {
      if (!Number.isFinite(le)) return lowerBound;
      return lowerBound + ((le - lowerBound) * (rank - lowerCount)) / (cumulative - lowerCount);
    }
    if (Number.isFinite(le)) lowerBound = le;
    lowerCount = cumulative;
  }
  return lowerBound;
}

export function statsOf(series: HistogramSeries | undefined): HopStats | null {
  if (!series || series.count <= 0) return null;
  const ms = (seconds: number | undefined) => Math.round((seconds ?? 0) * 10_000) / 10;
  return {
    p50Ms: ms(estimateQuantile(series.buckets, 0.5)),
    p99Ms: ms(estimateQuantile(series.buckets, 0.99)),
    count: series.count,
    meanMs: ms(series.sum / series.count),
  };
}

/**
 * When each event type first appears in an order's life, from the outbox rows of every service (created at
 * the publishing transaction's start): per type, the median over orders of its first row after the order's
 * first row. Types of no order (stock levels) are left out. Empty if a database cannot be read.
 */
export async function firstAppearance(databaseUrls: string[], since: Date): Promise<Map<string, number>> {
  const firstOf = new Map<string, Map<string, number>>(); // order → type → ms
  try {
    for (const url of databaseUrls) {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query<{ type: string; order_id: string | null; at: Date }>(
          `SELECT event_type AS type, value::jsonb->>'orderId' AS order_id, min(created_at) AS at
             FROM messaging_outbox WHERE created_at >= $1 GROUP BY 1, 2`,
          [since],
        );
        for (const row of rows) {
          if (!row.order_id) continue;
          const types = firstOf.get(row.order_id) ?? new Map<string, number>();
          const at = row.at.getTime();
          types.set(row.type, Math.min(types.get(row.type) ?? at, at));
          firstOf.set(row.order_id, types);
        }
      } finally {
        await client.end();
      }
    }
  } catch {
    return new Map();
  }
  const offsets = new Map<string, number[]>();
  for (const types of firstOf.values()) {
    const start = Math.min(...types.values());
    for (const [type, at] of types) {
      const values = offsets.get(type) ?? [];
      values.push(at - start);
      offsets.set(type, values);
    }
  }
  return new Map(
    [...offsets].map(([type, values]) => {
      const sorted = values.sort((a, b) => a - b);
      const mid = (sorted.length - 1) / 2;
      return [type, Math.round((sorted[Math.floor(mid)]! + sorted[Math.ceil(mid)]!) / 2)];
    }),
  );
}

/**
 * Steps of the run's traffic, one per (consuming service, event type), with the publisher's outbox hop for
 * the type; in the order of the types' first appearance in an order's life (ties and unplaced types by the
 * happy path of the contracts), consumers of one type by the time they took to commit it.
 */
export function buildHopBreakdown(
  delta: HistogramSnapshot,
  appearance: Map<string, number>,
  unscraped: string[] = [],
): HopBreakdown {
  const unknown = HAPPY_PATH.filter((type) => !ALL_EVENTS.some((d) => d.type === type));
  if (unknown.length) console.error(`bench: hop breakdown's happy path names no contract event: ${unknown.join(', ')}`);

  const hopSeries = new Map<string, HistogramSeries[]>(); // `${hop}|${service}|${type}`
  const publishers = new Map<string, string[]>(); // type → services whose outbox published it
  for (const [service, series] of Object.entries(delta)) {
    for (const s of series) {
      if (s.name !== HOP_METRIC || s.count <= 0) continue;
      const hop = s.labels.hop ?? '';
      const type = s.labels.type ?? '';
      const key = `${hop}|${hop === 'outbox' ? '' : service}|${type}`;
      hopSeries.set(key, [...(hopSeries.get(key) ?? []), s]);
      if (hop === 'outbox') publishers.set(type, [...(publishers.get(type) ?? []), service]);
    }
  }
  const stats = (hop: Hop, service: string, type: string) =>
    statsOf(mergeSeries(hopSeries.get(`${hop}|${hop === 'outbox' ? '' : service}|${type}`) ?? []));

  const steps: HopStep[] = [];
  const pairs = new Set<string>();
  for (const key of hopSeries.keys()) {
    const [hop, service, type] = key.split('|') as [string, string, string];
    if (hop !== 'outbox') pairs.add(`${service}|${type}`);
  }
  for (const pair of pairs) {
    const [service, type] = pair.split('|') as [string, string];
    steps.push({
      service,
      type,
      publisher: publishers.get(type)?.join('+') ?? null,
      atMs: appearance.get(type) ?? null,
      outbox: stats('outbox', service, type),
      delivery: stats('delivery', service, type),
      queued: stats('queued', service, type),
      apply: stats('apply', service, type),
    });
  }
  // Published, consumed by no service: the outbox hop alone.
  for (const [type, services] of publishers) {
    if (steps.some((s) => s.type === type)) continue;
    steps.push({
      service: services.join('+'),
      type,
      publisher: services.join('+'),
      atMs: appearance.get(type) ?? null,
      outbox: stats('outbox', '', type),
      delivery: null,
      queued: null,
      apply: null,
    });
  }
  const pathIndex = (type: string) => {
    const i = HAPPY_PATH.indexOf(type);
    return i < 0 ? HAPPY_PATH.length : i;
  };
  const toCommit = (s: HopStep) => (s.delivery?.p50Ms ?? 0) + (s.queued?.p50Ms ?? 0) + (s.apply?.p50Ms ?? 0);
  steps.sort(
    (a, b) =>
      (a.atMs ?? Number.POSITIVE_INFINITY) - (b.atMs ?? Number.POSITIVE_INFINITY) ||
      pathIndex(a.type) - pathIndex(b.type) ||
      a.type.localeCompare(b.type) ||
      Number(a.apply === null) - Number(b.apply === null) ||
      toCommit(a) - toCommit(b) ||
      a.service.localeCompare(b.service),
  );

  const hold = statsOf(
    mergeSeries(Object.values(delta).flatMap((series) => series.filter((s) => s.name === HOLD_METRIC))),
  );
  return {
    note:
      'p50/p99 are estimated from histogram buckets (linear interpolation inside the bucket holding the rank; ' +
      'bounds 1 ms … 30 s, so a p99 past 30 s reads 30 s); count and mean are exact (_count, _sum). Only the ' +
      "load's traffic: snapshot after the drain less the one before the load. outbox is the publisher's hop, " +
      "repeated on each consumer's row of the type; delivery/queued/apply are the consumer's. hold is " +
      "inventory's ordering-window hold of a confirmed order's reservation request. atMs: median over orders " +
      "of the type's first outbox row after the order's first one.",
    orderedBy:
      appearance.size > 0
        ? "first appearance in an order's life (outbox created_at), ties by the contracts' happy path"
        : "the contracts' happy path (no outbox timing could be read)",
    steps,
    hold,
    unscraped,
  };
}

/**
 * The breakdown as stacked bars, one per step in the happy path's order, a hop's estimate per segment; the
 * reservation hold as a row of its own after inventory's OrderConfirmed. A sum of percentiles, not the
 * percentile of the sum: it shows where the time goes, not an end-to-end figure.
 */
export function hopPanel(hops: HopBreakdown, key: 'p50Ms' | 'p99Ms'): ChartBarPanel {
  const rows = hops.steps.map((s) => ({
    label: stepLabel(s),
    values: [s.outbox, s.delivery, s.queued, s.apply, null].map((h) => h?.[key] ?? 0),
  }));
  // A hold many times the longest step would flatten the steps: the scale ends past them, the hold's bar is cut.
  const longestStep = Math.max(0, ...rows.map((r) => r.values.reduce((sum, v) => sum + v, 0)));
  const maxValue = hops.hold && hops.hold[key] > 3 * longestStep && longestStep > 0 ? longestStep * 1.5 : undefined;
  if (hops.hold) {
    const after = hops.steps.findIndex((s) => s.service === 'inventory' && s.type === 'OrderConfirmed');
    const row = { label: 'reservation hold (inventory)', values: [0, 0, 0, 0, hops.hold[key]] };
    rows.splice(after < 0 ? rows.length : after + 1, 0, row);
  }
  return {
    kind: 'bars',
    title: `Hop by hop, ${key === 'p50Ms' ? 'p50' : 'p99'} per step (estimated from histogram buckets)`,
    unit: 'ms',
    series: [
      { name: 'outbox', color: '#1f77b4' },
      { name: 'delivery', color: '#ff7f0e' },
      { name: 'queued', color: '#2ca02c' },
      { name: 'apply', color: '#d62728' },
      { name: 'hold', color: '#9467bd' },
    ],
    rows,
    ...(maxValue ? { maxValue } : {}),
  };
}

/** The breakdown as a table (p50/p99 ms of each hop per step) and a line for the hold. */
export function printHopBreakdown(breakdown: HopBreakdown): void {
  if (breakdown.steps.length === 0 && !breakdown.hold) {
    console.log(`hop breakdown: no ${HOP_METRIC} / ${HOLD_METRIC} traffic exposed by the services`);
    return;
  }
  const cell = (s: HopStats | null) => (s ? `${fmt(s.p50Ms)}/${fmt(s.p99Ms)}` : '-').padStart(15);
  const width = Math.max(30, ...breakdown.steps.map((s) => stepLabel(s).length)) + 1;
  console.log(
    `hop breakdown (p50/p99 ms, estimated from histogram buckets; ordered by ${breakdown.orderedBy}):\n` +
      `${'step (type → consumer)'.padEnd(width)} ${'at'.padStart(7)} ${'outbox'.padStart(15)} ` +
      `${'delivery'.padStart(15)} ${'queued'.padStart(15)} ${'apply'.padStart(15)} ${'count'.padStart(7)}`,
  );
  for (const s of breakdown.steps) {
    const count = s.apply?.count ?? s.delivery?.count ?? s.outbox?.count ?? 0;
    console.log(
      `${stepLabel(s).padEnd(width)} ${(s.atMs === null ? '-' : `+${s.atMs}`).padStart(7)} ${cell(s.outbox)} ` +
        `${cell(s.delivery)} ${cell(s.queued)} ${cell(s.apply)} ${String(count).padStart(7)}`,
    );
  }
  const h = breakdown.hold;
  console.log(
    h
      ? `reservation hold (inventory): p50 ${fmt(h.p50Ms)} ms, p99 ${fmt(h.p99Ms)} ms, mean ${fmt(h.meanMs)} ms, count ${h.count}`
      : 'reservation hold (inventory): no data',
  );
  if (breakdown.unscraped.length)
    console.log(`hop breakdown: /metrics did not answer: ${breakdown.unscraped.join(', ')}`);
}

/** `type → consumer`, or `type (published by …)` for a type no service consumed. */
function stepLabel(s: HopStep): string {
  return s.delivery || s.queued || s.apply ? `${s.type} → ${s.service}` : `${s.type} (${s.service}, no consumer)`;
}

function fmt(ms: number): string {
  return ms >= 100 ? String(Math.round(ms)) : String(ms);
}
