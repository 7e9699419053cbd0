// Dutch public holidays from date-holidays' maintained rules (Easter-based dates
// included), so no one types dates by hand; only type "public" closes the office by
// default. At install (scripts/holidays-data.mjs) the library computes the holidays of
// 2000–2100 from the Dutch rules; the server reads those dates, and loads the parser
// itself (with the time zone data it brings, about 20 MB) only for a year outside them.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type HolidaysParser from "date-holidays-parser";
import { projectRoot } from "../../paths.ts";
import type { LocalDate } from "../../local-date.ts";

interface HolidayDates {
  firstYear: number;
  lastYear: number;
  dates: Record<LocalDate, string>;
  /** By Dutch name: the name in other languages, where the data set has one. */
  translations?: Record<string, Record<string, string>>;
}

const generated = join(projectRoot, "src/generated");
let computed: HolidayDates | null = null;
let calendar: HolidaysParser | null = null;
const byYear = new Map<number, Map<LocalDate, string>>();

function fromRules(year: number): Map<LocalDate, string> {
  if (!calendar) {
    // Its CommonJS build, so the rare year outside the computed ones needs no await.
    const Parser = (createRequire(import.meta.url)("date-holidays-parser") as { default: typeof HolidaysParser }).default;
    calendar = new Parser(JSON.parse(readFileSync(join(generated, "holidays-nl.json"), "utf8")) as ConstructorParameters<typeof HolidaysParser>[0], "NL", { languages: ["nl"], types: ["public"] });
  }
  const map = new Map<LocalDate, string>();
  for (const holiday of calendar.getHolidays(year)) {
    if (holiday.type === "public") map.set(holiday.date.slice(0, 10), holiday.name);
  }
  return map;
}

function holidayDates(): HolidayDates {
  computed ??= JSON.parse(readFileSync(join(generated, "holidays-nl-dates.json"), "utf8")) as HolidayDates;
  return computed;
}

/** The public holidays of one year: from the computed dates, or from the rules. */
export function holidaysIn(year: number, source: "auto" | "rules" = "auto"): Map<LocalDate, string> {
  if (source === "rules") return fromRules(year);
  let map = byYear.get(year);
  if (!map) {
    const known = holidayDates();
    if (year >= known.firstYear && year <= known.lastYear) {
      const prefix = `${year}-`;
      map = new Map(Object.entries(known.dates).filter(([date]) => date.startsWith(prefix)));
    } else {
      map = fromRules(year);
    }
    byYear.set(year, map);
  }
  return map;
}

/** The Dutch name of the public holiday on `date`, if it is one. */
export function dutchPublicHoliday(date: LocalDate): string | undefined {
  return holidaysIn(Number(date.slice(0, 4))).get(date);
}

/**
 * A holiday's name (given in Dutch) in the reader's language where the holiday data set
 * has it, else the Dutch name; `lang` says which, for the page's markup.
 */
export function holidayNameIn(dutchName: string, language: string): { name: string; lang: string } {
  const name = holidayDates().translations?.[dutchName]?.[language];
  return name ? { name, lang: language } : { name: dutchName, lang: "nl" };
}
