/**
 * Whether an error means the database cannot be reached right now (every pooled connection busy past the
 * acquire timeout, the server restarting or refusing connections), as opposed to a fault in the request or
 * the code. Such a request may succeed when retried; HTTP answers 503 with Retry-After rather than 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let cause = error, depth = 0; cause && depth < 4; depth++) {
    const { code, message } = cause as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((m) => message.includes(m))) return true;
    // TypeORM wraps the driver's error; Node wraps socket errors in `cause`.
    const wrapped = cause as { driverError?: unknown; cause?: unknown };
    cause = wrapped.driverError ?? wrapped.cause;
  }
  return false;
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  // PostgreSQL: connection exceptions, too many connections, shutting down or starting up.
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '53300',
  '57P01',
  '57P02',
  '57P03',
]);

const UNAVAILABLE_MESSAGES = [
  // pg-pool: no pooled connection became free within connectionTimeoutMillis.
  'timeout exceeded when trying to connect',
  'Connection terminated',
  'Client has encountered a connection error',
];
