// Dutch public holidays from date-holidays (maintained, includes Easter-based dates), so
// no one types dates by hand. Only type "public" closes the office by default.
import Holidays from "date-holidays";
import type { LocalDate } from "./local-date.ts";

const calendar = new Holidays("NL", { languages: ["nl"], types: ["public"] });
const byYear = new Map<number, Map<LocalDate, string>>();

function holidaysIn(year: number): Map<LocalDate, string> {
  let map = byYear.get(year);
  if (!map) {
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
