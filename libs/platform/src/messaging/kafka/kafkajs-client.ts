import {
  type Admin,
  type Consumer,
  type EachBatchPayload,
  type IHeaders,
  Kafka,
  type KafkaMessage,
  logLevel,
  Partitioners,
  type LogEntry,
  type Producer,
  CompressionTypes,
} from 'kafkajs';
import type {
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

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

export function createKafkajsClient(options: KafkaClientOptions): KafkaClient {
  const kafka = new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log, namespace }: LogEntry) => {
        const { message, ...extra } = log;
        // Bounded retries are the intent: the outbox relay sends again, and consumers dedupe (inbox).
        const expected = typeof message === 'string' && message.startsWith('Limiting retries for the idempotent');
        options.log?.(expected ? 'debug' : (LEVELS[level] ?? 'info'), `kafkajs ${namespace}: ${message}`, extra);
      },
    retry: { initialRetryTime: 200, retries: 8, maxRetryTime: 10_000 },
    connectionTimeout: 3000,
    requestTimeout: 30_000,
  });
  return {
    producer: () => new KafkajsProducer(kafka),
    consumer: (consumerOptions) => new KafkajsConsumer(kafka, consumerOptions),
    admin: async () => {
      const admin = kafka.admin();
      await admin.connect();
      return new KafkajsAdmin(admin);
    },
  };
}

function toHeaders(headers: IHeaders | undefined): MessageHeaders {
  const out: MessageHeaders = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[name] = first.toString();
  }
  return out;
}

function toIncoming(topic: string, partition: number, message: KafkaMessage): IncomingMessage {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key ? message.key.toString() : null,
    value: message.value,
    headers: toHeaders(message.headers),
    timestamp: message.timestamp,
    receivedAt: Date.now(),
  };
}

class KafkajsProducer implements MessageProducer {
  private readonly producer: Producer;
  private connected = false;

  constructor(kafka: Kafka) {
    // Idempotent: retries never write a message twice nor reorder a partition (acks=all, max 5 in flight).
    // The default (murmur2, Java-compatible) partitioner named, so a key lands where Java clients put it too.
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 5,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.producer.on('producer.connect', () => (this.connected = true));
    this.producer.on('producer.disconnect', () => (this.connected = false));
  }

  async connect(): Promise<void> {
    await this.producer.connect();
    this.connected = true;
  }

  async send(messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const byTopic = new Map<string, OutgoingMessage[]>();
    for (const m of messages) byTopic.set(m.topic, [...(byTopic.get(m.topic) ?? []), m]);
    await this.producer.sendBatch({
      acks: -1,
      compression: CompressionTypes.None,
      topicMessages: [...byTopic].map(([topic, list]) => ({
        topic,
        messages: list.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
      })),
    });
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
    this.connected = false;
  }

  isConnected(): boolean {
    return this.connected;
  }
}

class KafkajsConsumer implements MessageConsumer {
  private readonly consumer: Consumer;
  private running = false;
  /** Set by stop(): batches in flight finish their current chunk and commit it, no new chunk starts. */
  private stopping = false;
  private inFlight = 0;
  private readonly idleWaiters: Array<() => void> = [];
  private joined = false;
  private joinCount = 0;

  constructor(
    kafka: Kafka,
    private readonly options: ConsumerOptions,
  ) {
    this.consumer = kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: options.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: options.heartbeatIntervalMs ?? 3000,
      maxBytesPerPartition: options.maxBytesPerPartition ?? 1_048_576,
      allowAutoTopicCreation: false,
      // kafkajs restarts the consumer after a retriable crash; a huge count overflows its backoff timer.
      retry: { retries: 30, initialRetryTime: 300, maxRetryTime: 10_000 },
    });
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
      this.joined = true;
      this.joinCount += 1;
    });
    this.consumer.on(this.consumer.events.CRASH, () => (this.joined = false));
    this.consumer.on(this.consumer.events.STOP, () => (this.joined = false));
  }

  get joins(): number {
    return this.joinCount;
  }

  async run(handler: BatchHandler): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.options.topics, fromBeginning: this.options.fromBeginning ?? true });
    this.running = true;
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      eachBatch: async ({ batch, heartbeat, isRunning, isStale, resolveOffset }) => {
        if (this.stopping) return;
        this.inFlight += 1;
        try {
          await this.handle(batch, handler, { heartbeat, isRunning, isStale, resolveOffset });
        } finally {
          this.inFlight -= 1;
          if (this.inFlight === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
        }
      },
    });
  }

  private async handle(
    batch: EachBatchPayload['batch'],
    handler: BatchHandler,
    {
      heartbeat,
      isRunning,
      isStale,
      resolveOffset,
    }: Omit<EachBatchPayload, 'batch' | 'commitOffsetsIfNecessary' | 'uncommittedOffsets' | 'pause'>,
  ): Promise<void> {
    const messages = batch.messages.map((m) => toIncoming(batch.topic, batch.partition, m));
    await handler(
      { topic: batch.topic, partition: batch.partition, messages },
      {
        heartbeat,
        stillOwned: () => this.running && !this.stopping && isRunning() && !isStale(),
        commit: async (message) => {
          resolveOffset(message.offset);
          await this.consumer.commitOffsets([
            {
              topic: message.topic,
              partition: message.partition,
              offset: (BigInt(message.offset) + 1n).toString(),
            },
          ]);
        },
      },
    );
  }

  /**
   * Graceful: stop fetching, let the batches in flight finish their chunk and commit it while the group
   * membership is intact (a commit made while kafkajs is already stopping can be lost, and the next owner
   * would then redo that chunk), then leave the group.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.running) {
      this.consumer.pause(this.options.topics.map((topic) => ({ topic })));
      if (this.inFlight > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    }
    this.running = false;
    await this.consumer.disconnect();
  }

  isHealthy(): boolean {
    return this.running && this.joined;
  }
}

class KafkajsAdmin implements KafkaAdmin {
  constructor(private readonly admin: Admin) {}

  async ensureTopics(topics: TopicSpec[]): Promise<string[]> {
    const existing = new Set(await this.admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t.topic));
    if (missing.length === 0) return [];
    await this.admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((t) => ({
        topic: t.topic,
        numPartitions: t.partitions,
        replicationFactor: t.replicationFactor ?? 1,
        configEntries: Object.entries(t.configs ?? {}).map(([name, value]) => ({ name, value })),
      })),
    });
    return missing.map((t) => t.topic);
  }

  listTopics(): Promise<string[]> {
    return this.admin.listTopics();
  }

  async ping(): Promise<void> {
    await this.admin.describeCluster();
  }

  async consumerLag(groupId: string, topics: string[]) {
    const result: { topic: string; partition: number; lag: number }[] = [];
    const committed = await this.admin.fetchOffsets({ groupId, topics });
    for (const { topic, partitions } of committed) {
      const ends = await this.admin.fetchTopicOffsets(topic);
      for (const { partition, offset } of partitions) {
        const end = ends.find((e) => e.partition === partition);
        const high = Number(end?.high ?? 0);
        const done = Number(offset) < 0 ? Number(end?.low ?? 0) : Number(offset);
        result.push({ topic, partition, lag: Math.max(0, high - done) });
      }
    }
    return result;
  }

  disconnect(): Promise<void> {
    return this.admin.disconnect();
  }
}
