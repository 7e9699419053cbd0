// The languages the public side speaks: Dutch and English, and the languages of the
// main countries of origin of voluntary returns from the Netherlands. Adding one: add it
// here and add a catalogue src/i18n/messages/<code>.json with every key
// (test/i18n/catalogues.test.ts checks).

export const locales = ["nl", "en", "ar", "fa", "ps", "ru", "uk", "sq", "bs", "mn", "ka", "tr", "fr", "es", "ti"] as const;
export type Locale = (typeof locales)[number];

export interface LocaleInfo {
  /** The language's name in the language itself, for the language switcher. */
  nativeName: string;
  dir: "ltr" | "rtl";
  /**
   * Locale passed to Intl for dates and times: always the Gregorian calendar and Latin
   * digits, so the date and time match the Dutch card and the desk's list.
   */
  intl: string;
}

export const localeInfo: Record<Locale, LocaleInfo> = {
  nl: { nativeName: "Nederlands", dir: "ltr", intl: "nl-NL" },
  en: { nativeName: "English", dir: "ltr", intl: "en-GB" },
  ar: { nativeName: "العربية", dir: "rtl", intl: "ar-u-ca-gregory-nu-latn" },
  fa: { nativeName: "فارسی / دری", dir: "rtl", intl: "fa-u-ca-gregory-nu-latn" },
  ps: { nativeName: "پښتو", dir: "rtl", intl: "ps-u-ca-gregory-nu-latn" },
  ru: { nativeName: "Русский", dir: "ltr", intl: "ru" },
  uk: { nativeName: "Українська", dir: "ltr", intl: "uk" },
  sq: { nativeName: "Shqip", dir: "ltr", intl: "sq" },
  bs: { nativeName: "Bosanski / Hrvatski / Srpski", dir: "ltr", intl: "bs-Latn" },
  mn: { nativeName: "Монгол", dir: "ltr", intl: "mn" },
  ka: { nativeName: "ქართული", dir: "ltr", intl: "ka" },
  tr: { nativeName: "Türkçe", dir: "ltr", intl: "tr" },
  fr: { nativeName: "Français", dir: "ltr", intl: "fr-FR" },
  es: { nativeName: "Español", dir: "ltr", intl: "es" },
  ti: { nativeName: "ትግርኛ", dir: "ltr", intl: "ti-u-ca-gregory-nu-latn" },
};

/** Browser language tags served by one of our catalogues under another code. */
const aliases: Record<string, Locale> = {
  prs: "fa", // Dari
  hr: "bs",
  sr: "bs",
  sh: "bs",
  cnr: "bs",
  hbs: "bs",
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

function supported(tag: string): Locale | null {
  if (isLocale(tag)) return tag;
  return aliases[tag] ?? null;
}

/**
 * Picks the best supported locale from an Accept-Language header, by quality and then
 * order; a region ("nl-BE") falls back to its language.
 */
export function negotiateLocale(header: string | undefined, fallback: Locale): Locale {
  if (!header) return fallback;
  const ranked = header
    .split(",")
    .slice(0, 30)
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim().toLowerCase(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.tag && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { tag } of ranked) {
    const match = supported(tag) ?? supported(tag.split("-")[0] ?? "");
    if (match) return match;
  }
  return fallback;
}
