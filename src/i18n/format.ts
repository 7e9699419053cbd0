// Dates and times for people: always in the office's zone, in the reader's language.
// Formatters are Intl.DateTimeFormat objects made once per language, zone and style;
// building them is what costs, formatting with them is cheap.
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

/** A booking code as people read it aloud and type it: "K7MX-4QPB". */
export function formatBookingCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

const styles = {
  full: { weekday: "long", day: "numeric", month: "long", year: "numeric" },
  short: { weekday: "short", day: "numeric", month: "short" },
  dayMonth: { weekday: "long", day: "numeric", month: "long" },
  time: { hour: "2-digit", minute: "2-digit", hourCycle: "h23" },
  weekday: { weekday: "long" },
  iso: { year: "numeric", month: "2-digit", day: "2-digit" },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

const cache = new Map<string, Intl.DateTimeFormat>();

function dtf(intl: string, zone: string, style: keyof typeof styles): Intl.DateTimeFormat {
  const key = `${intl}|${zone}|${style}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(style === "iso" ? "en-CA" : intl, { ...styles[style], timeZone: zone });
    cache.set(key, format);
  }
  return format;
}

/** A local date as the instant of its noon in UTC: formatting it in UTC gives that date. */
const noonUtc = (date: string) => new Date(`${date}T12:00:00Z`);

const formatters = new Map<string, Formatter>();

export function formatter(locale: Locale, zone: string): Formatter {
  const key = `${locale}|${zone}`;
  let made = formatters.get(key);
  if (!made) {
    made = makeFormatter(locale, zone);
    formatters.set(key, made);
  }
  return made;
}

function makeFormatter(locale: Locale, zone: string): Formatter {
  const intl = localeInfo[locale].intl;
  const time = (d: Date) => dtf(intl, zone, "time").format(d);
  const dayMonth = (d: Date) => dtf(intl, zone, "dayMonth").format(d);
  // Arabic, Farsi and Pashto write the Arabic comma.
  const comma = localeInfo[locale].dir === "rtl" ? "،" : ",";
  return {
    date: (d) => dtf(intl, zone, "full").format(d),
    dateShort: (d) => dtf(intl, zone, "short").format(d),
    dayMonth,
    time,
    slotLabel: (d) => `${dayMonth(d)}${comma} ${time(d)}`,
    localDate: (date) => dtf(intl, "UTC", "full").format(noonUtc(date)),
    localDayMonth: (date) => dtf(intl, "UTC", "dayMonth").format(noonUtc(date)),
    // 2024-01-01 was a Monday.
    weekday: (isoWeekday) => dtf(intl, "UTC", "weekday").format(noonUtc(`2024-01-0${isoWeekday}`)),
    isoDate: (d) => dtf(intl, zone, "iso").format(d),
  };
}
