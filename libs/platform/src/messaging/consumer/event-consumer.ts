import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { findEventDefinition, validateEvent } from '@oms/contracts';
import type { UnitOfWork } from '../../database/unit-of-work';
import type { Logger } from '../../logging/logger';
import type { MessagingMetrics } from '../../metrics/messaging-metrics';
import { type ConsumedEvent, PermanentEventError } from '../consumed-event';
import { type DeadLetterPublisher, type DeadLetterReason } from '../dead-letter/dead-letter-publisher';
import type { Inbox } from '../inbox/inbox';
import type { BatchControl, IncomingMessage, PartitionBatch } from '../kafka/kafka-port';
import { contextFromHeaders } from '../trace-context';
import type { EventHandlerRegistry } from './event-handler-registry';

export interface EventConsumerOptions {
  maxBatch: number;
  /** Larger events are dead-lettered unread: no contract allows them, and parsing them costs memory. */
  maxEventBytes?: number;
  maxAttempts: number;
  /** Group-commit transactions in flight at once (default 1). */
  transactionsConcurrently?: number;
  /** First backoff; doubled per attempt, capped at maxBackoffMs. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
}

type Decoded =
  | { ok: true; message: IncomingMessage; event: ConsumedEvent }
  | { ok: false; message: IncomingMessage; reason: DeadLetterReason; detail: string }
  | { ok: 'not-ours'; message: IncomingMessage; type: string };

const tracer = trace.getTracer('@oms/platform');

/**
 * Applies a partition's batch: decode and validate each message (bad ones to the DLQ), drop events this
 * group already applied (inbox), hand runs of same-type events to their handlers, all in ONE transaction,
 * then commit the offset. A failing batch is retried with backoff; if it keeps failing while the database
 * answers, events are applied one by one so that only the poison one is dead-lettered. While the database
 * does not answer, nothing is dead-lettered: the batch waits (nothing is lost, the offset stays).
 */
export class EventConsumer {
  constructor(
    private readonly registry: EventHandlerRegistry,
    private readonly unitOfWork: UnitOfWork,
    private readonly inbox: Inbox,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly options: EventConsumerOptions,
    private readonly logger: Logger,
    private readonly metrics?: MessagingMetrics,
  ) {
    this.groupCommit = new GroupCommit(
      (events) => this.applyInTransaction(events),
      options.maxBatch,
      options.transactionsConcurrently ?? 1,
      (error, members) =>
        logger.debug({ err: error, members }, 'group transaction failed; each chunk is applied alone'),
    );
  }

  private readonly groupCommit: GroupCommit;

  async handleBatch(batch: PartitionBatch, control: BatchControl): Promise<void> {
    for (let start = 0; start < batch.messages.length; start += this.options.maxBatch) {
      if (!control.stillOwned()) return;
      const chunk = batch.messages.slice(start, start + this.options.maxBatch);
      const timer = this.metrics?.batchDuration.startTimer({ topic: batch.topic });
      const completed = await this.applyChunk(chunk, control);
      timer?.();
      if (!completed) return;
      try {
        await control.commit(chunk[chunk.length - 1]!);
      } catch (error) {
        // Lost the partition in a rebalance (kafkajs #1046): the new owner redoes from the last commit,
        // and the inbox makes that harmless.
        this.logger.warn({ err: error, topic: batch.topic, partition: batch.partition }, 'offset commit failed');
        return;
      }
      await control.heartbeat().catch(() => undefined);
    }
  }

  /** Returns false when it gave up because the partition is no longer ours. */
  private async applyChunk(chunk: IncomingMessage[], control: BatchControl): Promise<boolean> {
    const decoded = chunk.map((message) => this.decode(message));
    const rejected = decoded.filter((d): d is Extract<Decoded, { ok: false }> => d.ok === false);
    if (rejected.length > 0) {
      await this.deadLetter(
        rejected.map((r) => ({ message: r.message, reason: r.reason, error: r.detail, attempts: 0 })),
      );
    }
    const events: ConsumedEvent[] = [];
    const originalOf = new Map<ConsumedEvent, IncomingMessage>();
    for (const d of decoded) {
      if (d.ok === false) continue;
      if (d.ok === 'not-ours') {
        this.metrics?.eventsConsumed.inc({ type: d.type, outcome: 'ignored' });
        continue;
      }
      if (this.registry.handlersFor(d.event.type, d.event.version).length === 0) {
        this.metrics?.eventsConsumed.inc({ type: d.event.type, outcome: 'ignored' });
        continue;
      }
      events.push(d.event);
      originalOf.set(d.event, d.message);
    }
    if (events.length === 0) return true;

    // First with the other partitions' chunks that are ready now (one transaction, one commit); alone after that.
    if (await this.groupCommit.apply(events)) return true;
    const firstTry = await this.withRetries(() => this.applyInTransaction(events), control);
    if (firstTry.ok) return true;
    if (firstTry.permanent === false && !(await this.databaseAnswers())) {
      return this.waitForDatabaseThenApply(events, control);
    }
    // The database answers, so some event is poison: isolate it.
    for (const event of events) {
      if (!control.stillOwned()) return false;
      const single = await this.withRetries(() => this.applyInTransaction([event]), control);
      if (single.ok) continue;
      if (single.permanent === false && !(await this.databaseAnswers())) {
        const done = await this.waitForDatabaseThenApply([event], control);
        if (!done) return false;
        continue;
      }
      await this.deadLetter([
        {
          message: originalOf.get(event)!,
          reason: single.permanent ? 'permanent-error' : 'handler-failed',
          error: describe(single.error),
          attempts: single.attempts,
        },
      ]);
    }
    return true;
  }

  private async applyInTransaction(events: ConsumedEvent[]): Promise<void> {
    const started = Date.now();
    await this.unitOfWork.run(async (manager) => {
      const fresh = await this.inbox.claim(manager, events);
      for (const duplicate of events.length - fresh.length > 0 ? events.filter((e) => !fresh.includes(e)) : []) {
        this.metrics?.eventsConsumed.inc({ type: duplicate.type, outcome: 'duplicate' });
      }
      for (const run of runsOfSameType(fresh)) {
        for (const registration of this.registry.handlersFor(run[0]!.type, run[0]!.version)) {
          await this.traced(run, registration.name, () => registration.handler(run));
        }
      }
      this.unitOfWork.onCommit(() => {
        for (const e of fresh) this.metrics?.eventsConsumed.inc({ type: e.type, outcome: 'applied' });
      });
    });
    this.observeHops(events, started, Date.now());
  }

  private observeHops(events: ConsumedEvent[], started: number, committed: number): void {
    const hop = this.metrics?.hop;
    if (!hop) return;
    for (const event of events) {
      const { receivedAt, timestamp } = event.meta;
      if (receivedAt !== undefined) {
        const sent = Number(timestamp);
        if (sent > 0) hop.observe({ hop: 'delivery', type: event.type }, Math.max(0, receivedAt - sent) / 1000);
        hop.observe({ hop: 'queued', type: event.type }, Math.max(0, started - receivedAt) / 1000);
      }
      hop.observe({ hop: 'apply', type: event.type }, (committed - started) / 1000);
    }
  }

  /** One span per run, child of the first event's trace, linked to the others: one order stays one trace. */
  private traced(run: ConsumedEvent[], handlerName: string, work: () => Promise<void>): Promise<void> {
    const parent = contextFromHeaders(run[0]!.meta.headers);
    const links = run
      .slice(1)
      .map((e) => ({ context: trace.getSpanContext(contextFromHeaders(e.meta.headers)) }))
      .filter((l): l is { context: NonNullable<typeof l.context> } => l.context !== undefined);
    return tracer.startActiveSpan(
      `process ${run[0]!.type}`,
      {
        kind: SpanKind.CONSUMER,
        links,
        attributes: { 'messaging.batch.message_count': run.length, 'oms.handler': handlerName },
      },
      parent,
      async (span) => {
        try {
          await context.with(trace.setSpan(parent, span), work);
        } catch (error) {
          span.recordException(error as Error);
          span.setStatus({ code: SpanStatusCode.ERROR });
          throw error;
        } finally {
          span.end();
        }
      },
    );
  }

  private async withRetries(
    work: () => Promise<void>,
    control: BatchControl,
  ): Promise<{ ok: true } | { ok: false; error: unknown; attempts: number; permanent: boolean }> {
    let attempt = 0;
    for (;;) {
      attempt += 1;
      try {
        await work();
        return { ok: true };
      } catch (error) {
        const permanent = error instanceof PermanentEventError;
        if (permanent || attempt >= this.options.maxAttempts || !control.stillOwned()) {
          return { ok: false, error, attempts: attempt, permanent };
        }
        this.logger.warn({ err: error, attempt }, 'event handling failed; retrying with backoff');
        await this.backoff(attempt, control);
      }
    }
  }

  /** The database is down: keep the events (no DLQ, no commit) and retry until it answers or we lose the partition. */
  private async waitForDatabaseThenApply(events: ConsumedEvent[], control: BatchControl): Promise<boolean> {
    for (let attempt = 1; control.stillOwned(); attempt++) {
      this.logger.warn({ attempt }, 'database unreachable: holding the batch until it answers');
      await this.backoff(attempt + 3, control);
      try {
        await this.applyInTransaction(events);
        return true;
      } catch {
        // retry
      }
    }
    return false;
  }

  private async backoff(attempt: number, control: BatchControl): Promise<void> {
    const initial = this.options.initialBackoffMs ?? 200;
    const delay = Math.min(this.options.maxBackoffMs ?? 10_000, initial * 2 ** (attempt - 1));
    const jittered = delay / 2 + Math.random() * (delay / 2);
    const until = Date.now() + jittered;
    // Heartbeat while waiting so that a long backoff does not cost the group membership (kafkajs #447).
    while (Date.now() < until) {
      await sleep(Math.min(1000, until - Date.now()));
      await control.heartbeat().catch(() => undefined);
    }
  }

  private async databaseAnswers(): Promise<boolean> {
    try {
      await this.unitOfWork.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  private async deadLetter(
    entries: Array<{ message: IncomingMessage; reason: DeadLetterReason; error: string; attempts: number }>,
  ): Promise<void> {
    await this.deadLetters.send(entries);
    for (const entry of entries) {
      this.metrics?.deadLettered.inc({ topic: entry.message.topic, reason: entry.reason });
      this.metrics?.eventsConsumed.inc({
        type: entry.message.headers['event-type'] ?? 'unknown',
        outcome: 'dead-lettered',
      });
      this.logger.error(
        {
          topic: entry.message.topic,
          partition: entry.message.partition,
          offset: entry.message.offset,
          reason: entry.reason,
          error: entry.error,
        },
        'event dead-lettered',
      );
    }
  }

  private decode(message: IncomingMessage): Decoded {
    const size = message.value?.length ?? 0;
    if (this.options.maxEventBytes !== undefined && size > this.options.maxEventBytes) {
      return {
        ok: false,
        message,
        reason: 'oversized',
        detail: `${size} bytes, over the ${this.options.maxEventBytes} allowed`,
      };
    }
    let raw: unknown;
    try {
      raw = JSON.parse(message.value?.toString('utf8') ?? '');
    } catch (error) {
      return { ok: false, message, reason: 'malformed', detail: `not JSON: ${describe(error)}` };
    }
    // An event of a known contract that no handler here takes is skipped unchecked: checking it is the work of
    // the services that handle it (and their dead-letter records), and it was the bulk of this check's cost.
    // An unknown type or version still goes through the check below, to the dead-letter topic.
    const { type, version } = (raw ?? {}) as { type?: unknown; version?: unknown };
    if (
      typeof type === 'string' &&
      typeof version === 'number' &&
      findEventDefinition(type, version) &&
      this.registry.handlersFor(type, version).length === 0
    ) {
      return { ok: 'not-ours', message, type };
    }
    const checked = validateEvent(raw, { strict: false });
    if (!checked.ok) return { ok: false, message, reason: checked.reason, detail: checked.detail };
    const event = Object.assign(checked.envelope, {
      meta: {
        topic: message.topic,
        partition: message.partition,
        offset: message.offset,
        headers: message.headers,
        timestamp: message.timestamp,
        ...(message.receivedAt !== undefined ? { receivedAt: message.receivedAt } : {}),
      },
    }) as ConsumedEvent;
    return { ok: true, message, event };
  }
}

/**
 * Group commit: the chunks that partitions hand in while a transaction runs are applied together in the next
 * one, so that a busy consumer commits once per round, not once per partition chunk (an idle one still
 * starts at once). Each caller commits its own partition's offset after its chunk's transaction committed.
 * A failed group tells every member so; each then retries alone, where a poison event is isolated.
 */
class GroupCommit {
  private running = 0;
  private waiting: Array<{ events: ConsumedEvent[]; done: (applied: boolean) => void }> = [];

  constructor(
    private readonly applyAll: (events: ConsumedEvent[]) => Promise<void>,
    /** A round takes chunks until it holds this many events (at least one chunk). */
    private readonly maxEvents: number,
    /** Rounds (transactions) in flight at once: one's database round trips overlap another's own work. */
    private readonly concurrency: number,
    private readonly onFailure: (error: unknown, members: number) => void,
  ) {}

  apply(events: ConsumedEvent[]): Promise<boolean> {
    return new Promise((done) => {
      this.waiting.push({ events, done });
      this.startRounds();
    });
  }

  private startRounds(): void {
    while (this.running < this.concurrency && this.waiting.length > 0) {
      let count = 0;
      let taken = 0;
      while (
        taken < this.waiting.length &&
        (taken === 0 || count + this.waiting[taken]!.events.length <= this.maxEvents)
      ) {
        count += this.waiting[taken]!.events.length;
        taken += 1;
      }
      const members = this.waiting.splice(0, taken);
      this.running += 1;
      void this.applyAll(members.flatMap((m) => m.events)).then(
        () => this.finish(members, true),
        (error: unknown) => {
          this.onFailure(error, members.length);
          this.finish(members, false);
        },
      );
    }
  }

  private finish(members: Array<{ done: (applied: boolean) => void }>, applied: boolean): void {
    this.running -= 1;
    for (const member of members) member.done(applied);
    this.startRounds();
  }
}

function runsOfSameType(events: ConsumedEvent[]): ConsumedEvent[][] {
  const runs: ConsumedEvent[][] = [];
  for (const event of events) {
    const last = runs[runs.length - 1];
    if (last && last[0]!.type === event.type && last[0]!.version === event.version) last.push(event);
    else runs.push([event]);
  }
  return runs;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
