// Message catalogues: one JSON file per locale with every key. Texts use {name}
// placeholders; templates escape the result, so catalogues hold plain text, never HTML.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { messagesDir } from "../paths.ts";
import { locales, type Locale } from "./locales.ts";

export { messagesDir };

export interface CatalogueFile {
  $meta: { language: string; status: "reviewed" | "machine-draft"; note?: string };
  messages: Record<string, string>;
}

export type Params = Record<string, string | number>;
export type Translate = (key: string, params?: Params) => string;

export function readCatalogue(locale: Locale): CatalogueFile {
  return JSON.parse(readFileSync(join(messagesDir, `${locale}.json`), "utf8")) as CatalogueFile;
}

/** The staff side speaks Dutch and English only; its texts live apart from the public ones. */
export const staffLocales = ["nl", "en"] as const;
export type StaffLocale = (typeof staffLocales)[number];

/**
 * Staff texts are split by area (core, schedule, bookings, admin, reception):
 * messages/staff/<area>.<locale>.json. Returns each area's file for one locale.
 */
export function readStaffCatalogues(locale: StaffLocale): Array<{ area: string; file: CatalogueFile }> {
  const dir = join(messagesDir, "staff");
  return readdirSync(dir)
    .filter((name) => name.endsWith(`.${locale}.json`))
    .sort()
    .map((name) => ({ area: name.slice(0, -`.${locale}.json`.length), file: JSON.parse(readFileSync(join(dir, name), "utf8")) as CatalogueFile }));
}

const catalogues = new Map<Locale, Record<string, string>>(
  locales.map((locale) => [locale, readCatalogue(locale).messages]),
);
const staffCatalogues = new Map<StaffLocale, Record<string, string>>(
  staffLocales.map((locale) => [
    locale,
    Object.assign({}, catalogues.get(locale), ...readStaffCatalogues(locale).map(({ file }) => file.messages)),
  ]),
);

export function interpolate(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * A translator for one locale. A missing key falls back to English and then to the key
 * itself, so a gap shows up as text rather than a crash; the catalogue test keeps gaps out.
 */
export function translator(locale: Locale): Translate {
  const own = catalogues.get(locale) ?? {};
  const english = catalogues.get("en") ?? {};
  return (key, params) => interpolate(own[key] ?? english[key] ?? key, params);
}

/** Staff pages: their own texts, falling back to the public ones (statuses, errors). */
export function staffTranslator(locale: StaffLocale): Translate {
  const own = staffCatalogues.get(locale) ?? {};
  return (key, params) => interpolate(own[key] ?? key, params);
}

export function isStaffLocale(value: unknown): value is StaffLocale {
  return value === "nl" || value === "en";
}
