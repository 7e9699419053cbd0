// Writes src/generated/holidays-nl.json: the Dutch rules from date-holidays' maintained
// data set (the "custom build" its README describes), so the server does not keep the
// rules of 200 countries in memory. Run after install, like `prisma generate`.
import { mkdirSync, writeFileSync } from "node:fs";
import { data } from "date-holidays/data";

const nl = { version: data.version, license: data.license, holidays: { NL: data.holidays.NL }, names: data.names };
mkdirSync("src/generated", { recursive: true });
writeFileSync("src/generated/holidays-nl.json", JSON.stringify(nl));
