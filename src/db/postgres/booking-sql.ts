// The reads and writes of creating a booking on PostgreSQL, in plain SQL on a pooled
// connection: two round trips, whatever the day holds — the locks with the reads, then the
// writes with the commit. Each goes as one simple query of several statements, so the
// values are written into the SQL as literals, escaped by pg (inline below). The read and
// the write are prepared once per connection (PREPARE … EXECUTE): planning them anew for
// every booking cost the server more than running them. The WHERE clauses are those of
// loadRules and placesTaken in load-availability.ts (a test proves the two read the same
// rules); the columns are those of db/columns.ts, and every row written here is read back
// through Prisma and compared exactly.
import pg from "pg";

const { escapeLiteral } = pg;
import type { Booking } from "../../generated/prisma/client.ts";
import { auditColumns, bookingColumns, exceptionRuleColumns, outboxColumns, seriesRuleColumns } from "../columns.ts";
import type { BookingDecision, BookingFacts, BookingQuery, ExceptionRow, SeriesRow } from "../engine.ts";
import { bookingLocks } from "./locks.ts";
import { checkOut } from "./pool.ts";

const quoted = (columns: readonly string[], prefix = "") => columns.map((c) => `${prefix}"${c}"`).join(", ");

const readSql = `SELECT
  (SELECT id FROM "Booking" WHERE "manageTokenHash" = $1) AS "earlierId",
  (SELECT coalesce(json_agg(s), '[]'::json) FROM (
     SELECT ${quoted(seriesRuleColumns)} FROM "ConsultationSeries"
      WHERE "officeId" = $2 AND "validFrom" <= $3 AND ("validUntil" IS NULL OR "validUntil" >= $3)) s) AS series,
  (SELECT coalesce(json_agg(e), '[]'::json) FROM (
     SELECT ${quoted(exceptionRuleColumns)} FROM "ScheduleException"
      WHERE "officeId" = $2 AND "date" <= $3 AND ("date" >= $3 OR "endDate" >= $3)) e) AS exceptions,
  (SELECT coalesce(json_agg(json_build_array((extract(epoch FROM t."startsAt") * 1000)::bigint, t.n)), '[]'::json) FROM (
     SELECT "startsAt", count(*)::int AS n FROM "Booking"
      WHERE "officeId" = $2 AND "startsAt" >= $4 AND "startsAt" < $5 AND seat IS NOT NULL GROUP BY "startsAt") t) AS taken,
  (SELECT coalesce(json_agg(seat), '[]'::json) FROM "Booking" WHERE "officeId" = $2 AND "startsAt" = $6 AND seat IS NOT NULL) AS seats,
  CASE WHEN $11::boolean THEN (SELECT count(*)::int FROM "Booking"
      WHERE status = 'BOOKED' AND "startsAt" > $7 AND ("emailKey" = $8 OR "phoneKey" = $9)) ELSE 0 END AS contacts,
  EXISTS (SELECT 1 FROM "Booking" WHERE code = $10) AS "codeTaken",
  nextval(pg_get_serial_sequence('"Booking"', 'id'))::int AS "nextId"`;

// One statement writes the booking, its messages and its audit entry; the rows go in as
// JSON, which PostgreSQL maps onto the columns by name and type.
const writeSql = `WITH
  b AS (INSERT INTO "Booking" ("id", ${quoted(bookingColumns)})
        SELECT "id", ${quoted(bookingColumns)} FROM json_populate_record(NULL::"Booking", $1::json)),
  o AS (INSERT INTO "OutboxMessage" (${quoted(outboxColumns)})
        SELECT ${quoted(outboxColumns)} FROM json_populate_recordset(NULL::"OutboxMessage", $2::json)),
  a AS (INSERT INTO "AuditEntry" (${quoted(auditColumns)})
        SELECT ${quoted(auditColumns)} FROM json_populate_record(NULL::"AuditEntry", $3::json))
SELECT 1`;

const READ = "spreekuur_booking_read";
const WRITE = "spreekuur_booking_write";
const executeRead = `EXECUTE ${READ}(${Array.from({ length: 11 }, (_, i) => `$${i + 1}`).join(", ")})`;
const executeWrite = `EXECUTE ${WRITE}($1, $2, $3)`;
const DUPLICATE_PREPARED_STATEMENT = "42P05";

/** Connections that hold the two prepared statements (they live as long as the connection). */
const prepared = new WeakSet<pg.PoolClient>();

async function prepare(client: pg.PoolClient): Promise<void> {
  if (prepared.has(client)) return;
  for (const [name, sql] of [[READ, readSql], [WRITE, writeSql]] as const) {
    try {
      await client.query(`PREPARE ${name} AS ${sql}`);
    } catch (error) {
      // Prepared by an earlier attempt whose other statement failed.
      if ((error as { code?: string }).code !== DUPLICATE_PREPARED_STATEMENT) throw error;
    }
  }
  prepared.add(client);
}

interface ReadRow {
  earlierId: number | null;
  series: SeriesRow[];
  exceptions: ExceptionRow[];
  taken: Array<[number | string, number]>;
  seats: number[];
  contacts: number;
  codeTaken: boolean;
  nextId: number;
}

const iso = (date: Date) => date.toISOString();

type Literal = string | number | boolean | null;

/** The SQL with $1, $2, … replaced by the values as escaped literals. */
export function inline(sql: string, values: readonly Literal[]): string {
  return sql.replace(/\$(\d+)/g, (_, n: string) => {
    const value = values[Number(n) - 1];
    if (value === undefined) throw new Error(`no value for $${n}`);
    if (value === null) return "NULL";
    if (typeof value === "boolean") return value ? "true" : "false";
    if (typeof value === "number") {
      if (!Number.isFinite(value)) throw new Error(`not a number for $${n}`);
      return String(value);
    }
    return escapeLiteral(value);
  });
}

function readValues(query: BookingQuery): Literal[] {
  const keys = query.contactKeys;
  return [
    query.manageTokenHash,
    Math.trunc(query.officeId),
    query.day,
    iso(query.dayFrom),
    iso(query.dayTo),
    iso(query.startsAt),
    iso(query.now),
    keys?.emailKey ?? null,
    keys?.phoneKey ?? null,
    query.code,
    Boolean(keys && (keys.emailKey || keys.phoneKey)),
  ];
}

function factsOf(row: ReadRow): BookingFacts {
  return {
    earlierId: row.earlierId,
    series: row.series,
    exceptions: row.exceptions,
    taken: new Map(row.taken.map(([at, n]) => [Number(at), n])),
    heldSeats: new Set(row.seats),
    contactCount: row.contacts,
    codeTaken: row.codeTaken,
  };
}

/** Runs one booking as a transaction on a connection from `pool`. */
export async function bookOnPostgres<R>(pool: pg.Pool, query: BookingQuery, decide: (facts: BookingFacts) => BookingDecision<R>): Promise<R> {
  const client = await checkOut(pool);
  let open = false;
  let failure: unknown = undefined;
  try {
    await prepare(client);
    open = true;
    // A plan for any values: left to choose, the server re-plans the read every time.
    const results = (await client.query(`BEGIN; SET LOCAL plan_cache_mode = force_generic_plan; ${bookingLocks(query)}; ${inline(executeRead, readValues(query))}`)) as unknown as pg.QueryResult<ReadRow>[];
    const row = results[results.length - 1]!.rows[0]!;
    const decision = decide(factsOf(row));
    if (decision.kind === "answer") {
      open = false;
      await client.query("ROLLBACK");
      return decision.answer;
    }
    const booking: Booking = { id: row.nextId, ...decision.booking };
    const { messages, audit } = decision.rowsFor(booking);
    // A failing write aborts the transaction and skips the COMMIT behind it.
    await client.query(`${inline(executeWrite, [JSON.stringify(booking), JSON.stringify(messages), JSON.stringify(audit)])}; COMMIT`);
    open = false;
    return decision.answer(booking);
  } catch (error) {
    failure = error;
    if (open) await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    // A connection that failed (rather than a statement on it) may be in any state: close it.
    client.done(failure !== undefined && isConnectionFailure(failure) ? failure : undefined);
  }
}

/**
 * True for a failure of the connection or the server rather than of one statement: no
 * SQLSTATE, or one of the classes for connections (08), shutdown (57), resources (53, 58)
 * and internal errors (XX).
 */
export function isConnectionFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code !== "string" || !/^[0-9A-Z]{5}$/.test(code) || /^(08|53|57|58|XX)/.test(code);
}
