import { KAFKA_CLIENT_KINDS, type KafkaClientKind } from './kafka-client-kind';
import type { KafkaClient, KafkaClientOptions } from './kafka-port';
import { createKafkajsClient } from './kafkajs-client';
import { createPlatformaticClient } from './platformatic-client';

export type { KafkaClientOptions } from './kafka-port';
export { DEFAULT_KAFKA_CLIENT, KAFKA_CLIENT_KINDS, type KafkaClientKind } from './kafka-client-kind';

/** The Kafka port on the chosen library (both take the same options and honour the same port). */
export function createKafkaClient(kind: KafkaClientKind, options: KafkaClientOptions): KafkaClient {
  switch (kind) {
    case 'kafkajs':
      return createKafkajsClient(options);
    case 'platformatic':
      return createPlatformaticClient(options);
    default:
      throw new Error(`unknown Kafka client ${JSON.stringify(kind)}: expected one of ${KAFKA_CLIENT_KINDS.join(', ')}`);
  }
}
