// Prisma's pg adapter, with every write this process commits counted per table for the
// read caches (see write-counter.ts); writes of other app servers arrive through
// changes.ts. A write outside a transaction counts once it is done, a transaction's
// writes once it commits, so a read that began inside the transaction is not trusted
// afterwards.
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";
import { tableWritten, type WriteCounter } from "../write-counter.ts";

function counting(inner: SqlDriverAdapter, writes: WriteCounter): SqlDriverAdapter {
  const note = (sql: string, into: Set<string | null> | null) => {
    writes.statements++;
    const table = tableWritten(sql);
    if (table === "") return;
    if (into) into.add(table);
    else writes.wrote(table);
  };
  const adapter = Object.create(inner) as SqlDriverAdapter;
  return Object.assign(adapter, {
    queryRaw: async (query: SqlQuery) => {
      const result = await inner.queryRaw(query);
      note(query.sql, null);
      return result;
    },
    executeRaw: async (query: SqlQuery) => {
      const result = await inner.executeRaw(query);
      note(query.sql, null);
      return result;
    },
    executeScript: async (script: string) => {
      await inner.executeScript(script);
      writes.wrote(null);
    },
    startTransaction: async (isolationLevel?: Parameters<SqlDriverAdapter["startTransaction"]>[0]): Promise<Transaction> => {
      const tx = await inner.startTransaction(isolationLevel);
      const touched = new Set<string | null>();
      return Object.assign(Object.create(tx) as Transaction, {
        queryRaw: (query: SqlQuery) => {
          note(query.sql, touched);
          return tx.queryRaw(query);
        },
        executeRaw: (query: SqlQuery) => {
          note(query.sql, touched);
          return tx.executeRaw(query);
        },
        commit: async () => {
          await tx.commit();
          for (const table of touched) writes.wrote(table);
        },
        rollback: () => tx.rollback(),
      });
    },
    getConnectionInfo: () => inner.getConnectionInfo?.() ?? { supportsRelationJoins: true },
    dispose: () => inner.dispose(),
  });
}

export class CountingAdapterFactory implements SqlDriverAdapterFactory {
  readonly provider;
  readonly adapterName;

  constructor(
    private readonly inner: SqlDriverAdapterFactory,
    private readonly writes: WriteCounter,
  ) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
  }

  async connect(): Promise<SqlDriverAdapter> {
    return counting(await this.inner.connect(), this.writes);
  }
}
