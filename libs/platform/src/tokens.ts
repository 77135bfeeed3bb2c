/** Injection tokens of the platform. */
export const SERVICE_CONFIG = Symbol('oms:service-config');
export const PLATFORM_LOGGER = Symbol('oms:platform-logger');
export const KAFKA_CLIENT = Symbol('oms:kafka-client');
export const METRICS_REGISTRY = Symbol('oms:metrics-registry');
