// The reads and writes of creating a booking, in plain SQL (see db/direct-sql.ts). The
// WHERE clauses are those of loadRules and placesTaken in load-availability.ts; the
// columns are those of prisma/schema.prisma, and test/db/booking-sql.test.ts reads
// every row written here back through Prisma.
import type { SqlConnection } from "../../db/direct-sql.ts";
import type { NewOutboxMessage } from "../../emails/outbox.ts";
import type { Booking } from "../../generated/prisma/client.ts";
import { auditRow, type AuditInput } from "../audit.ts";
import type { LocalDate } from "../availability/local-date.ts";
import type { ExceptionRule, SeriesRule } from "../availability/sessions.ts";

export function rulesOn(sql: SqlConnection, officeId: number, date: LocalDate): { series: SeriesRule[]; exceptions: ExceptionRule[] } {
  const series = sql.all<SeriesRule>(
    `SELECT id, weekdays, intervalWeeks, startTime, endTime, slotMinutes, capacity, walkInPlaces, validFrom, validUntil, horizonDays, minNoticeMinutes
       FROM ConsultationSeries WHERE officeId = ? AND validFrom <= ? AND (validUntil IS NULL OR validUntil >= ?)`,
    officeId,
    date,
    date,
  );
  const exceptions = sql.all<ExceptionRule>(
    `SELECT id, kind, seriesId, date, endDate, startTime, endTime, slotMinutes, capacity
       FROM ScheduleException WHERE officeId = ? AND date <= ? AND (date >= ? OR endDate >= ?)`,
    officeId,
    date,
    date,
    date,
  );
  return { series, exceptions };
}

/** Places held per slot start (epoch ms) from `from` until before `to`. */
export function placesTakenBetween(sql: SqlConnection, officeId: number, from: Date, to: Date): Map<number, number> {
  const rows = sql.all<{ startsAt: string; n: number }>(
    "SELECT startsAt, COUNT(*) AS n FROM Booking WHERE officeId = ? AND startsAt >= ? AND startsAt < ? AND seat IS NOT NULL GROUP BY startsAt",
    officeId,
    from,
    to,
  );
  return new Map(rows.map((row) => [Date.parse(row.startsAt), row.n]));
}

export function heldSeats(sql: SqlConnection, officeId: number, startsAt: Date): Set<number> {
  const rows = sql.all<{ seat: number }>("SELECT seat FROM Booking WHERE officeId = ? AND startsAt = ? AND seat IS NOT NULL", officeId, startsAt);
  return new Set(rows.map((row) => row.seat));
}

export function activeFutureBookingsOf(sql: SqlConnection, keys: { emailKey: string | null; phoneKey: string | null }, now: Date): number {
  const row = sql.get<{ n: number }>(
    "SELECT COUNT(*) AS n FROM Booking WHERE status = 'BOOKED' AND startsAt > ? AND (emailKey = ? OR phoneKey = ?)",
    now,
    keys.emailKey,
    keys.phoneKey,
  );
  return row?.n ?? 0;
}

export function codeInUse(sql: SqlConnection, code: string): boolean {
  return sql.get("SELECT 1 AS used FROM Booking WHERE code = ?", code) !== undefined;
}

const instantColumns = ["startsAt", "endsAt", "cancelledAt", "checkedInAt", "outcomeAt", "erasedAt", "createdAt"] as const;
const flagColumns = ["interpreterNeeded", "contactViaReferrer"] as const;

/** A Booking row as Prisma would return it. */
function bookingFromRow(row: Record<string, unknown>): Booking {
  const booking = { ...row } as Record<string, unknown>;
  for (const column of instantColumns) booking[column] = row[column] === null ? null : new Date(String(row[column]));
  for (const column of flagColumns) booking[column] = row[column] === 1;
  return booking as unknown as Booking;
}

export function bookingByTokenHash(sql: SqlConnection, manageTokenHash: string): Booking | null {
  const row = sql.get("SELECT * FROM Booking WHERE manageTokenHash = ?", manageTokenHash);
  return row ? bookingFromRow(row) : null;
}

export type BookingInsert = Omit<Booking, "id" | "status" | "sequence" | "cancelledAt" | "cancelledBy" | "cancelReason" | "outcomeAt" | "erasedAt">;

export function insertBooking(sql: SqlConnection, data: BookingInsert): Booking {
  const columns = Object.keys(data) as Array<keyof BookingInsert>;
  const row = sql.get(
    `INSERT INTO Booking (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")}) RETURNING *`,
    ...columns.map((column) => data[column]),
  );
  return bookingFromRow(row!);
}

export function insertOutboxMessage(sql: SqlConnection, message: NewOutboxMessage): void {
  sql.run(
    `INSERT INTO OutboxMessage (bookingId, kind, audience, recipient, locale, payload, status, dueAt, nextAttemptAt, attempts, createdAt)
     VALUES (?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, 0, ?)`,
    message.bookingId,
    message.kind,
    message.audience,
    message.recipient,
    message.locale,
    message.payload,
    message.dueAt,
    message.nextAttemptAt,
    message.createdAt,
  );
}

export function insertAudit(sql: SqlConnection, entry: AuditInput, now: Date): void {
  const row = auditRow(entry, now);
  sql.run(
    "INSERT INTO AuditEntry (at, actorType, actorId, action, entityType, entityId, officeId, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    row.at,
    row.actorType,
    row.actorId,
    row.action,
    row.entityType,
    row.entityId,
    row.officeId,
    row.detail,
  );
}
