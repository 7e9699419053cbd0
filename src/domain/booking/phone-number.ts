// Phone numbers as people write them ("06 1234 5678", "+32 470 12 34 56", "0031 6…")
// turned into E.164 ("+31612345678"), the form SMS providers take and send replies from.
// libphonenumber-js carries Google's maintained numbering plans, so a number that cannot
// exist (too short, too long, no such range) is refused on the form rather than by the provider.
import { parsePhoneNumberFromString } from "libphonenumber-js/max";

/** The E.164 form of a phone number, read as Dutch unless it says otherwise; null when it is not a number. */
export function toE164(input: string): string | null {
  const written = input.trim().replace(/^00/, "+");
  const parsed = parsePhoneNumberFromString(written, "NL");
  return parsed?.isValid() ? parsed.number : null;
}
