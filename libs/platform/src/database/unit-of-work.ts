import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';

interface TransactionScope {
  manager: EntityManager;
  afterCommit: Array<() => void>;
}

/**
 * The transaction of the current use case, carried in AsyncLocalStorage so that repositories and the
 * outbox writer join it without handlers passing managers around (eShop's transaction pipeline step).
 */
export class UnitOfWork {
  private readonly scope = new AsyncLocalStorage<TransactionScope>();

  constructor(readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction; nested calls join the outer one. */
  async run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const current = this.scope.getStore();
    if (current) return work(current.manager);
    const afterCommit: Array<() => void> = [];
    const result = await this.dataSource.transaction((manager) =>
      this.scope.run({ manager, afterCommit }, () => work(manager)),
    );
    for (const callback of afterCommit) callback();
    return result;
  }

  /** The current transaction's manager, or the data source's own outside a transaction. */
  get manager(): EntityManager {
    return this.scope.getStore()?.manager ?? this.dataSource.manager;
  }

  get inTransaction(): boolean {
    return this.scope.getStore() !== undefined;
  }

  /** The current transaction's manager; throws outside a transaction (the outbox must never write alone). */
  requireTransaction(): EntityManager {
    const store = this.scope.getStore();
    if (!store) throw new Error('this write must run inside UnitOfWork.run(): no transaction is open');
    return store.manager;
  }

  /** Runs `callback` once the current transaction has committed (never if it rolls back). */
  onCommit(callback: () => void): void {
    const store = this.scope.getStore();
    if (store) store.afterCommit.push(callback);
    else callback();
  }
}
