// The database: a Prisma client for the engine DATABASE_URL names (SQLite for `file:`,
// PostgreSQL for `postgresql://`), and the engine's own parts beside it (db/engine.ts).
// Code everywhere takes the client; what differs per engine is reached with engineOf.
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { Engine } from "./engine.ts";
import { engineOfUrl } from "./schema-source.ts";
import { createSqliteDatabase } from "./sqlite/engine.ts";

export type { PrismaClient };
export type Db = PrismaClient;
/** What a function inside `db.$transaction(async (tx) => …)` receives. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export interface DatabaseOptions {
  /** PostgreSQL: connections this process keeps at most. */
  poolSize?: number;
  /** PostgreSQL: told when the connection that hears other servers' writes fails. */
  onProblem?: (error: unknown) => void;
}

const engines = new WeakMap<object, Engine>();

/**
 * A client for the engine the URL names. The PostgreSQL driver and its Prisma client are
 * loaded only when PostgreSQL is used: a SQLite server never holds them in memory.
 */
export async function createPrismaClient(databaseUrl: string, options: DatabaseOptions = {}): Promise<PrismaClient> {
  const { client, engine } =
    engineOfUrl(databaseUrl) === "postgresql"
      ? (await import("./postgres/engine.ts")).createPostgresDatabase(databaseUrl, { poolSize: options.poolSize ?? 10, ...(options.onProblem ? { onProblem: options.onProblem } : {}) })
      : createSqliteDatabase(databaseUrl);
  // $disconnect closes the engine's own connections too (once, however often it is called).
  let closing: Promise<void> | null = null;
  client.$disconnect = () => (closing ??= engine.close());
  engines.set(client, engine);
  return client;
}

/** The engine-specific parts of a client made by createPrismaClient. */
export function engineOf(db: object): Engine {
  const engine = engines.get(db);
  if (!engine) throw new Error("not a client made by createPrismaClient");
  return engine;
}

/** A number that changes whenever one of these tables is written; read caches compare it. */
export function writeVersion(db: object, tables: readonly string[]): number {
  return engines.get(db)?.writeVersion(tables as never) ?? 0;
}

/** How many SQL statements this client has sent (for benchmarks). */
export function statementCount(db: object): number {
  return engines.get(db)?.statementCount() ?? 0;
}
