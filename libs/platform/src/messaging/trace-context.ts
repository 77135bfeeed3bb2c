import { context, propagation, type Context } from '@opentelemetry/api';
import type { MessageHeaders } from './kafka/kafka-port';

/** W3C trace context of the active span, as Kafka headers (empty when tracing is off). */
export function currentTraceHeaders(from: Context = context.active()): MessageHeaders {
  const carrier: MessageHeaders = {};
  propagation.inject(from, carrier);
  return carrier;
}

/** The context carried by an incoming message's headers, so that one order is one trace. */
export function contextFromHeaders(headers: MessageHeaders): Context {
  return propagation.extract(context.active(), headers);
}
