// Local dates ("2027-03-30") and wall-clock times ("10:00") of a schedule, and the step
// from them to UTC instants. Calendar arithmetic on local dates is done in UTC, where
// every day has 24 hours; only the final step to an instant uses the office's zone.
import { DateTime } from "luxon";

export type LocalDate = string;

const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const timePattern = /^([01]\d|2[0-3]):[0-5]\d$/;

export function isLocalDate(value: unknown): value is LocalDate {
  return typeof value === "string" && datePattern.test(value) && DateTime.fromISO(value, { zone: "utc" }).isValid;
}

export function isWallClock(value: unknown): value is string {
  return typeof value === "string" && timePattern.test(value);
}

export function minutesOfDay(wallClock: string): number {
  const [h = 0, m = 0] = wallClock.split(":").map(Number);
  return h * 60 + m;
}

export function wallClockOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

function utcDay(date: LocalDate): DateTime {
  return DateTime.fromISO(date, { zone: "utc" });
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return utcDay(date).plus({ days }).toISODate()!;
}

export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round(utcDay(to).diff(utcDay(from), "days").days);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  return utcDay(date).weekday;
}

export function mondayOf(date: LocalDate): LocalDate {
  return addDays(date, 1 - isoWeekday(date));
}

/** The instant at which the wall clock in `zone` shows `time` on `date`. */
export function instantAt(date: LocalDate, time: string, zone: string): Date {
  return DateTime.fromISO(`${date}T${time}`, { zone }).toJSDate();
}

/** The local date in `zone` at an instant. */
export function localDateOf(at: Date, zone: string): LocalDate {
  return DateTime.fromJSDate(at, { zone }).toISODate()!;
}
