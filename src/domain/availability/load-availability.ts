// Reads what availability needs for one office and date range in four queries, whatever
// the number of slots or bookings: the office, its series, its exceptions, and the places
// taken per slot start (an indexed range on Booking(officeId, startsAt)).
import type { Tx } from "../../db/client.ts";
import { dutchPublicHoliday } from "./holidays.ts";
import { addDays, instantAt, type LocalDate } from "../../local-date.ts";
import { closedDays, type ClosedDay } from "./closed-days.ts";
import { sessionStates, type SessionState } from "./free-slots.ts";
import { expandSessions, type ExceptionRule, type SeriesRule } from "./sessions.ts";

export interface OfficeRef {
  id: number;
  timeZone: string;
}

export async function loadRules(db: Tx, officeId: number, from: LocalDate, to: LocalDate) {
  const [series, exceptions] = await Promise.all([
    db.consultationSeries.findMany({
      where: { officeId, validFrom: { lte: to }, OR: [{ validUntil: null }, { validUntil: { gte: from } }] },
    }),
    db.scheduleException.findMany({
      where: {
        officeId,
        date: { lte: to },
        OR: [{ date: { gte: from } }, { endDate: { gte: from } }],
      },
    }),
  ]);
  return { series: series as Array<SeriesRule & { hostId: number | null }>, exceptions: exceptions as ExceptionRule[] };
}

export async function placesTaken(db: Tx, officeId: number, from: Date, to: Date): Promise<Map<number, number>> {
  const rows = await db.booking.groupBy({
    by: ["startsAt"],
    where: { officeId, startsAt: { gte: from, lt: to }, seat: { not: null } },
    _count: { _all: true },
  });
  return new Map(rows.map((row) => [row.startsAt.getTime(), row._count._all]));
}

const expandInput = (office: OfficeRef, range: { from: LocalDate; to: LocalDate }, rules: { series: SeriesRule[]; exceptions: ExceptionRule[] }) => ({
  zone: office.timeZone,
  ...rules,
  from: range.from,
  to: range.to,
  holidayName: dutchPublicHoliday,
});

/** The sessions the rules give an office on the local dates from..to (inclusive). */
export function officeSessions(office: OfficeRef, range: { from: LocalDate; to: LocalDate }, rules: { series: SeriesRule[]; exceptions: ExceptionRule[] }) {
  return expandSessions(expandInput(office, range, rules));
}

/** The instants from the first local midnight of the range to the one after its last day. */
export function rangeInstants(office: OfficeRef, range: { from: LocalDate; to: LocalDate }): { from: Date; to: Date } {
  return { from: instantAt(range.from, "00:00", office.timeZone), to: instantAt(addDays(range.to, 1), "00:00", office.timeZone) };
}

/** Sessions with their slots and free places for the local dates from..to (inclusive). */
export async function loadAvailability(
  db: Tx,
  office: OfficeRef,
  range: { from: LocalDate; to: LocalDate },
  now: Date,
): Promise<SessionState[]> {
  return (await loadCalendar(db, office, range, now)).sessions;
}

/** As loadAvailability, and the dates that would have had a session but are closed. */
export async function loadCalendar(
  db: Tx,
  office: OfficeRef,
  range: { from: LocalDate; to: LocalDate },
  now: Date,
): Promise<{ sessions: SessionState[]; closed: ClosedDay[] }> {
  const input = expandInput(office, range, await loadRules(db, office.id, range.from, range.to));
  const sessions = expandSessions(input);
  const closed = closedDays(input, sessions);
  if (sessions.length === 0) return { sessions: [], closed };
  const span = rangeInstants(office, range);
  const taken = await placesTaken(db, office.id, span.from, span.to);
  return { sessions: sessionStates({ sessions, zone: office.timeZone, taken, now }), closed };
}
