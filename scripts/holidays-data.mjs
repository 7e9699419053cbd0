// Writes the Dutch public holidays for the server, from date-holidays' maintained data
// set. Run after install, like `prisma generate`.
// - src/generated/holidays-nl.json: the Dutch rules (the "custom build" date-holidays'
//   README describes), so the server never holds the rules of 200 countries.
// - src/generated/holidays-nl-dates.json: the public holidays those rules give for the
//   years 2000–2100, computed here by the same parser the server uses, so the server
//   need not load the parser (and the time zone data it brings, about 20 MB) at all. For
//   a year outside that range it loads the parser and computes from the rules.
import { mkdirSync, writeFileSync } from "node:fs";
import HolidaysParser from "date-holidays-parser";
import { data } from "date-holidays/data";

export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;

const nl = { version: data.version, license: data.license, holidays: { NL: data.holidays.NL }, names: data.names };
mkdirSync("src/generated", { recursive: true });
writeFileSync("src/generated/holidays-nl.json", JSON.stringify(nl));

const calendar = new HolidaysParser(nl, "NL", { languages: ["nl"], types: ["public"] });
const dates = {};
for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
  for (const holiday of calendar.getHolidays(year)) if (holiday.type === "public") dates[holiday.date.slice(0, 10)] = holiday.name;
}
writeFileSync("src/generated/holidays-nl-dates.json", JSON.stringify({ version: data.version, firstYear: FIRST_YEAR, lastYear: LAST_YEAR, dates }));
