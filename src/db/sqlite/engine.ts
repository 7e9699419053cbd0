// SQLite: one process, one connection (see serialized-adapter.ts), so every write is
// already in a single order. Bookings are plain SQL with group commit; the outbox claim
// is a conditional update; limits are counted in memory.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../../generated/prisma/client.ts";
import type { Engine } from "../engine.ts";
import { MemoryLimitStore } from "../memory-limits.ts";
import { readBookingFacts, rulesOn, writeBooking, type RulesReader } from "./booking-sql.ts";
import type { SqlConnection } from "./direct-sql.ts";
import { SerializedAdapterFactory } from "./serialized-adapter.ts";

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

export interface SqliteEngine extends Engine {
  /**
   * Runs synchronous plain SQL (see direct-sql.ts) as a committed transaction on the
   * connection, exclusive against Prisma's own transactions, sharing one commit with the
   * other such writes of the same moment. `tables` are the tables it writes (for the caches).
   */
  writeBatched<T>(tables: readonly string[], work: (sql: SqlConnection) => T): Promise<T>;
}

export function createSqliteDatabase(databaseUrl: string): { client: PrismaClient; engine: SqliteEngine } {
  const adapter = new SerializedAdapterFactory(new PrismaBetterSqlite3({ url: databaseUrl }), pragmas);
  const client = new PrismaClient({
    adapter,
    // Transactions queue behind each other on the single SQLite connection; under a burst
    // of bookings the wait for the lock can exceed Prisma's 2 s default.
    transactionOptions: { maxWait: 15_000, timeout: 15_000 },
  });
  const disconnect = client.$disconnect.bind(client);
  const connection = async () => {
    if (!adapter.connection) await client.$connect();
    return adapter.connection!;
  };

  // A day's rules, read again only after the schedule tables were written: every write
  // goes through this one connection and is counted, and this runs holding its lock.
  const ruleTables = ["ConsultationSeries", "ScheduleException"];
  const kept = new Map<string, { version: number; rules: ReturnType<RulesReader> }>();
  const rules: RulesReader = (sql, officeId, date) => {
    const key = `${officeId}|${date}`;
    const version = adapter.writes.versionOf(ruleTables);
    const known = kept.get(key);
    if (known && known.version === version) return known.rules;
    const read = rulesOn(sql, officeId, date);
    if (kept.size >= 1_000) kept.clear();
    kept.set(key, { version, rules: read });
    return read;
  };

  const engine: SqliteEngine = {
    name: "sqlite",
    writeBatched: async (tables, work) => (await connection()).writeBatched(tables, work),
    writeVersion: (tables) => adapter.writes.versionOf(tables),
    statementCount: () => adapter.writes.statements,
    ready: async () => true,

    async book(query, decide) {
      return engine.writeBatched(["Booking", "OutboxMessage", "AuditEntry"], (sql) => {
        const decision = decide(readBookingFacts(sql, query, rules));
        return decision.kind === "answer" ? decision.answer : writeBooking(sql, decision);
      });
    },

    async claimOutbox({ now, leaseMs, limit, claimToken }) {
      const due = {
        OR: [
          { status: "PENDING" as const, nextAttemptAt: { lte: now } },
          { status: "SENDING" as const, claimedAt: { lt: new Date(now.getTime() - leaseMs) } },
        ],
      };
      const candidates = await client.outboxMessage.findMany({ where: due, orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }], take: limit, select: { id: true } });
      if (candidates.length === 0) return { rows: [], more: false };
      // The same conditions again: a row claimed in between no longer matches.
      await client.outboxMessage.updateMany({ where: { id: { in: candidates.map((c) => c.id) }, ...due }, data: { status: "SENDING", claimToken, claimedAt: now } });
      const rows = await client.outboxMessage.findMany({ where: { claimToken, status: "SENDING" }, orderBy: { id: "asc" } });
      return { rows, more: candidates.length === limit || rows.length < candidates.length };
    },

    // One connection: a transaction already excludes every other write.
    lockBooking: async () => {},
    lockSlot: async () => {},
    lockOfficeSchedule: async () => {},

    async afterErase() {
      // The write-ahead log still holds the pages as they were before; fold it into the
      // database (where secure_delete has overwritten the erased values) and empty it.
      await client.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
    },

    limits: new MemoryLimitStore(),
    close: () => disconnect(),
  };
  return { client, engine };
}
