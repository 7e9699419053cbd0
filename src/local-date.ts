// Local dates ("2027-03-30") and wall-clock times ("10:00") of a schedule, and the step
// from them to UTC instants. Calendar arithmetic on local dates is plain arithmetic on
// UTC midnights, where every day has 24 hours; only the step to an instant uses the
// office's zone. These run for every slot of every page, so they avoid building Luxon
// objects: zone offsets come from cached Intl formatters and conversions are memoised.
import { DateTime } from "luxon";

export type LocalDate = string;

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const timePattern = /^([01]\d|2[0-3]):[0-5]\d$/;
const DAY_MS = 86_400_000;

function utcMidnight(date: LocalDate): number {
  const m = datePattern.exec(date);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
}

function fromUtcMidnight(ms: number): LocalDate {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * A real calendar date in a range that means something for appointments (the years
 * 1900–2999), so arithmetic on it can never leave the four-digit years.
 */
export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== "string") return false;
  const ms = utcMidnight(value);
  return !Number.isNaN(ms) && fromUtcMidnight(ms) === value && value >= "1900-01-01" && value <= "2999-12-31";
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

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromUtcMidnight(utcMidnight(date) + days * DAY_MS);
}

export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  return new Date(utcMidnight(date)).getUTCDay() || 7;
}

export function mondayOf(date: LocalDate): LocalDate {
  return addDays(date, 1 - isoWeekday(date));
}

const instants = new Map<string, number>();

/** The instant at which the wall clock in `zone` shows `time` on `date`. */
export function instantAt(date: LocalDate, time: string, zone: string): Date {
  const key = `${date}T${time}@${zone}`;
  let ms = instants.get(key);
  if (ms === undefined) {
    ms = DateTime.fromISO(`${date}T${time}`, { zone }).toMillis();
    if (instants.size > 50_000) instants.clear();
    instants.set(key, ms);
  }
  return new Date(ms);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The local date in `zone` at an instant. */
export function localDateOf(at: Date, zone: string): LocalDate {
  let format = dateFormats.get(zone);
  if (!format) {
    // en-CA writes dates as YYYY-MM-DD.
    format = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" });
    dateFormats.set(zone, format);
  }
  return format.format(at);
}
