import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';

interface TransactionScope {
  manager: EntityManager;
  /** Run in the transaction, after the work, in order (a hook may add more). */
  beforeCommit: Array<() => Promise<void>>;
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
    const result = await this.dataSource.transaction((manager) => {
      const scope: TransactionScope = { manager, beforeCommit: [], afterCommit };
      return this.scope.run(scope, async () => {
        const value = await work(manager);
        for (let i = 0; i < scope.beforeCommit.length; i++) await scope.beforeCommit[i]!();
        return value;
      });
    });
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

  /**
   * Runs `hook` inside the current transaction once its work is done, just before the commit: writes that are
   * cheaper as one statement at the end (the outbox's rows) gather there. Throws outside a transaction.
   */
  beforeCommit(hook: () => Promise<void>): void {
    const store = this.scope.getStore();
    if (!store) throw new Error('beforeCommit() needs a transaction opened by UnitOfWork.run()');
    store.beforeCommit.push(hook);
  }

  /** Runs `callback` once the current transaction has committed (never if it rolls back). */
  onCommit(callback: () => void): void {
    const store = this.scope.getStore();
    if (store) store.afterCommit.push(callback);
    else callback();
  }
}
