/** The implementations of the Kafka port; KAFKA_CLIENT picks one. */
export const KAFKA_CLIENT_KINDS = ['kafkajs', 'platformatic'] as const;
export type KafkaClientKind = (typeof KAFKA_CLIENT_KINDS)[number];
/**
 * @platformatic/kafka: measured against kafkajs in one benchmark run (npm run bench -- --compare ...), 1.38x the
 * orders/s to PROCESSING, 1.15x to DELIVERED, 0.80x the services' CPU per order; the fault suite passes on it.
 */
export const DEFAULT_KAFKA_CLIENT: KafkaClientKind = 'platformatic';
