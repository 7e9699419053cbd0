// Writes the Dutch public holidays for the server, from date-holidays' maintained data
// set. Run after install, like `prisma generate`.
// - src/generated/holidays-nl.json: the Dutch rules (the "custom build" date-holidays'
//   README describes), so the server never holds the rules of 200 countries.
// - src/generated/holidays-nl-dates.json: the public holidays those rules give for the
//   years 2000–2100, computed here by the same parser the server uses, so the server
//   need not load the parser (and the time zone data it brings, about 20 MB) at all. For
//   a year outside that range it loads the parser and computes from the rules. Beside
//   the dates, each holiday's name in the languages of the public pages where the data
//   set has it (by its Dutch name; where it has none, pages show the Dutch name).
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

// The languages of the public pages (src/i18n/locales.ts); the parser falls back to the
// country's language (Dutch) for a name it lacks, so only names that differ are kept.
const LANGUAGES = ["en", "ar", "fa", "ps", "ru", "uk", "sq", "bs", "mn", "ka", "tr", "fr", "es", "ti"];
const translations = {};
for (const language of LANGUAGES) {
  const inLanguage = new HolidaysParser(nl, "NL", { languages: [language], types: ["public"] });
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
    for (const holiday of inLanguage.getHolidays(year)) {
      const dutch = dates[holiday.date.slice(0, 10)];
      if (holiday.type !== "public" || !dutch || holiday.name === dutch) continue;
      const known = (translations[dutch] ??= {});
      if (known[language] !== undefined && known[language] !== holiday.name) throw new Error(`${dutch} has two names in ${language}: ${known[language]}, ${holiday.name}`);
      known[language] = holiday.name;
    }
  }
}
writeFileSync("src/generated/holidays-nl-dates.json", JSON.stringify({ version: data.version, firstYear: FIRST_YEAR, lastYear: LAST_YEAR, dates, translations }));
