// Names for the languages clients speak, for staff: the name in the staff member's
// language with the language's own name beside it ("Tigrinya (ትግርኛ)").
import { conversationLanguages, type ConversationLanguage } from "./conversation-languages.ts";

const names = new Map<string, Intl.DisplayNames>();

/** The language's name in the reader's language only: "Bosnisch/Kroatisch/Servisch". */
export function languageName(code: string, locale: string): string {
  const own = conversationLanguages[code as ConversationLanguage];
  if (code === "other") return locale === "nl" ? "Andere taal" : "Other language";
  let display = names.get(locale);
  if (!display) {
    display = new Intl.DisplayNames([locale], { type: "language", fallback: "none" });
    names.set(locale, display);
  }
  const named = code === "hbs" ? (locale === "nl" ? "Bosnisch/Kroatisch/Servisch" : "Bosnian/Croatian/Serbian") : display.of(code);
  return named ?? own ?? code;
}

/** The name in the reader's language with the language's own name: "Georgisch (ქართული)". */
export function languageLabel(code: string, locale: string): string {
  const own = conversationLanguages[code as ConversationLanguage];
  const named = languageName(code, locale);
  if (code === "other" || named === own || named === code) return named;
  return own && !own.includes(named) ? `${named} (${own})` : named;
}
