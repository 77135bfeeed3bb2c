/**
 * OpenTelemetry, started before Nest is loaded (import this module first in main.ts) so that http, pg and
 * Nest are instrumented. Spans are exported over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set; otherwise
 * trace ids still exist, travel in Kafka headers (traceparent) and appear in every log line.
 */
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { NestInstrumentation } from '@opentelemetry/instrumentation-nestjs-core';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace';

const endpoint = process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
const serviceName = process.env.SERVICE_NAME ?? 'oms';

export const tracingSdk = new NodeSDK({
  resource: resourceFromAttributes({ 'service.name': serviceName }),
  spanProcessors: endpoint
    ? [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: `${endpoint.replace(/\/$/, '')}/v1/traces` }) })]
    : [],
  instrumentations: [
    new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => /^\/(health|metrics)/.test(req.url ?? '') }),
    new PgInstrumentation({ requireParentSpan: true }),
    new NestInstrumentation(),
  ],
});

if (process.env.OTEL_SDK_DISABLED !== 'true') {
  tracingSdk.start();
  const shutdown = () => void tracingSdk.shutdown().catch(() => undefined);
  process.once('beforeExit', shutdown);
}
