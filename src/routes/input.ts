// Building blocks of the routes' schemas (each route file declares its own from these).
// A schema gives input its type and never refuses it: what odd input leads to — a 404
// page, a form with field errors in the visitor's language, a fallback to the default —
// is the handler's decision, as it was before input was typed. A refusal here would be
// a bare 400 page instead.
import { z } from "zod";
import { isLocalDate } from "../local-date.ts";

/** A query parameter read as text; repeated (a crafted link) it counts as absent. */
export const queryText = z.string().optional().catch(undefined);

/** A query parameter the handler checks itself, as it came: absent, text, or a list. */
export const queryValue = z.unknown().optional();

/** A queryValue as its form field shows it again: the text, a list joined with commas, or nothing. */
export function shownValue(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.filter((v) => typeof v === "string").join(",");
  return "";
}

/** `YYYY-MM-DD`; anything else, or the parameter repeated, counts as absent. */
export const queryDate = z.string().refine(isLocalDate).optional().catch(undefined);

/**
 * An HTML form as posted: each field text, or a list when it was sent more than once
 * (checkboxes, or tampering). A post without a body is an empty form. The form's own
 * rules are the handler's, which answers with field errors.
 */
export const formBody = z.record(z.string(), z.union([z.string(), z.array(z.string())])).catch({});

export type PostedForm = z.output<typeof formBody>;
