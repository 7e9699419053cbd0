// The reads and writes of creating a booking on SQLite, in plain SQL (see direct-sql.ts).
// The WHERE clauses are those of loadRules and placesTaken in load-availability.ts (a test
// proves the two read the same rules); the columns are those of prisma/schema.prisma (a
// test fails when the schema gains a column these statements do not write), and every
// row written here is read back through Prisma and compared exactly.
import type { Booking } from "../../generated/prisma/client.ts";
import type { BookingDecision, BookingFacts, BookingQuery, ExceptionRow, NewBookingRow, SeriesRow } from "../engine.ts";
import { bookingColumns, exceptionRuleColumns, outboxColumns, auditColumns, seriesRuleColumns } from "../columns.ts";
import type { SqlConnection } from "./direct-sql.ts";

export function rulesOn(sql: SqlConnection, officeId: number, date: string): { series: SeriesRow[]; exceptions: ExceptionRow[] } {
  const series = sql.all<SeriesRow>(
    `SELECT ${seriesRuleColumns.join(", ")} FROM ConsultationSeries WHERE officeId = ? AND validFrom <= ? AND (validUntil IS NULL OR validUntil >= ?)`,
    officeId,
    date,
    date,
  );
  const exceptions = sql.all<ExceptionRow>(
    `SELECT ${exceptionRuleColumns.join(", ")} FROM ScheduleException WHERE officeId = ? AND date <= ? AND (date >= ? OR endDate >= ?)`,
    officeId,
    date,
    date,
    date,
  );
  return { series, exceptions };
}

export type RulesReader = (sql: SqlConnection, officeId: number, date: string) => { series: SeriesRow[]; exceptions: ExceptionRow[] };

export function readBookingFacts(sql: SqlConnection, query: BookingQuery, rules: RulesReader = rulesOn): BookingFacts {
  const earlier = sql.get<{ id: number }>("SELECT id FROM Booking WHERE manageTokenHash = ?", query.manageTokenHash);
  // The seats held on the whole day: places per slot, and the seats of the slot itself.
  const held = sql.all<{ startsAt: string; seat: number }>(
    "SELECT startsAt, seat FROM Booking WHERE officeId = ? AND startsAt >= ? AND startsAt < ? AND seat IS NOT NULL",
    query.officeId,
    query.dayFrom,
    query.dayTo,
  );
  const taken = new Map<number, number>();
  const heldSeats = new Set<number>();
  const slot = query.startsAt.getTime();
  for (const row of held) {
    const at = Date.parse(row.startsAt);
    taken.set(at, (taken.get(at) ?? 0) + 1);
    if (at === slot) heldSeats.add(row.seat);
  }
  const keys = query.contactKeys;
  const contacts =
    keys && (keys.emailKey || keys.phoneKey)
      ? sql.get<{ n: number }>(
          "SELECT COUNT(*) AS n FROM Booking WHERE status = 'BOOKED' AND startsAt > ? AND (emailKey = ? OR phoneKey = ?)",
          query.now,
          keys.emailKey,
          keys.phoneKey,
        )
      : undefined;
  return {
    earlierId: earlier?.id ?? null,
    ...rules(sql, query.officeId, query.day),
    taken,
    heldSeats,
    contactCount: contacts?.n ?? 0,
    codeTaken: sql.get("SELECT 1 AS used FROM Booking WHERE code = ?", query.code) !== undefined,
  };
}

const insertBookingSql = `INSERT INTO Booking (${bookingColumns.join(", ")}) VALUES (${bookingColumns.map(() => "?").join(", ")}) RETURNING id`;
const insertOutboxSql = `INSERT INTO OutboxMessage (${outboxColumns.join(", ")}) VALUES (${outboxColumns.map(() => "?").join(", ")})`;
const insertAuditSql = `INSERT INTO AuditEntry (${auditColumns.join(", ")}) VALUES (${auditColumns.map(() => "?").join(", ")})`;

/** Writes the booking a decision chose, with its messages and audit entry. */
export function writeBooking<R>(sql: SqlConnection, decision: Extract<BookingDecision<R>, { kind: "write" }>): R {
  const row: NewBookingRow = decision.booking;
  const { id } = sql.get<{ id: number }>(insertBookingSql, ...bookingColumns.map((column) => row[column]))!;
  const booking: Booking = { id, ...row };
  const { messages, audit } = decision.rowsFor(booking);
  for (const message of messages) sql.run(insertOutboxSql, ...outboxColumns.map((column) => message[column]));
  sql.run(insertAuditSql, ...auditColumns.map((column) => audit[column]));
  return decision.answer(booking);
}
