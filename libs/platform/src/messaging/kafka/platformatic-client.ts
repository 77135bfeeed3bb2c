/**
 * The Kafka port on @platformatic/kafka (2.12.1), the alternative to the kafkajs adapter, so that both can be
 * measured in one benchmark run (KAFKA_CLIENT=platformatic). Same options, same port, same guarantees, except
 * where this header says otherwise.
 *
 * How each guarantee of the port is met:
 * - Producer: the library's idempotent producer (producer id + per-partition sequence numbers), acks=all; `send`
 *   resolves once the broker acknowledged every message. The adapter runs one send at a time (see send()): the
 *   library's idempotence is only safe for sends that do not overlap. Keys are partitioned with the library's
 *   `compatibilityPartitioner` (murmur2 & 0x7fffffff, the Java and kafkajs DefaultPartitioner placement, checked
 *   key by key against kafkajs); its default partitioner (murmur2 >>> 0) would put keys on other partitions.
 * - Consumer: a classic consumer group (eager `roundrobin` protocol, the library's default), autocommit off,
 *   `mode: committed` with the earliest (fromBeginning) or latest offset for a new group. The library delivers a
 *   stream of single messages; this adapter sorts them into one queue per partition and calls the handler with
 *   one partition's queued messages at a time (at most maxBytesPerPartition bytes), at most
 *   partitionsConsumedConcurrently partitions at once, one partition strictly in order. Messages not resolved by
 *   `commit` when the handler returns are handed out again (kafkajs re-fetches them from the resolved offset).
 * - commit(message) sends OffsetCommit(offset + 1) with the generation and member id of the group join that gave
 *   this consumer the partition, so the coordinator refuses it (ILLEGAL_GENERATION, REBALANCE_IN_PROGRESS) once
 *   the group moved on; it is refused locally once the partition was revoked. The request is built with the
 *   library's exported OffsetCommit API: `Consumer.commit` cannot be used, because on such a refusal it rejoins
 *   the group and re-sends the commit under the NEW generation, which the broker accepts even when the partition
 *   now belongs to another member.
 * - heartbeat() is a no-op: the library heartbeats on its own timer, independent of the handler, so a batch that
 *   outlasts the session timeout keeps the membership without it.
 * - stillOwned() turns false once stop() began, when the partition is revoked at a group join, and (see below)
 *   as soon as the consumer starts rejoining its group.
 * - stop(): no new batch, the stream stops fetching, in-flight batches finish their chunk and commit while the
 *   membership is intact, then the stream closes and the consumer leaves its group (LeaveGroup).
 * - A consumer whose stream fails (fetch retries exhausted) or whose rejoin fails is restarted with backoff
 *   (kafkajs restarts a crashed consumer too); isHealthy() is false until it has joined again.
 * - Admin: metadata-based listTopics and ping, CreateTopics (waiting for partition leaders, like kafkajs
 *   `waitForLeaders`), lag from OffsetFetch and ListOffsets.
 *
 * What differs from the kafkajs adapter (library behaviour, not hidden here):
 * - Producer throughput: the idempotent producer of @platformatic/kafka 2.12.1 forces maxInflights = 1 per broker
 *   connection, and this adapter lets one send() run at a time (kafkajs: up to 5 requests in flight, concurrent
 *   sends). Concurrent callers (several outbox relays sharing the producer) wait for each other.
 * - Producer failures: a send that fails after its retries makes the library drop its producer id, and a broker
 *   that forgot the producer (UNKNOWN_PRODUCER_ID) makes it take a new one and re-send the whole request, also the
 *   partitions of it already written. Either way a retried batch can be written twice (kafkajs likewise starts a
 *   new producer id after exhausting its retries); the outbox relay re-sends and the consumers' inbox dedupes.
 * - Rebalances: the library rejoins in the background as soon as the coordinator announces a rebalance; it cannot
 *   wait for the batch in flight (kafkajs rejoins only after eachBatch returns). Under the eager protocol every
 *   partition is revoked at a rebalance, so stillOwned() turns false for every batch in flight as soon as the
 *   JoinGroup starts, and the handler stops after its current chunk. A chunk whose transaction is already running
 *   can still overlap with the new owner's first batch of that partition; its commit is then refused and the
 *   inbox makes the redelivery harmless. A partition this consumer keeps continues after the join from the first
 *   message not resolved (the library re-reads from the committed offset; the duplicates are dropped here).
 * - A handler that throws: the batch's unresolved messages are handed out again after a backoff (0.5 s doubling
 *   to 10 s) instead of crashing and restarting the whole consumer as kafkajs does.
 * - Logging: the library has no log levels; its own debug output (`debug` namespaces plt:kafka:*, enabled with
 *   DEBUG=plt:kafka:*) goes to `options.log` at debug level, and its error and warning events (stream and rejoin
 *   failures, failed heartbeats, broker connection failures) at error/warn, as the kafkajs logCreator does.
 * - listTopics includes internal topics, as kafkajs's does. ensureTopics returns only the topics this call
 *   created: one created meanwhile by another process (TOPIC_ALREADY_EXISTS) is left out, where the kafkajs
 *   adapter returns every topic that was missing.
 */
import { Module } from 'node:module';
import { format } from 'node:util';
import type * as PlatformaticKafka from '@platformatic/kafka';
import type { Admin, Consumer, ConsumerGroupJoinPayload, Message, MessagesStream, Producer } from '@platformatic/kafka';
import type {
  BatchControl,
  BatchHandler,
  ConsumerOptions,
  IncomingMessage,
  KafkaAdmin,
  KafkaClient,
  KafkaClientOptions,
  MessageConsumer,
  MessageHeaders,
  MessageProducer,
  OutgoingMessage,
  TopicSpec,
} from './kafka-port';

type Lib = typeof PlatformaticKafka;
type OffsetCommitRequestTopic = PlatformaticKafka.offsetCommitV8.OffsetCommitRequestTopic;
type Log = NonNullable<KafkaClientOptions['log']>;

let loaded: Lib | undefined;

/**
 * The package is ESM only; Node 24 loads it with require(esm), so in a service a plain import would do. Jest,
 * however, resolves every require of the test process through its own registry, which cannot load an ES module
 * without --experimental-vm-modules, and it replaces node:module with a subclass of Node's Module whose
 * createRequire goes through that registry too. Node's own createRequire (on the parent class under jest, on Module
 * itself otherwise) loads it natively in both. Loaded on first use, so a process on the kafkajs adapter never loads
 * it. If jest is ever run with --experimental-vm-modules (or transforms this package), a static import can replace
 * this.
 */
function library(): Lib {
  if (!loaded) {
    const hostCreateRequire =
      (Object.getPrototypeOf(Module) as { createRequire?: typeof Module.createRequire }).createRequire ??
      Module.createRequire;
    loaded = hostCreateRequire(__filename)('@platformatic/kafka') as Lib;
  }
  return loaded;
}

/** Where the library's `debug` output goes: the last client created with a log function. */
let debugSink: Log | undefined;

function routeLibraryDebugOutput(lib: Lib, log: Log | undefined): void {
  if (!log) return;
  debugSink = log;
  for (const [section, logger] of Object.entries(lib.loggers)) {
    logger.log = (...args: unknown[]) => debugSink?.('debug', `platformatic-kafka ${section}: ${format(...args)}`, {});
  }
}

// Timings as in the kafkajs adapter (retry 200 ms doubling to 10 s, 8 retries; connection 3 s, request 30 s).
const RETRIES = 8;
const retryDelay = (_client: unknown, _operation: string, attempt: number): number =>
  Math.min(10_000, 200 * 2 ** Math.max(0, attempt - 1));
const CONNECT_TIMEOUT_MS = 3000;
const REQUEST_TIMEOUT_MS = 30_000;
/** kafkajs's consumer defaults, kept for the comparison: rebalance timeout 60 s, fetch at most 10 MB. */
const REBALANCE_TIMEOUT_MS = 60_000;
const FETCH_MAX_BYTES = 10 * 1_048_576;
/**
 * Messages fetched and not yet handed to the handler: the stream is paused above 10 MB or 20 000 messages (about
 * what one kafkajs fetch may hold) and resumed below half of both.
 */
const QUEUE_HIGH_BYTES = FETCH_MAX_BYTES;
const QUEUE_HIGH_MESSAGES = 20_000;
const COMMIT_RETRIES = 3;

export function createPlatformaticClient(options: KafkaClientOptions): KafkaClient {
  const lib = library();
  routeLibraryDebugOutput(lib, options.log);
  const base = {
    clientId: options.clientId,
    bootstrapBrokers: options.brokers,
    connectTimeout: CONNECT_TIMEOUT_MS,
    requestTimeout: REQUEST_TIMEOUT_MS,
    retries: RETRIES,
    retryDelay,
    autocreateTopics: false,
  };
  const log: Log = options.log ?? (() => undefined);
  return {
    producer: () => new PlatformaticProducer(lib, base, log),
    consumer: (consumerOptions) => new PlatformaticConsumer(lib, base, consumerOptions, log),
    admin: async () => {
      const admin = new lib.Admin(base);
      try {
        await admin.metadata({ topics: [] });
      } catch (error) {
        await admin.close().catch(() => undefined);
        throw portError('Kafka admin connect failed', error);
      }
      return new PlatformaticAdmin(lib, admin);
    },
  };
}

type BaseOptions = {
  clientId: string;
  bootstrapBrokers: string[];
  connectTimeout: number;
  requestTimeout: number;
  retries: number;
  retryDelay: typeof retryDelay;
  autocreateTopics: boolean;
};

/** The library's errors nest (MultipleErrors of ResponseErrors): one readable line, the original as cause. */
function describeError(error: unknown): string {
  if (error && typeof error === 'object') {
    const e = error as { message?: unknown; errors?: unknown; apiId?: unknown };
    const own = typeof e.message === 'string' ? e.message : String(error);
    const nested = Array.isArray(e.errors) ? e.errors.map(describeError).filter((m) => m && m !== own) : [];
    const api = typeof e.apiId === 'string' && !own.includes(e.apiId) ? ` (${e.apiId})` : '';
    return nested.length > 0 ? `${own}${api}: ${[...new Set(nested)].join('; ')}` : `${own}${api}`;
  }
  return String(error);
}

function portError(what: string, error: unknown): Error {
  return new Error(`${what}: ${describeError(error)}`, { cause: error });
}

function toHeaders(entries: Array<[Buffer, Buffer]>): MessageHeaders {
  const out: MessageHeaders = {};
  for (const [name, value] of entries) {
    const key = name.toString('utf8');
    // The first value of a repeated header, as the kafkajs adapter does.
    if (!(key in out)) out[key] = value === undefined || value === null ? '' : value.toString('utf8');
  }
  return out;
}

class PlatformaticProducer implements MessageProducer {
  private producer: Producer<string, string, string, string> | undefined;
  private connected = false;
  /** The send in progress: sends run one after another (see send). */
  private lastSend: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly lib: Lib,
    private readonly base: BaseOptions,
    private readonly log: Log,
  ) {}

  private create(): Producer<string, string, string, string> {
    const producer = new this.lib.Producer<string, string, string, string>({
      ...this.base,
      // Idempotent: retries never write a message twice nor reorder a partition; the library then forces acks=all
      // and one request in flight per connection.
      idempotent: true,
      acks: this.lib.ProduceAcks.ALL,
      partitioner: this.lib.compatibilityPartitioner,
      serializers: this.lib.stringSerializers,
    });
    producer.on('client:broker:failed', ({ broker }) =>
      this.log('warn', `platformatic-kafka producer: connection to ${broker.host}:${broker.port} failed`, {}),
    );
    return producer;
  }

  async connect(): Promise<void> {
    if (!this.producer || this.producer.closed) this.producer = this.create();
    try {
      await this.producer.connectToBrokers();
      // Fetches the producer id now, so that a broker refusing idempotence fails connect() rather than a send.
      await this.producer.initIdempotentProducer({});
    } catch (error) {
      throw portError('Kafka producer connect failed', error);
    }
    this.connected = true;
  }

  /**
   * One send at a time. The library numbers each partition's batches when a send starts, but concurrent sends can
   * reach the broker out of that order; the broker then answers OUT_OF_ORDER_SEQUENCE_NUMBER, the library takes a
   * new producer id and sends the whole batch again, and the partitions of it already written are written twice
   * (measured: 1113 records for 1050 sent by three concurrent senders). The library sends one request per broker
   * connection at a time anyway (maxInflights = 1 for an idempotent producer), so little is lost by waiting here.
   */
  send(messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return Promise.resolve();
    const sent = this.lastSend.then(() => this.sendNow(messages));
    this.lastSend = sent.catch(() => undefined);
    return sent;
  }

  private async sendNow(messages: OutgoingMessage[]): Promise<void> {
    const producer = this.producer;
    if (!producer || producer.closed) throw new Error('Kafka producer is not connected');
    try {
      await producer.send({
        acks: this.lib.ProduceAcks.ALL,
        messages: messages.map((m) => ({ topic: m.topic, key: m.key, value: m.value, headers: m.headers })),
      });
    } catch (error) {
      throw portError('Kafka send failed', error);
    }
  }

  async disconnect(): Promise<void> {
    this.connected = false;
    await this.lastSend; // the sends already accepted finish first
    const producer = this.producer;
    this.producer = undefined;
    await producer?.close(true);
  }

  isConnected(): boolean {
    return this.connected && this.producer !== undefined && !this.producer.closed;
  }
}

/** A message queued for its partition's handler. */
interface Entry {
  message: IncomingMessage;
  offset: bigint;
  bytes: number;
}

/** A partition assigned to this consumer by one group join; replaced by a new object if it comes back later. */
class PartitionState {
  readonly key: string;
  queue: Entry[] = [];
  queuedBytes = 0;
  /** The offset after the last message taken from the stream: after a join the stream re-reads from the commit. */
  nextOffset: bigint | undefined;
  busy = false;
  /** Bumped when the batches in flight lose the partition (revoked, or the group starts a rebalance). */
  epoch = 0;
  failures = 0;
  retryAt = 0;

  constructor(
    readonly topic: string,
    readonly partition: number,
    /** Messages read in an earlier generation (stale fetches) are not this assignment's. */
    readonly generation: number,
  ) {
    this.key = `${topic}:${partition}`;
  }
}

/** One Consumer and its stream, from its first join until it fails or stops; a restart creates a new one. */
interface Session {
  consumer: Consumer;
  stream: MessagesStream<Buffer, Buffer, Buffer, Buffer> | undefined;
  alive: boolean;
  joined: boolean;
  /** Between the start of a JoinGroup and the group join event: no batch starts. */
  rebalancing: boolean;
  membership: { generationId: number; memberId: string } | undefined;
  assigned: Map<string, PartitionState>;
  queuedBytes: number;
  queuedMessages: number;
  paused: boolean;
  onJoinStart: (context: unknown) => void;
}

class PlatformaticConsumer implements MessageConsumer {
  private handler: BatchHandler | undefined;
  private session: Session | undefined;
  private running = false;
  private stopping = false;
  private starting: Promise<void> | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private dispatchTimer: NodeJS.Timeout | undefined;
  private dispatchQueued = false;
  private inFlight = 0;
  private readonly idleWaiters: Array<() => void> = [];
  private joinCount = 0;
  private commitApi: PlatformaticKafka.API<OffsetCommitArgs, unknown> | undefined;
  /** The leader epoch each delivered message was read under (OffsetCommit carries it, KIP-320). */
  private readonly leaderEpochs = new WeakMap<IncomingMessage, number>();
  private readonly concurrency: number;
  private readonly maxBatchBytes: number;

  constructor(
    private readonly lib: Lib,
    private readonly base: BaseOptions,
    private readonly options: ConsumerOptions,
    private readonly log: Log,
  ) {
    this.concurrency = Math.max(1, options.partitionsConsumedConcurrently ?? 1);
    this.maxBatchBytes = options.maxBytesPerPartition ?? 1_048_576;
  }

  get joins(): number {
    return this.joinCount;
  }

  isHealthy(): boolean {
    const session = this.session;
    return (
      this.running &&
      !this.stopping &&
      session !== undefined &&
      session.alive &&
      session.joined &&
      session.stream !== undefined &&
      !session.stream.destroyed
    );
  }

  async run(handler: BatchHandler): Promise<void> {
    if (this.running || this.starting) throw new Error('Kafka consumer is already running');
    this.handler = handler;
    this.stopping = false;
    this.starting = this.startSession();
    try {
      await this.starting;
      this.running = !this.stopping;
    } finally {
      this.starting = undefined;
    }
  }

  /**
   * Graceful: no new batch, the stream stops fetching, the batches in flight finish their chunk and commit it while
   * the group membership is intact, then the stream closes and the consumer leaves its group.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    clearTimeout(this.dispatchTimer);
    await this.starting?.catch(() => undefined);
    const session = this.session;
    if (session?.stream && !session.stream.destroyed) session.stream.pause();
    await this.idle();
    if (session) await this.closeSession(session);
    this.running = false;
  }

  private idle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  private async startSession(): Promise<void> {
    const consumer = new this.lib.Consumer({
      ...this.base,
      // A JoinGroup waits up to the rebalance timeout for the other members: the request must outlive it.
      requestTimeout: Math.max(REQUEST_TIMEOUT_MS, REBALANCE_TIMEOUT_MS + 5000),
      groupId: this.options.groupId,
      autocommit: false,
      sessionTimeout: this.options.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: this.options.heartbeatIntervalMs ?? 3000,
      rebalanceTimeout: REBALANCE_TIMEOUT_MS,
      maxBytes: FETCH_MAX_BYTES,
      maxBytesPerPartition: this.maxBatchBytes,
    });
    const session: Session = {
      consumer,
      stream: undefined,
      alive: true,
      joined: false,
      rebalancing: false,
      membership: undefined,
      assigned: new Map(),
      queuedBytes: 0,
      queuedMessages: 0,
      paused: false,
      onJoinStart: (context) => {
        const { client, operation } = context as { client?: unknown; operation?: unknown };
        if (client === consumer && operation === 'joinGroup') this.onJoinStart(session);
      },
    };
    this.session = session;
    this.lib.consumerGroupChannel.start.subscribe(session.onJoinStart);
    consumer.on('consumer:group:join', (payload) => this.onGroupJoin(session, payload));
    consumer.on('consumer:heartbeat:error', ({ error }) => {
      // A rebalance announced through the heartbeat is routine: the library rejoins.
      const routine = this.lib.findErrorBy(error, 'needsRejoin', true) !== null;
      this.log(routine ? 'debug' : 'warn', `platformatic-kafka consumer: heartbeat failed: ${describeError(error)}`, {
        groupId: this.options.groupId,
      });
    });
    consumer.on('consumer:heartbeat:stalled', ({ stalledFor }) =>
      this.log('warn', `platformatic-kafka consumer: no successful heartbeat for ${stalledFor} ms`, {
        groupId: this.options.groupId,
      }),
    );
    consumer.on('client:broker:failed', ({ broker }) =>
      this.log('warn', `platformatic-kafka consumer: connection to ${broker.host}:${broker.port} failed`, {
        groupId: this.options.groupId,
      }),
    );
    // Emitted when a rejoin after a rebalance fails: the consumer is no longer in its group.
    consumer.on('error', (error: unknown) => this.onSessionFailure(session, 'rejoining the group failed', error));
    try {
      const stream = await consumer.consume({
        topics: this.options.topics,
        autocommit: false,
        mode: this.lib.MessagesStreamModes.COMMITTED,
        fallbackMode:
          (this.options.fromBeginning ?? true)
            ? this.lib.MessagesStreamFallbackModes.EARLIEST
            : this.lib.MessagesStreamFallbackModes.LATEST,
        maxBytes: FETCH_MAX_BYTES,
        maxBytesPerPartition: this.maxBatchBytes,
      });
      session.stream = stream;
      if (!session.alive) {
        await this.closeSession(session);
        throw new Error('Kafka consumer stopped while starting');
      }
      stream.on('error', (error) => this.onSessionFailure(session, 'the message stream failed', error));
      stream.on('close', () => this.onSessionFailure(session, 'the message stream closed', undefined));
      stream.on('data', (message) => this.onMessage(session, message));
      if (this.stopping) {
        // stop() was called during the join: it waits for this start, then closes the session.
        stream.pause();
      }
    } catch (error) {
      await this.closeSession(session);
      if (this.session === session) this.session = undefined;
      throw portError('Kafka consumer start failed', error);
    }
  }

  private async closeSession(session: Session): Promise<void> {
    session.alive = false;
    session.joined = false;
    this.lib.consumerGroupChannel.start.unsubscribe(session.onJoinStart);
    for (const state of session.assigned.values()) this.dropQueue(session, state);
    const stream = session.stream;
    if (stream && !stream.destroyed) {
      stream.pause();
      await stream
        .close()
        .catch((error: unknown) =>
          this.log('warn', `platformatic-kafka consumer: closing the stream failed: ${describeError(error)}`, {}),
        );
    }
    // Leaves the group (LeaveGroup), so its partitions move at once rather than after the session timeout.
    await session.consumer
      .close(true)
      .catch((error: unknown) =>
        this.log('warn', `platformatic-kafka consumer: leaving the group failed: ${describeError(error)}`, {}),
      );
  }

  /** The stream or the membership is gone: let the batches in flight stop, then start a new consumer. */
  private onSessionFailure(session: Session, what: string, error: unknown): void {
    if (!session.alive || this.stopping) return;
    if (!session.stream) {
      // Still starting: startSession sees it, closes the session and fails; run() (or the restart loop) retries.
      session.alive = false;
      return;
    }
    this.log('error', `platformatic-kafka consumer: ${what}${error ? `: ${describeError(error)}` : ''}; restarting`, {
      groupId: this.options.groupId,
    });
    session.alive = false;
    session.joined = false;
    for (const state of session.assigned.values()) this.dropQueue(session, state);
    void (async () => {
      await this.idle();
      await this.closeSession(session);
      for (let attempt = 1; !this.stopping; attempt++) {
        await new Promise<void>((resolve) => {
          this.restartTimer = setTimeout(resolve, Math.min(10_000, 300 * 2 ** attempt));
        });
        if (this.stopping) return;
        this.starting = this.startSession();
        try {
          await this.starting;
          return;
        } catch (restartError) {
          this.log('warn', `platformatic-kafka consumer: restart failed: ${describeError(restartError)}`, {
            groupId: this.options.groupId,
            attempt,
          });
        } finally {
          this.starting = undefined;
        }
      }
    })();
  }

  /** Eager protocol: every partition is revoked when a rebalance starts; batches in flight must stop. */
  private onJoinStart(session: Session): void {
    if (!session.alive) return;
    session.rebalancing = true;
    for (const state of session.assigned.values()) state.epoch += 1;
  }

  private onGroupJoin(session: Session, payload: ConsumerGroupJoinPayload): void {
    if (!session.alive) return;
    const generationId = payload.generationId ?? session.consumer.generationId;
    session.membership = { generationId, memberId: payload.memberId };
    const assigned = new Map<string, { topic: string; partition: number }>();
    for (const { topic, partitions } of payload.assignments ?? []) {
      for (const partition of partitions) assigned.set(`${topic}:${partition}`, { topic, partition });
    }
    const revoked: string[] = [];
    for (const [key, state] of session.assigned) {
      if (assigned.has(key)) continue;
      state.epoch += 1;
      this.dropQueue(session, state);
      session.assigned.delete(key);
      revoked.push(key);
    }
    for (const [key, { topic, partition }] of assigned) {
      if (!session.assigned.has(key)) session.assigned.set(key, new PartitionState(topic, partition, generationId));
    }
    session.rebalancing = false;
    session.joined = true;
    this.joinCount += 1;
    this.log('debug', 'platformatic-kafka consumer: joined the group', {
      groupId: this.options.groupId,
      generationId,
      assigned: [...assigned.keys()],
      revoked,
    });
    this.resumeIfDrained(session);
    this.scheduleDispatch();
  }

  private onMessage(session: Session, message: Message<Buffer, Buffer, Buffer, Buffer>): void {
    if (!session.alive || this.stopping) return;
    const state = session.assigned.get(`${message.topic}:${message.partition}`);
    if (!state) return; // read before its partition was revoked
    const consumerMeta = message.metadata?.consumer as { generationId?: number } | undefined;
    if ((consumerMeta?.generationId ?? state.generation) < state.generation) return;
    if (state.nextOffset !== undefined && message.offset < state.nextOffset) return; // re-read after a join
    state.nextOffset = message.offset + 1n;
    const incoming: IncomingMessage = {
      topic: message.topic,
      partition: message.partition,
      offset: message.offset.toString(),
      key: message.key ? message.key.toString('utf8') : null,
      value: message.value ?? null,
      headers: toHeaders(message.headerEntries),
      timestamp: message.timestamp.toString(),
      receivedAt: Date.now(),
    };
    this.leaderEpochs.set(incoming, message.leaderEpoch);
    const bytes = (message.value?.length ?? 0) + (message.key?.length ?? 0);
    state.queue.push({ message: incoming, offset: message.offset, bytes });
    state.queuedBytes += bytes;
    session.queuedBytes += bytes;
    session.queuedMessages += 1;
    if (!session.paused && (session.queuedBytes >= QUEUE_HIGH_BYTES || session.queuedMessages >= QUEUE_HIGH_MESSAGES)) {
      session.paused = true;
      session.stream?.pause();
    }
    this.scheduleDispatch();
  }

  private dropQueue(session: Session, state: PartitionState): void {
    session.queuedBytes -= state.queuedBytes;
    session.queuedMessages -= state.queue.length;
    state.queue = [];
    state.queuedBytes = 0;
  }

  private resumeIfDrained(session: Session): void {
    const drained = session.queuedBytes <= QUEUE_HIGH_BYTES / 2 && session.queuedMessages <= QUEUE_HIGH_MESSAGES / 2;
    if (session.paused && session.alive && !this.stopping && drained) {
      session.paused = false;
      session.stream?.resume();
    }
  }

  /** Messages of one fetch response arrive one by one: start batches once they are all queued. */
  private scheduleDispatch(): void {
    if (this.dispatchQueued) return;
    this.dispatchQueued = true;
    queueMicrotask(() => {
      this.dispatchQueued = false;
      this.dispatch();
    });
  }

  private dispatch(): void {
    const session = this.session;
    if (!session || !session.alive || session.rebalancing || this.stopping || !this.handler) return;
    const now = Date.now();
    let nextRetryAt = Infinity;
    for (const state of [...session.assigned.values()]) {
      if (this.inFlight >= this.concurrency) break;
      if (state.busy || state.queue.length === 0) continue;
      if (state.retryAt > now) {
        nextRetryAt = Math.min(nextRetryAt, state.retryAt);
        continue;
      }
      // To the back of the line: partitions take turns when more have messages than may run at once.
      session.assigned.delete(state.key);
      session.assigned.set(state.key, state);
      this.startBatch(session, state, this.handler);
    }
    if (nextRetryAt !== Infinity) {
      clearTimeout(this.dispatchTimer);
      this.dispatchTimer = setTimeout(() => this.dispatch(), nextRetryAt - now);
    }
  }

  private startBatch(session: Session, state: PartitionState, handler: BatchHandler): void {
    let count = 0;
    let bytes = 0;
    while (count < state.queue.length && (count === 0 || bytes + state.queue[count]!.bytes <= this.maxBatchBytes)) {
      bytes += state.queue[count]!.bytes;
      count += 1;
    }
    const entries = state.queue.splice(0, count);
    state.queuedBytes -= bytes;
    session.queuedBytes -= bytes;
    session.queuedMessages -= count;
    this.resumeIfDrained(session);
    state.busy = true;
    this.inFlight += 1;
    const epoch = state.epoch;
    /** The last offset handed to commit(): the next batch of this partition starts after it. */
    let resolved: bigint | undefined;
    const control: BatchControl = {
      // The library heartbeats on its own timer, whatever the handler does: nothing to do here.
      heartbeat: async () => undefined,
      stillOwned: () =>
        !this.stopping &&
        session.alive &&
        this.session === session &&
        session.assigned.get(state.key) === state &&
        state.epoch === epoch,
      commit: async (message) => {
        const offset = BigInt(message.offset);
        if (resolved === undefined || offset > resolved) resolved = offset;
        await this.commit(session, state, message, offset);
      },
    };
    const messages = entries.map((e) => e.message);
    void (async () => {
      let failed = false;
      try {
        await handler({ topic: state.topic, partition: state.partition, messages }, control);
      } catch (error) {
        failed = true;
        this.log('error', `platformatic-kafka consumer: batch handler failed: ${describeError(error)}`, {
          topic: state.topic,
          partition: state.partition,
        });
      }
      const owned = control.stillOwned();
      state.busy = false;
      if (session.alive && session.assigned.get(state.key) === state) {
        const tail = entries.filter((e) => resolved === undefined || e.offset > resolved);
        if (tail.length > 0) {
          const tailBytes = tail.reduce((sum, e) => sum + e.bytes, 0);
          state.queue.unshift(...tail);
          state.queuedBytes += tailBytes;
          session.queuedBytes += tailBytes;
          session.queuedMessages += tail.length;
        }
        // A handler that failed, or returned with messages it did not commit while the partition is still ours,
        // gets them again after a pause rather than in a tight loop.
        if (failed || (tail.length > 0 && owned)) {
          state.failures += 1;
          state.retryAt = Date.now() + Math.min(10_000, 500 * 2 ** (state.failures - 1));
        } else {
          state.failures = 0;
          state.retryAt = 0;
        }
      }
      this.inFlight -= 1;
      if (this.inFlight === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
      this.dispatch();
    })();
  }

  private async commit(session: Session, state: PartitionState, message: IncomingMessage, offset: bigint) {
    if (!session.alive || this.session !== session) throw new Error('offset commit refused: the consumer restarted');
    if (session.assigned.get(state.key) !== state) {
      throw new Error(`offset commit refused: ${state.key} was revoked in a rebalance`);
    }
    const membership = session.membership;
    if (!membership) throw new Error('offset commit refused: not joined to the group');
    const topics: OffsetCommitRequestTopic[] = [
      {
        name: message.topic,
        partitions: [
          {
            partitionIndex: message.partition,
            committedOffset: offset + 1n,
            committedLeaderEpoch: this.leaderEpochs.get(message) ?? -1,
            committedMetadata: null,
          },
        ],
      },
    ];
    for (let attempt = 0; ; attempt++) {
      try {
        const consumer = session.consumer;
        const api = await this.offsetCommitApi(consumer);
        const coordinatorId = await consumer.findGroupCoordinator();
        const metadata = await consumer.metadata({ topics: [] });
        const broker = metadata.brokers.get(coordinatorId);
        if (!broker) throw new Error(`group coordinator ${coordinatorId} is not in the cluster metadata`);
        const connection = await consumer.connections.get(broker);
        await api.async(connection, this.options.groupId, membership.generationId, membership.memberId, null, topics);
        return;
      } catch (error) {
        // Fencing (ILLEGAL_GENERATION, REBALANCE_IN_PROGRESS, UNKNOWN_MEMBER_ID) is final: the group moved on.
        // Not `instanceof Error`: under jest the library lives in another realm.
        const retriable = this.lib.findErrorBy(error as Error, 'canRetry', false) === null;
        if (!retriable || attempt >= COMMIT_RETRIES || !session.alive) throw portError('offset commit failed', error);
        await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
      }
    }
  }

  /** The highest OffsetCommit version both the broker and the library speak, as the library picks its own. */
  private async offsetCommitApi(consumer: Consumer): Promise<PlatformaticKafka.API<OffsetCommitArgs, unknown>> {
    if (this.commitApi) return this.commitApi;
    const versions = (await consumer.listApis()).find((api) => api.name === 'OffsetCommit');
    if (!versions) throw new Error('the broker does not support OffsetCommit');
    const apis = this.lib as unknown as Record<string, { api: PlatformaticKafka.API<OffsetCommitArgs, unknown> }>;
    for (let version = versions.maxVersion; version >= versions.minVersion; version--) {
      const candidate = apis[`offsetCommitV${version}`];
      if (candidate) {
        this.commitApi = candidate.api;
        return candidate.api;
      }
    }
    throw new Error(`no OffsetCommit version in ${versions.minVersion}..${versions.maxVersion} is implemented`);
  }
}

type OffsetCommitArgs = [
  groupId: string,
  generationIdOrMemberEpoch: number,
  memberId: string,
  groupInstanceId: string | null,
  topics: OffsetCommitRequestTopic[],
];

class PlatformaticAdmin implements KafkaAdmin {
  constructor(
    private readonly lib: Lib,
    private readonly admin: Admin,
  ) {}

  async ensureTopics(topics: TopicSpec[]): Promise<string[]> {
    const existing = new Set(await this.listTopics());
    const missing = topics.filter((t) => !existing.has(t.topic));
    if (missing.length === 0) return [];
    // One request per topic: configs apply to a whole CreateTopics call, and they differ between topics.
    const results = await Promise.all(
      missing.map(async (t) => {
        try {
          await this.admin.createTopics({
            topics: [{ topic: t.topic, partitions: t.partitions, replicas: t.replicationFactor ?? 1 }],
            configs: Object.entries(t.configs ?? {}).map(([name, value]) => ({ name, value })),
          });
          return t.topic;
        } catch (error) {
          // Created by someone else in the meantime (kafkajs answers `false` for it): not ours.
          if (this.lib.findErrorBy(error as Error, 'apiId', 'TOPIC_ALREADY_EXISTS')) return undefined;
          throw portError(`creating topic ${t.topic} failed`, error);
        }
      }),
    );
    const created = results.filter((t): t is string => t !== undefined);
    await this.waitForLeaders(created);
    return created;
  }

  /** As kafkajs's `waitForLeaders`: a topic is usable once every partition has a leader. */
  private async waitForLeaders(topics: string[], timeoutMs = 30_000): Promise<void> {
    if (topics.length === 0) return;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const metadata = await this.admin.metadata({ topics, forceUpdate: true });
        const ready = topics.every((name) => {
          const topic = metadata.topics.get(name);
          return topic !== undefined && topic.partitions.length > 0 && topic.partitions.every((p) => p.leader >= 0);
        });
        if (ready) return;
      } catch (error) {
        if (Date.now() > deadline) throw portError('waiting for the new topics to have leaders failed', error);
      }
      if (Date.now() > deadline) throw new Error(`new topics have no leaders after ${timeoutMs} ms: ${topics}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async listTopics(): Promise<string[]> {
    try {
      return await this.admin.listTopics({ includeInternals: true });
    } catch (error) {
      throw portError('listing topics failed', error);
    }
  }

  async ping(): Promise<void> {
    try {
      await this.admin.metadata({ topics: [], forceUpdate: true });
    } catch (error) {
      throw portError('Kafka metadata request failed', error);
    }
  }

  async consumerLag(groupId: string, topics: string[]) {
    try {
      const metadata = await this.admin.metadata({ topics, forceUpdate: true });
      const partitionsOf = (topic: string) =>
        Array.from({ length: metadata.topics.get(topic)?.partitionsCount ?? 0 }, (_, i) => i);
      const [committed, ends, starts] = await Promise.all([
        this.admin.listConsumerGroupOffsets({
          groups: [{ groupId, topics: topics.map((name) => ({ name, partitionIndexes: partitionsOf(name) })) }],
        }),
        this.listOffsets(topics, partitionsOf, this.lib.ListOffsetTimestamps.LATEST),
        this.listOffsets(topics, partitionsOf, this.lib.ListOffsetTimestamps.EARLIEST),
      ]);
      const committedOf = new Map<string, bigint>();
      for (const group of committed) {
        for (const topic of group.topics) {
          for (const p of topic.partitions) committedOf.set(`${topic.name}:${p.partitionIndex}`, p.committedOffset);
        }
      }
      const result: { topic: string; partition: number; lag: number }[] = [];
      for (const topic of topics) {
        for (const partition of partitionsOf(topic)) {
          const key = `${topic}:${partition}`;
          const high = ends.get(key) ?? 0n;
          const offset = committedOf.get(key) ?? -1n;
          // Nothing committed yet: the group starts from the earliest offset (fromBeginning).
          const done = offset < 0n ? (starts.get(key) ?? 0n) : offset;
          result.push({ topic, partition, lag: Math.max(0, Number(high - done)) });
        }
      }
      return result;
    } catch (error) {
      throw portError(`consumer lag of ${groupId} failed`, error);
    }
  }

  private async listOffsets(
    topics: string[],
    partitionsOf: (topic: string) => number[],
    timestamp: bigint,
  ): Promise<Map<string, bigint>> {
    const listed = await this.admin.listOffsets({
      isolationLevel: this.lib.FetchIsolationLevels.READ_COMMITTED,
      topics: topics.map((name) => ({
        name,
        partitions: partitionsOf(name).map((partitionIndex) => ({ partitionIndex, timestamp })),
      })),
    });
    const out = new Map<string, bigint>();
    for (const topic of listed) {
      for (const p of topic.partitions) out.set(`${topic.name}:${p.partitionIndex}`, p.offset);
    }
    return out;
  }

  async disconnect(): Promise<void> {
    await this.admin.close();
  }
}
