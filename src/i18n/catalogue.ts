// Message catalogues: one JSON file per locale with every key. Texts use {name}
// placeholders; templates escape the result, so catalogues hold plain text, never HTML.
// A counted text (one whose words follow a number) is an object with one text per plural
// category of its language, exactly the categories Intl.PluralRules names for it, and the
// number is always the {count} parameter: "1 vrije plaats", "5 vrije plaatsen".
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { messagesDir } from "../paths.ts";
import { locales, type Locale } from "./locales.ts";

export { messagesDir };

/** A counted text: one form per plural category ("one", "few", "other" …). */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>>;
export type Message = string | PluralForms;

export interface CatalogueFile {
  $meta: { language: string; status: "reviewed" | "machine-draft"; note?: string };
  messages: Record<string, Message>;
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

const catalogues = new Map<Locale, Record<string, Message>>(
  locales.map((locale) => [locale, readCatalogue(locale).messages]),
);
const staffCatalogues = new Map<StaffLocale, Record<string, Message>>(
  staffLocales.map((locale) => [
    locale,
    Object.assign({}, catalogues.get(locale), ...readStaffCatalogues(locale).map(({ file }) => file.messages)),
  ]),
);

export function interpolate(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

// Plural rules depend on the language alone, so the catalogue's code is enough (the
// calendar and digit extensions in localeInfo do not change them). Node's ICU has rules
// for all fifteen languages, Tigrinya included.
const pluralRules = new Map<Locale, Intl.PluralRules>(locales.map((locale) => [locale, new Intl.PluralRules(locale)]));

/**
 * The text of a message for these parameters: a counted text gives the form of the
 * category params.count falls in ("other" when no count is given), or undefined when the
 * catalogue lacks that form, so the caller falls back as for a missing key.
 */
function pickText(message: Message | undefined, rules: Intl.PluralRules, params?: Params): string | undefined {
  if (message === undefined || typeof message === "string") return message;
  return message[rules.select(Number(params?.count ?? Number.NaN))];
}

/**
 * A translator for one locale. A missing key (or a missing plural form) falls back to
 * English and then to the key itself, so a gap shows up as text rather than a crash; the
 * catalogue test keeps gaps out.
 */
export function translator(locale: Locale): Translate {
  const own = catalogues.get(locale) ?? {};
  const english = catalogues.get("en") ?? {};
  const rules = pluralRules.get(locale)!;
  const englishRules = pluralRules.get("en")!;
  return (key, params) => interpolate(pickText(own[key], rules, params) ?? pickText(english[key], englishRules, params) ?? key, params);
}

/** Staff pages: their own texts, falling back to the public ones (statuses, errors). */
export function staffTranslator(locale: StaffLocale): Translate {
  const own = staffCatalogues.get(locale) ?? {};
  const rules = pluralRules.get(locale)!;
  return (key, params) => interpolate(pickText(own[key], rules, params) ?? key, params);
}

export function isStaffLocale(value: unknown): value is StaffLocale {
  return value === "nl" || value === "en";
}
