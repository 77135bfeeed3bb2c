/**
 * One topic per producing service, keyed by order id. Each has a dead-letter twin `<topic>.dlq`.
 * The names are logical: deployments may add a prefix (KAFKA_TOPIC_PREFIX) to isolate environments.
 */
export const Topics = {
  order: 'order.events',
  inventory: 'inventory.events',
  fulfillment: 'fulfillment.events',
  shipping: 'shipping.events',
  aftersales: 'aftersales.events',
  notification: 'notification.events',
} as const;

export type Topic = (typeof Topics)[keyof typeof Topics];

export const ALL_TOPICS: readonly Topic[] = Object.values(Topics);

export const DLQ_SUFFIX = '.dlq';

export function deadLetterTopicOf(topic: string): string {
  return topic.endsWith(DLQ_SUFFIX) ? topic : `${topic}${DLQ_SUFFIX}`;
}

/** The services that publish events: the `source` of an envelope. */
export type ServiceName = keyof typeof Topics;
export const SERVICE_NAMES = Object.keys(Topics) as ServiceName[];
