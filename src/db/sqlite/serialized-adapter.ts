// The better-sqlite3 adapter runs every query on one connection. Its transactions hold a
// lock only against other transactions, so a plain query issued by another request while
// a transaction is open would run inside that transaction — and vanish if it rolls back.
// This wrapper makes an open transaction exclusive: other queries wait until it ends.
// better-sqlite3 is synchronous, so a query that starts while the lock is free completes
// before any other code runs.
//
// It also runs plain SQL writes (see direct-sql.ts) under the same lock, with group
// commit: the writes that arrive in one turn of the event loop share one transaction and
// one sync to disk, each in a savepoint of its own so one failing write undoes only itself.
import type Database from "better-sqlite3";
import { tableWritten, WriteCounter } from "../write-counter.ts";
import { sqlConnection, type SqlConnection } from "./direct-sql.ts";
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

interface WriteJob {
  work: (sql: SqlConnection) => unknown;
  tables: readonly string[];
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

class SerializedAdapter implements SqlDriverAdapter {
  readonly provider;
  readonly adapterName;
  readonly #inner: SqlDriverAdapter;
  readonly #lock = new Lock();
  readonly #writes: WriteCounter;
  readonly #sqlite: Database.Database;
  readonly #sql: SqlConnection;
  #batch: WriteJob[] | null = null;

  constructor(inner: SqlDriverAdapter, writes: WriteCounter) {
    this.#inner = inner;
    this.#writes = writes;
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
    // Prisma's better-sqlite3 adapter keeps its connection as `client`.
    const sqlite = (inner as unknown as { client?: Database.Database }).client;
    if (!sqlite || typeof sqlite.prepare !== "function") throw new Error("the SQLite adapter does not expose its connection");
    this.#sqlite = sqlite;
    this.#sql = sqlConnection(sqlite, () => this.#writes.statements++);
  }

  /**
   * Runs `work` (synchronous plain SQL) in a transaction shared with the other writes of
   * this turn of the event loop; resolves once that transaction is committed.
   */
  writeBatched<T>(tables: readonly string[], work: (sql: SqlConnection) => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const job: WriteJob = { work, tables, resolve: resolve as (value: unknown) => void, reject };
      if (this.#batch) {
        this.#batch.push(job);
        return;
      }
      this.#batch = [job];
      setImmediate(() => void this.#flush());
    });
  }

  async #flush(): Promise<void> {
    await this.#lock.acquire();
    // Writes that arrived while the lock was taken join this batch.
    const jobs = this.#batch ?? [];
    this.#batch = null;
    const sqlite = this.#sqlite;
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    const touched = new Set<string>();
    let committed = false;
    try {
      sqlite.exec("BEGIN IMMEDIATE");
      for (const job of jobs) {
        sqlite.exec("SAVEPOINT write_job");
        try {
          const value = job.work(this.#sql);
          // The work must be done by now: anything left for later would run outside the
          // transaction (and the lock).
          if (typeof (value as { then?: unknown } | null)?.then === "function") {
            throw new TypeError("writeBatched work must be synchronous");
          }
          outcomes.push({ ok: true, value });
          sqlite.exec("RELEASE write_job");
          for (const table of job.tables) touched.add(table);
        } catch (error) {
          // SQLite may have rolled back the whole transaction itself (a full disk): then
          // nothing of this batch is written, and every job fails with that error.
          if (!sqlite.inTransaction) throw error;
          sqlite.exec("ROLLBACK TO write_job");
          sqlite.exec("RELEASE write_job");
          outcomes.push({ ok: false, error });
        }
      }
      sqlite.exec("COMMIT");
      committed = true;
    } catch (error) {
      try {
        if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
      } catch {
        // The connection is gone (closed at shutdown): nothing was committed either way.
      }
      for (const job of jobs) job.reject(error);
      return;
    } finally {
      if (committed) for (const table of touched) this.#writes.wrote(table);
      this.#lock.release();
    }
    jobs.forEach((job, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.error);
    });
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
  /** The connection, once Prisma has opened it. */
  connection: SerializedAdapter | null = null;

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
    this.connection = new SerializedAdapter(adapter, this.writes);
    return this.connection;
  }
}
