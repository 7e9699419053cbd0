// Booking.searchName: the name as the staff search compares it, written wherever the name
// is written and erased with it. SQL LIKE folds case only for ASCII ("ömer" must find
// "Ömer"), so the folding is done here, once per write, and the search compares folded
// text with folded text.

/** NFKC, lower case in no particular language, runs of white space as one space, trimmed. */
export function foldName(text: string): string {
  return text.normalize("NFKC").toLocaleLowerCase("und").replace(/\s+/g, " ").trim();
}

// LIKE reads % and _ as wildcards (and \ as the escape on PostgreSQL), and Prisma's
// `contains` passes them on as they are: "a_b" would find "axb". The folded text holds
// them as private-use characters instead, which LIKE takes literally on both engines;
// the query is folded the same way, so `contains` is a plain substring test.
const literal: Record<string, string> = { "%": "\uE000", _: "\uE001", "\\": "\uE002" };
const encodeWildcards = (folded: string) => folded.replace(/[%_\\]/g, (ch) => literal[ch]!);

/** The text to store in searchName for a booking's name (null when there is none). */
export function searchNameOf(name: string | null): string | null {
  return name === null ? null : encodeWildcards(foldName(name));
}

/** A search query as it is compared with searchName; "" when nothing is left to find. */
export function searchNeedle(query: string): string {
  return encodeWildcards(foldName(query));
}
