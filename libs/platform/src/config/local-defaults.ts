import type { ServiceName } from '@oms/contracts';

/** Default local ports of API.md. */
export const LOCAL_HTTP_PORTS: Record<ServiceName, number> = {
  order: 3001,
  inventory: 3002,
  fulfillment: 3003,
  shipping: 3004,
  aftersales: 3005,
  notification: 3006,
};

/** Settings of a developer's machine: the local broker and one database per service. */
export function localDefaults(service: ServiceName): Record<string, string> {
  return {
    SERVICE_NAME: service,
    HTTP_PORT: String(LOCAL_HTTP_PORTS[service]),
    DATABASE_URL: `postgres://postgres@127.0.0.1:5432/oms_${service}`,
    KAFKA_BROKERS: '127.0.0.1:9092',
  };
}
