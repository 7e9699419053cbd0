// Dates and times for people: always in the office's zone, in the reader's language.
import { DateTime } from "luxon";
import { localeInfo, type Locale } from "./locales.ts";

export interface Formatter {
  /** "dinsdag 2 maart 2027" */
  date(at: Date): string;
  /** "di 2 mrt" — for compact lists */
  dateShort(at: Date): string;
  /** "dinsdag 2 maart" */
  dayMonth(at: Date): string;
  /** "10:20" */
  time(at: Date): string;
  /** "dinsdag 2 maart, 10:20" — what a slot button says to a screen reader */
  slotLabel(at: Date): string;
  /** A local date "2027-03-02" as "dinsdag 2 maart 2027" */
  localDate(date: string): string;
  /** A local date "2027-03-02" as "dinsdag 2 maart" */
  localDayMonth(date: string): string;
  /** ISO weekday 1..7 as "dinsdag" */
  weekday(isoWeekday: number): string;
  /** The local date "2027-03-02" of an instant in this zone. */
  isoDate(at: Date): string;
}

export function formatter(locale: Locale, zone: string): Formatter {
  const intl = localeInfo[locale].intl;
  const at = (d: Date) => DateTime.fromJSDate(d, { zone }).setLocale(intl);
  const day = (date: string) => DateTime.fromISO(date, { zone }).setLocale(intl);
  const full = { weekday: "long", day: "numeric", month: "long", year: "numeric" } as const;
  const dayMonth = { weekday: "long", day: "numeric", month: "long" } as const;
  const time = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" } as const;
  return {
    date: (d) => at(d).toLocaleString(full),
    dateShort: (d) => at(d).toLocaleString({ weekday: "short", day: "numeric", month: "short" }),
    dayMonth: (d) => at(d).toLocaleString(dayMonth),
    time: (d) => at(d).toLocaleString(time),
    slotLabel: (d) => `${at(d).toLocaleString(dayMonth)}, ${at(d).toLocaleString(time)}`,
    localDate: (date) => day(date).toLocaleString(full),
    localDayMonth: (date) => day(date).toLocaleString(dayMonth),
    isoDate: (d) => DateTime.fromJSDate(d, { zone }).toISODate()!,
    // 2024-01-01 was a Monday.
    weekday: (isoWeekday) =>
      DateTime.fromISO("2024-01-01", { zone: "utc" }).plus({ days: isoWeekday - 1 }).setLocale(intl).toLocaleString({ weekday: "long" }),
  };
}
