import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestScope {
  /** From the caller's `X-Correlation-Id`, else a new UUID: shared by every event the request causes. */
  correlationId: string;
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestScope>();

/** The HTTP or gRPC request being served, so that events it causes carry its correlation id. */
export const requestContext = {
  run<T>(scope: RequestScope, work: () => T): T {
    return storage.run(scope, work);
  },
  current(): RequestScope | undefined {
    return storage.getStore();
  },
};
