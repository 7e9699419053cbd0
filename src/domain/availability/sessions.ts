// Expands recurring series and exceptions into the concrete sessions of a date range.
// Pure: the caller supplies the rules, the zone and the holiday calendar.
import { addDays, daysBetween, instantAt, isoWeekday, minutesOfDay, mondayOf, wallClockOf, type LocalDate } from "../../local-date.ts";

export interface SeriesRule {
  id: number;
  weekdays: string;
  intervalWeeks: number;
  startTime: string;
  endTime: string;
  slotMinutes: number;
  capacity: number;
  walkInPlaces: number;
  validFrom: LocalDate;
  validUntil: LocalDate | null;
  horizonDays: number;
  minNoticeMinutes: number;
}

export type ExceptionKindName = "CANCEL" | "CHANGE" | "EXTRA" | "CLOSURE" | "HOLIDAY_OPEN";

export interface ExceptionRule {
  id: number;
  kind: ExceptionKindName;
  seriesId: number | null;
  date: LocalDate;
  endDate: LocalDate | null;
  startTime: string | null;
  endTime: string | null;
  slotMinutes: number | null;
  capacity: number | null;
}

export interface Session {
  date: LocalDate;
  seriesId: number | null;
  /** The CHANGE or EXTRA exception that shaped this session, if any. */
  exceptionId: number | null;
  startTime: string;
  endTime: string;
  startsAt: Date;
  endsAt: Date;
  slotMinutes: number;
  capacity: number;
  walkInPlaces: number;
  /** Days ahead the session may be booked; null = no limit (extra sessions). */
  horizonDays: number | null;
  minNoticeMinutes: number;
  /** Name of the public holiday when the office explicitly opens on one. */
  holiday: string | undefined;
}

export interface Slot {
  startsAt: Date;
  endsAt: Date;
  capacity: number;
}

/** Notice for one-off extra sessions, which carry no rules of their own. */
export const EXTRA_SESSION_NOTICE_MINUTES = 60;

export interface ExpandInput {
  zone: string;
  series: SeriesRule[];
  exceptions: ExceptionRule[];
  /** Inclusive local dates. */
  from: LocalDate;
  to: LocalDate;
  holidayName: (date: LocalDate) => string | undefined;
}

export function parseWeekdays(weekdays: string): number[] {
  return weekdays
    .split(",")
    .map((d) => Number(d.trim()))
    .filter((d) => Number.isInteger(d) && d >= 1 && d <= 7);
}

export function runsOn(series: SeriesRule, date: LocalDate): boolean {
  if (date < series.validFrom || (series.validUntil !== null && date > series.validUntil)) return false;
  if (!parseWeekdays(series.weekdays).includes(isoWeekday(date))) return false;
  const weeks = daysBetween(mondayOf(series.validFrom), mondayOf(date)) / 7;
  return weeks % Math.max(1, series.intervalWeeks) === 0;
}

function closedBy(exceptions: ExceptionRule[], date: LocalDate): boolean {
  return exceptions.some((e) => e.kind === "CLOSURE" && e.date <= date && date <= (e.endDate ?? e.date));
}

export function expandSessions(input: ExpandInput): Session[] {
  const { zone, series, exceptions } = input;
  const sessions: Session[] = [];
  const span = daysBetween(input.from, input.to);
  for (let i = 0; i <= span; i++) {
    const date = addDays(input.from, i);
    if (closedBy(exceptions, date)) continue;
    const onDate = exceptions.filter((e) => e.date === date);
    const holiday = input.holidayName(date);
    const openOnHoliday = onDate.some((e) => e.kind === "HOLIDAY_OPEN");
    const make = (fields: Omit<Session, "date" | "startsAt" | "endsAt" | "holiday">): Session => ({
      ...fields,
      date,
      startsAt: instantAt(date, fields.startTime, zone),
      endsAt: instantAt(date, fields.endTime, zone),
      holiday,
    });

    if (!holiday || openOnHoliday) {
      for (const rule of series) {
        if (!runsOn(rule, date)) continue;
        const own = onDate.filter((e) => e.seriesId === rule.id);
        if (own.some((e) => e.kind === "CANCEL")) continue;
        const change = own.find((e) => e.kind === "CHANGE");
        sessions.push(
          make({
            seriesId: rule.id,
            exceptionId: change?.id ?? null,
            startTime: change?.startTime ?? rule.startTime,
            endTime: change?.endTime ?? rule.endTime,
            slotMinutes: change?.slotMinutes ?? rule.slotMinutes,
            capacity: change?.capacity ?? rule.capacity,
            walkInPlaces: rule.walkInPlaces,
            horizonDays: rule.horizonDays,
            minNoticeMinutes: rule.minNoticeMinutes,
          }),
        );
      }
    }
    // An extra session is a deliberate choice for that date, so a holiday does not cancel it.
    for (const extra of onDate) {
      if (extra.kind !== "EXTRA" || !extra.startTime || !extra.endTime || !extra.slotMinutes) continue;
      sessions.push(
        make({
          seriesId: null,
          exceptionId: extra.id,
          startTime: extra.startTime,
          endTime: extra.endTime,
          slotMinutes: extra.slotMinutes,
          capacity: extra.capacity ?? 1,
          walkInPlaces: 0,
          horizonDays: null,
          minNoticeMinutes: EXTRA_SESSION_NOTICE_MINUTES,
        }),
      );
    }
  }
  return sessions.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

/**
 * The slots of a session. Each slot starts at a wall-clock time (10:00, 10:20, …) in the
 * office's zone, so a session keeps its local times whatever the UTC offset is.
 */
export function slotsOf(session: Session, zone: string): Slot[] {
  const slots: Slot[] = [];
  const start = minutesOfDay(session.startTime);
  const end = minutesOfDay(session.endTime);
  for (let m = start; m + session.slotMinutes <= end; m += session.slotMinutes) {
    slots.push({
      startsAt: instantAt(session.date, wallClockOf(m), zone),
      endsAt: instantAt(session.date, wallClockOf(m + session.slotMinutes), zone),
      capacity: session.capacity,
    });
  }
  return slots;
}
