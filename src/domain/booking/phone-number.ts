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

/**
 * A stored number as staff dial it: a Dutch one in the national form ("06 12345678"),
 * another country's in the international form ("+32 470 12 34 56"); as stored when it
 * does not read as a number (written before numbers were normalised).
 */
export function displayPhone(stored: string): string {
  const parsed = parsePhoneNumberFromString(stored.trim().replace(/^00/, "+"), "NL");
  if (!parsed?.isValid()) return stored;
  return parsed.country === "NL" ? parsed.formatNational() : parsed.formatInternational();
}
