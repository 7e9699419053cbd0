// Reading schedule forms: every value arrives as text (or a list, for checkboxes) and is
// checked here before it becomes a number, a local date or a wall-clock time.
import { isLocalDate, isWallClock } from "../../local-date.ts";

export type FormBody = Record<string, unknown>;
/** Field name → message key; "form" is an error about the whole form. */
export type FieldErrors = Record<string, string>;

/** A single text field; a repeated field (a crafted request) counts as empty. */
export function text(body: FormBody | undefined, name: string): string {
  const value = body?.[name];
  return typeof value === "string" ? value.trim() : "";
}

/** A field that may be sent several times (checkboxes). */
export function list(body: FormBody | undefined, name: string): string[] {
  const value = body?.[name];
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

export function wholeNumber(raw: string, min: number, max: number): number | null {
  if (!/^-?\d{1,7}$/.test(raw)) return null;
  const n = Number(raw);
  return n >= min && n <= max ? n : null;
}

/** A local date within a range that schedules can sensibly use. */
export function scheduleDate(raw: string): string | null {
  return isLocalDate(raw) && raw >= "2000-01-01" && raw <= "2099-12-31" ? raw : null;
}

export function wallClock(raw: string): string | null {
  return isWallClock(raw) ? raw : null;
}

/** Staff-facing reason: one line, short. */
export function reasonText(raw: string, max = 200): string | null {
  const clean = raw.replace(/\s+/g, " ").trim();
  return clean.length <= max ? clean : null;
}
