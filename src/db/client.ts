import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../generated/prisma/client.ts";
import type { SqlConnection } from "./direct-sql.ts";
import { SerializedAdapterFactory, WriteCounter } from "./serialized-adapter.ts";

export type { PrismaClient };
export type Db = PrismaClient;
/** What a function inside `db.$transaction(async (tx) => …)` receives. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

// WAL lets readers (a backup, a second process) work beside the writer; synchronous=FULL
// makes a committed booking survive a power cut, not only a crashed process. secure_delete
// overwrites what a write frees, so personal data the retention job erases (and the old
// copies of rows that were rewritten) does not linger in free space in the file.
const pragmas = `
  PRAGMA journal_mode = WAL;
  PRAGMA synchronous = FULL;
  PRAGMA secure_delete = ON;
  PRAGMA foreign_keys = ON;
  PRAGMA busy_timeout = 5000;
`;

const counters = new WeakMap<object, WriteCounter>();
const factories = new WeakMap<object, SerializedAdapterFactory>();

/**
 * Runs synchronous plain SQL (see direct-sql.ts) as a committed transaction on this
 * client's connection, exclusive against Prisma's own transactions, sharing one commit
 * with the other such writes of the same moment. `tables` are the tables it writes (for
 * the read caches).
 */
export async function writeBatched<T>(db: object, tables: readonly string[], work: (sql: SqlConnection) => T): Promise<T> {
  const factory = factories.get(db);
  if (!factory) throw new Error("not a client made by createPrismaClient");
  if (!factory.connection) await (db as PrismaClient).$connect();
  return factory.connection!.writeBatched(tables, work);
}

/** A number that changes whenever one of these tables is written; read caches compare it. */
export function writeVersion(db: object, tables: readonly string[]): number {
  return counters.get(db)?.versionOf(tables) ?? 0;
}

/** How many SQL statements this client has sent (for benchmarks). */
export function statementCount(db: object): number {
  return counters.get(db)?.statements ?? 0;
}

export function createPrismaClient(databaseUrl: string): PrismaClient {
  const adapter = new SerializedAdapterFactory(new PrismaBetterSqlite3({ url: databaseUrl }), pragmas);
  const client = new PrismaClient({
    adapter,
    // Transactions queue behind each other on the single SQLite connection; under a burst
    // of bookings the wait for the lock can exceed Prisma's 2 s default.
    transactionOptions: { maxWait: 15_000, timeout: 15_000 },
  });
  counters.set(client, adapter.writes);
  factories.set(client, adapter);
  return client;
}
