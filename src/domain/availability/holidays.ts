// Dutch public holidays from date-holidays' maintained rules (Easter-based dates
// included), so no one types dates by hand. The rules for the Netherlands are taken from
// its data set at install (scripts/holidays-data.mjs) and read by its own parser; only
// type "public" closes the office by default.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import HolidaysParser from "date-holidays-parser";
import { projectRoot } from "../../paths.ts";
import type { LocalDate } from "./local-date.ts";

let calendar: HolidaysParser | null = null;
const byYear = new Map<number, Map<LocalDate, string>>();

function holidaysIn(year: number): Map<LocalDate, string> {
  let map = byYear.get(year);
  if (!map) {
    calendar ??= new HolidaysParser(JSON.parse(readFileSync(join(projectRoot, "src/generated/holidays-nl.json"), "utf8")), "NL", {
      languages: ["nl"],
      types: ["public"],
    });
    map = new Map();
    for (const holiday of calendar.getHolidays(year)) {
      if (holiday.type === "public") map.set(holiday.date.slice(0, 10), holiday.name);
    }
    byYear.set(year, map);
  }
  return map;
}

/** The Dutch name of the public holiday on `date`, if it is one. */
export function dutchPublicHoliday(date: LocalDate): string | undefined {
  return holidaysIn(Number(date.slice(0, 4))).get(date);
}
