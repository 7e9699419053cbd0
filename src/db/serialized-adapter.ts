// The better-sqlite3 adapter runs every query on one connection. Its transactions hold a
// lock only against other transactions, so a plain query issued by another request while
// a transaction is open would run inside that transaction — and vanish if it rolls back.
// This wrapper makes an open transaction exclusive: other queries wait until it ends.
// better-sqlite3 is synchronous, so a query that starts while the lock is free completes
// before any other code runs.
import type {
  IsolationLevel,
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlQuery,
  SqlResultSet,
  Transaction,
} from "@prisma/driver-adapter-utils";

class Lock {
  #held = false;
  #waiters: Array<() => void> = [];

  get free(): boolean {
    return !this.#held;
  }

  acquire(): Promise<void> {
    if (!this.#held) {
      this.#held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Hands the lock to the next waiter, or frees it. */
  release(): void {
    const next = this.#waiters.shift();
    if (next) next();
    else this.#held = false;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await work();
    } finally {
      this.release();
    }
  }
}

/**
 * Counts the writes on a connection. A read cache notes the count when it reads and
 * trusts its copy only while the count is unchanged: every INSERT, UPDATE, DELETE and
 * every committed transaction goes through this one connection.
 */
export class WriteCounter {
  version = 0;
}

const readOnly = /^\s*(SELECT|PRAGMA|WITH\b(?![\s\S]*\b(INSERT|UPDATE|DELETE)\b))/i;

class SerializedAdapter implements SqlDriverAdapter {
  readonly provider;
  readonly adapterName;
  readonly #inner: SqlDriverAdapter;
  readonly #lock = new Lock();
  readonly #writes: WriteCounter;

  constructor(inner: SqlDriverAdapter, writes: WriteCounter) {
    this.#inner = inner;
    this.#writes = writes;
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
  }

  #exclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.#lock.free ? work() : this.#lock.run(work);
  }

  #count(sql: string): void {
    if (!readOnly.test(sql)) this.#writes.version++;
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    this.#count(query.sql);
    return this.#exclusive(() => this.#inner.queryRaw(query));
  }

  executeRaw(query: SqlQuery): Promise<number> {
    this.#count(query.sql);
    return this.#exclusive(() => this.#inner.executeRaw(query));
  }

  executeScript(script: string): Promise<void> {
    this.#writes.version++;
    return this.#exclusive(() => this.#inner.executeScript(script));
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    await this.#lock.acquire();
    let tx: Transaction;
    try {
      tx = await this.#inner.startTransaction(isolationLevel);
    } catch (error) {
      this.#lock.release();
      throw error;
    }
    let ended = false;
    const end = async (finish: () => Promise<void>) => {
      try {
        await finish();
      } finally {
        // Counted after the commit, so a read that started inside the transaction's
        // lifetime is never trusted afterwards.
        this.#writes.version++;
        if (!ended) {
          ended = true;
          this.#lock.release();
        }
      }
    };
    return Object.assign(Object.create(tx) as Transaction, {
      commit: () => end(() => tx.commit()),
      rollback: () => end(() => tx.rollback()),
    });
  }

  getConnectionInfo() {
    return this.#inner.getConnectionInfo?.() ?? { supportsRelationJoins: false };
  }

  dispose(): Promise<void> {
    return this.#inner.dispose();
  }
}

export class SerializedAdapterFactory implements SqlDriverAdapterFactory {
  readonly provider;
  readonly adapterName;
  readonly #inner: SqlDriverAdapterFactory;
  readonly #setup: string;
  readonly writes = new WriteCounter();

  /** `setup` is run once on the new connection (pragmas). */
  constructor(inner: SqlDriverAdapterFactory, setup = "") {
    this.#inner = inner;
    this.#setup = setup;
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
  }

  async connect(): Promise<SqlDriverAdapter> {
    const adapter = await this.#inner.connect();
    if (this.#setup) await adapter.executeScript(this.#setup);
    return new SerializedAdapter(adapter, this.writes);
  }
}
