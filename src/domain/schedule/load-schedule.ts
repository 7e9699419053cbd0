// What the schedule page of one office shows: its series, the exceptions from today on,
// the next weeks' sessions with their places, and the public holidays within the booking
// horizon (closed unless explicitly opened).
import type { Tx } from "../../db/client.ts";
import { dutchPublicHoliday } from "../availability/holidays.ts";
import { loadAvailability, type OfficeRef } from "../availability/load-availability.ts";
import { addDays, localDateOf, type LocalDate } from "../../local-date.ts";
import { expandSessions } from "../availability/sessions.ts";
import { officeRules } from "./plan-change.ts";

/** Used for the holiday list when no current series says how far ahead people book. */
export const DEFAULT_HORIZON_DAYS = 84;
/** How many days of upcoming sessions the page lists. */
export const UPCOMING_DAYS = 28;

export interface HolidayRow {
  date: LocalDate;
  name: string;
  /** The HOLIDAY_OPEN exception, when the office opens that day. */
  openedBy: number | null;
  /** Whether a series would hold a session that day if the office opened. */
  hasSessions: boolean;
}

export async function loadSchedule(db: Tx, office: OfficeRef, now: Date) {
  const today = localDateOf(now, office.timeZone);
  const [rules, seriesRows, exceptions] = await Promise.all([
    officeRules(db, office.id, today),
    db.consultationSeries.findMany({ where: { officeId: office.id }, include: { host: { select: { name: true } } }, orderBy: [{ validFrom: "asc" }, { startTime: "asc" }] }),
    db.scheduleException.findMany({
      where: { officeId: office.id, OR: [{ date: { gte: today } }, { endDate: { gte: today } }] },
      include: { series: true },
      orderBy: [{ date: "asc" }, { startTime: "asc" }, { id: "asc" }],
    }),
  ]);
  const current = seriesRows.filter((s) => s.validUntil === null || s.validUntil >= today);
  const horizon = Math.max(0, ...current.map((s) => s.horizonDays)) || DEFAULT_HORIZON_DAYS;
  const holidays: HolidayRow[] = [];
  for (let i = 0; i <= horizon; i++) {
    const date = addDays(today, i);
    const name = dutchPublicHoliday(date);
    if (!name) continue;
    // Sessions the series would hold that day if the holiday did not close the office.
    const wouldRun = expandSessions({ zone: office.timeZone, series: rules.series, exceptions: rules.exceptions, from: date, to: date, holidayName: () => undefined });
    holidays.push({
      date,
      name,
      openedBy: exceptions.find((e) => e.kind === "HOLIDAY_OPEN" && e.date === date)?.id ?? null,
      hasSessions: wouldRun.some((s) => s.seriesId !== null),
    });
  }
  const upcoming = await loadAvailability(db, office, { from: today, to: addDays(today, UPCOMING_DAYS - 1) }, now);
  return {
    today,
    current,
    ended: seriesRows.filter((s) => s.validUntil !== null && s.validUntil < today),
    exceptions,
    holidays,
    upcoming,
  };
}
