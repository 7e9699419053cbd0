// Zod's issues as the field errors a form page shows: catalogue keys, so the page says
// them in the reader's language.
import type { z } from "zod";

const catalogueKey = /^[a-z][A-Za-z]*(\.[A-Za-z0-9]+)+$/;

/**
 * The first problem per field, as a catalogue key. A message that is not one (zod's own,
 * for a value of the wrong type) becomes `general`.
 */
export function formErrors(error: z.ZodError, general = "form.error.invalid"): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= catalogueKey.test(issue.message) ? issue.message : general;
  }
  return errors;
}
