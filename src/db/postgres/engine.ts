// PostgreSQL: several app servers on one database. The database orders what they do:
// advisory locks for bookings (locks.ts), FOR UPDATE SKIP LOCKED for outbox claims,
// announcements of every write for the read caches (changes.ts), and limit counters
// in a table (limits.ts).
import { PrismaPg } from "@prisma/adapter-pg";
import type { OutboxMessage } from "../../generated/prisma/client.ts";
import { PrismaClient as PostgresPrismaClient } from "../../generated/prisma-postgresql/client.ts";
import type { PrismaClient } from "../client.ts";
import type { Engine } from "../engine.ts";
import { WriteCounter } from "../write-counter.ts";
import { bookOnPostgres } from "./booking-sql.ts";
import { ChangeListener } from "./changes.ts";
import { CountingAdapterFactory } from "./counting-adapter.ts";
import { PostgresLimitStore } from "./limits.ts";
import { lockBookingInTx, lockOfficeInTx, lockSlotInTx } from "./locks.ts";
import { createPool } from "./pool.ts";

// The due messages, oldest first; rows another server holds locked are skipped, not
// waited for, so two workers never claim the same message and never stall each other.
const claimSql = `UPDATE "OutboxMessage" SET "status" = 'SENDING', "claimToken" = $1, "claimedAt" = $2
  WHERE "id" IN (
    SELECT "id" FROM "OutboxMessage"
     WHERE ("status" = 'PENDING' AND "nextAttemptAt" <= $2) OR ("status" = 'SENDING' AND "claimedAt" < $3)
     ORDER BY "nextAttemptAt", "id" LIMIT $4 FOR UPDATE SKIP LOCKED)
  RETURNING *`;

export interface PostgresOptions {
  poolSize: number;
  /** Told when the connection that hears other servers' writes fails (it reconnects). */
  onProblem?: (error: unknown) => void;
}

export function createPostgresDatabase(databaseUrl: string, options: PostgresOptions): { client: PrismaClient; engine: Engine } {
  const pool = createPool(databaseUrl, { max: options.poolSize });
  const writes = new WriteCounter();
  const client = new PostgresPrismaClient({
    adapter: new CountingAdapterFactory(new PrismaPg(pool), writes),
    transactionOptions: { maxWait: 15_000, timeout: 15_000 },
    // Both clients come from the same schema and have the same API; the code is typed
    // against the SQLite one.
  }) as unknown as PrismaClient;
  const disconnect = client.$disconnect.bind(client);
  // The server process id of each connection of ours (pg learns it when connecting).
  const ownSessions = new Set<number>();
  pool.on("connect", (connection) => {
    const id = (connection as unknown as { processID?: number }).processID;
    if (id) ownSessions.add(id);
  });
  pool.on("remove", (connection) => ownSessions.delete((connection as unknown as { processID?: number }).processID ?? -1));
  const listener = new ChangeListener(databaseUrl, writes, ownSessions, options.onProblem);
  listener.start();
  const local = (tables: readonly string[]) => {
    for (const table of tables) writes.wrote(table);
  };

  const engine: Engine = {
    name: "postgresql",
    writeVersion(tables) {
      // Without the listener another server's write would go unseen: trust nothing kept.
      if (!listener.listening) writes.wrote(null);
      return writes.versionOf(tables);
    },
    statementCount: () => writes.statements,
    ready: () => listener.ready(),

    async book(query, decide) {
      writes.statements += 5;
      const result = await bookOnPostgres(pool, query, decide);
      local(["Booking", "OutboxMessage", "AuditEntry"]);
      return result;
    },

    async claimOutbox({ now, leaseMs, limit, claimToken }) {
      const { rows } = await pool.query<OutboxMessage>({
        name: "spreekuur_outbox_claim",
        text: claimSql,
        values: [claimToken, now.toISOString(), new Date(now.getTime() - leaseMs).toISOString(), limit],
      });
      writes.statements++;
      rows.sort((a, b) => a.id - b.id);
      return { rows, more: rows.length === limit };
    },

    lockBooking: lockBookingInTx,
    lockSlot: lockSlotInTx,
    lockOfficeSchedule: lockOfficeInTx,
    async afterErase() {
      // An update leaves the old row version behind until VACUUM removes it; do that now
      // rather than whenever autovacuum comes by.
      await pool.query('VACUUM "Booking", "OutboxMessage", "WaitingListEntry"');
    },
    limits: new PostgresLimitStore(pool),

    async close() {
      await listener.stop();
      await disconnect();
      await pool.end().catch(() => {});
    },
  };
  return { client, engine };
}
