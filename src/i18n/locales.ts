// The languages the public side speaks. Adding one: add it here and add a catalogue
// src/i18n/messages/<code>.json with every key (test/i18n/catalogues.test.ts checks).

export const locales = ["nl", "en"] as const;
export type Locale = (typeof locales)[number];

export interface LocaleInfo {
  /** The language's name in the language itself, for the language switcher. */
  nativeName: string;
  dir: "ltr" | "rtl";
  /** Locale passed to Intl/Luxon for dates and times. */
  intl: string;
}

export const localeInfo: Record<Locale, LocaleInfo> = {
  nl: { nativeName: "Nederlands", dir: "ltr", intl: "nl-NL" },
  en: { nativeName: "English", dir: "ltr", intl: "en-GB" },
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/**
 * Picks the best supported locale from an Accept-Language header, by quality and then
 * order; a region ("nl-BE") falls back to its language.
 */
export function negotiateLocale(header: string | undefined, fallback: Locale): Locale {
  if (!header) return fallback;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim().toLowerCase(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.tag && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { tag } of ranked) {
    const base = tag.split("-")[0];
    if (isLocale(tag)) return tag;
    if (isLocale(base)) return base;
  }
  return fallback;
}
