/**
 * Our own port over the Kafka client, so that the client can be swapped: @platformatic/kafka (the default,
 * platformatic-client.ts) and kafkajs (kafkajs-client.ts), picked by KAFKA_CLIENT. Nothing outside this folder
 * imports either library (the benchmark's own tooling aside).
 */
export type MessageHeaders = Record<string, string>;

export interface OutgoingMessage {
  topic: string;
  key: string;
  value: string;
  headers: MessageHeaders;
}

export interface IncomingMessage {
  topic: string;
  partition: number;
  /** Kafka offset as a decimal string (64-bit). */
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: MessageHeaders;
  /** The record's timestamp (the producer's send time), epoch milliseconds as a decimal string. */
  timestamp: string;
  /** When this process received it (Date.now()), for the delivery and queueing hops of the metrics. */
  receivedAt?: number;
}

export interface PartitionBatch {
  topic: string;
  partition: number;
  messages: IncomingMessage[];
}

export interface BatchControl {
  /** Keeps the group membership alive during long work (kafkajs #447). */
  heartbeat(): Promise<void>;
  /** Commits `offset + 1` of the given message for its partition; call only after the work is durable. */
  commit(message: IncomingMessage): Promise<void>;
  /** False once the consumer is stopping or the partition was revoked: stop and let the new owner redo. */
  stillOwned(): boolean;
}

export type BatchHandler = (batch: PartitionBatch, control: BatchControl) => Promise<void>;

export interface ConsumerOptions {
  groupId: string;
  topics: string[];
  /** Start of a new group: earliest (default), so that nothing published before first start is missed. */
  fromBeginning?: boolean;
  partitionsConsumedConcurrently?: number;
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  maxBytesPerPartition?: number;
}

export interface MessageConsumer {
  run(handler: BatchHandler): Promise<void>;
  stop(): Promise<void>;
  /** True while joined to its group and fetching. */
  isHealthy(): boolean;
  /** Group rebalances (joins) seen since start; tests and metrics read it. */
  readonly joins: number;
}

export interface MessageProducer {
  connect(): Promise<void>;
  /** Sends with acks=all on an idempotent producer; resolves once the broker has them. */
  send(messages: OutgoingMessage[]): Promise<void>;
  disconnect(): Promise<void>;
  isConnected(): boolean;
}

export interface TopicSpec {
  topic: string;
  partitions: number;
  replicationFactor?: number;
  configs?: Record<string, string>;
}

export interface KafkaAdmin {
  ensureTopics(topics: TopicSpec[]): Promise<string[]>;
  listTopics(): Promise<string[]>;
  /** Answers when the cluster answers a metadata request; throws otherwise. */
  ping(): Promise<void>;
  /** Lag per topic-partition of a consumer group: end offset minus committed offset. */
  consumerLag(groupId: string, topics: string[]): Promise<{ topic: string; partition: number; lag: number }[]>;
  disconnect(): Promise<void>;
}

/** What every implementation of the port is created with. */
export interface KafkaClientOptions {
  clientId: string;
  brokers: string[];
  /** Receives the library's own log lines. */
  log?: (level: 'error' | 'warn' | 'info' | 'debug', message: string, extra: Record<string, unknown>) => void;
}

export interface KafkaClient {
  producer(): MessageProducer;
  consumer(options: ConsumerOptions): MessageConsumer;
  admin(): Promise<KafkaAdmin>;
}
