// Checks on message catalogues, as plain functions so a test can show they catch a broken
// catalogue as well as pass the real ones.
import type { Message } from "../../src/i18n/catalogue.ts";

/** The {placeholders} of a text, sorted, as one string. */
export const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join();

/** The plural categories Intl gives a language on this Node, sorted. */
export const pluralCategories = (locale: string) => [...new Intl.PluralRules(locale).resolvedOptions().pluralCategories].sort();

/** Every text of a message: the text itself, or each of its plural forms. */
export const textsOf = (message: Message): unknown[] => (typeof message === "string" ? [message] : Object.values(message));

/** Keys whose Dutch text is counted (has plural forms); Dutch is the reference catalogue. */
export const countedKeys = (dutch: Record<string, Message>) => Object.keys(dutch).filter((key) => typeof dutch[key] !== "string");

/**
 * What is wrong with one catalogue's texts, measured against Dutch: a key counted in Dutch
 * has exactly the language's plural categories (a plain text will not do), any other key
 * is a plain text, and every text is non-empty with the placeholders of the Dutch one.
 * Missing and extra keys are checked apart.
 */
export function catalogueProblems(own: Record<string, Message>, dutch: Record<string, Message>, locale: string): string[] {
  const categories = pluralCategories(locale).join();
  const problems: string[] = [];
  for (const [key, reference] of Object.entries(dutch)) {
    const message = own[key];
    if (message === undefined) continue;
    const counted = typeof reference !== "string";
    if (counted && typeof message === "string") problems.push(`${key}: a plain text, but the text is counted (want ${categories})`);
    if (!counted && typeof message !== "string") problems.push(`${key}: plural forms, but the text is not counted`);
    if (counted && typeof message !== "string" && Object.keys(message).sort().join() !== categories) {
      problems.push(`${key}: categories ${Object.keys(message).sort().join()}, want ${categories}`);
    }
    const wanted = placeholders(String(textsOf(reference)[0]));
    for (const [i, text] of textsOf(message).entries()) {
      const where = typeof message === "string" ? key : `${key}.${Object.keys(message)[i]}`;
      if (typeof text !== "string" || text.trim() === "") problems.push(`${where}: empty`);
      else if (placeholders(text) !== wanted) problems.push(`${where}: placeholders ${placeholders(text)}, want ${wanted}`);
    }
  }
  return problems;
}
