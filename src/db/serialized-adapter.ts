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
 * Counts the writes on a connection, per table. A read cache notes the counts of the
 * tables it read when it reads, and trusts its copy only while they are unchanged: every
 * INSERT, UPDATE and DELETE — and every committed transaction, for the tables it
 * wrote — goes through this one connection. A write whose table cannot be told counts
 * for every table.
 */
export class WriteCounter {
  #tables = new Map<string, number>();
  #any = 0;
  /** Every statement sent on the connection, reads included (for measurements). */
  statements = 0;

  wrote(table: string | null): void {
    if (table === null) this.#any++;
    else this.#tables.set(table, (this.#tables.get(table) ?? 0) + 1);
  }

  /** A number that changes whenever one of these tables is written. */
  versionOf(tables: readonly string[]): number {
    let sum = this.#any;
    for (const table of tables) sum += this.#tables.get(table) ?? 0;
    return sum;
  }
}

const readOnly = /^\s*(SELECT|PRAGMA|BEGIN|COMMIT|END|ROLLBACK|SAVEPOINT|RELEASE|WITH\b(?![\s\S]*\b(INSERT|UPDATE|DELETE)\b))/i;
const written = /^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM|REPLACE\s+INTO)\s+(?:[`"]?main[`"]?\.)?[`"]?(\w+)[`"]?/i;

/** The table a statement writes, "" for a read, null when it cannot be told. */
function tableWritten(sql: string): string | null {
  if (readOnly.test(sql)) return "";
  return written.exec(sql)?.[1] ?? null;
}

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
    this.#writes.statements++;
    const table = tableWritten(sql);
    if (table !== "") this.#writes.wrote(table);
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
    this.#writes.wrote(null);
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
    // The tables this transaction writes; counted once it ends, so a read that started
    // during the transaction is not trusted afterwards.
    const touched = new Set<string | null>();
    const note = (sql: string) => {
      this.#writes.statements++;
      const table = tableWritten(sql);
      if (table !== "") touched.add(table);
    };
    const end = async (finish: () => Promise<void>, committed: boolean) => {
      try {
        await finish();
      } finally {
        if (committed) for (const table of touched) this.#writes.wrote(table);
        if (!ended) {
          ended = true;
          this.#lock.release();
        }
      }
    };
    return Object.assign(Object.create(tx) as Transaction, {
      queryRaw: (query: SqlQuery) => {
        note(query.sql);
        return tx.queryRaw(query);
      },
      executeRaw: (query: SqlQuery) => {
        note(query.sql);
        return tx.executeRaw(query);
      },
      commit: () => end(() => tx.commit(), true),
      rollback: () => end(() => tx.rollback(), false),
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
