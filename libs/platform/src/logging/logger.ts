import { trace } from '@opentelemetry/api';
import pino from 'pino';

/** The structured logger shared by the platform's classes (pino's API: object first, then message). */
export type Logger = Pick<pino.Logger, 'info' | 'warn' | 'error' | 'debug' | 'fatal' | 'child'>;

/** pino options for every service: JSON lines, ISO times, the active trace and span id on every line. */
export function loggerOptions(service: string, level: string): pino.LoggerOptions {
  return {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin() {
      const span = trace.getActiveSpan()?.spanContext();
      return span ? { traceId: span.traceId, spanId: span.spanId } : {};
    },
    redact: { paths: ['req.headers.authorization', 'req.headers["x-signature"]'], remove: true },
  };
}

export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info'): pino.Logger {
  return pino(loggerOptions(service, level));
}
