// Booking codes are read aloud at a desk and typed from paper, so they avoid characters
// that look alike (0/O, 1/I/L) and are shown in two groups: "K7MX-4QPB" (formatBookingCode
// in i18n/format.ts). A code only identifies; it never unlocks anything.
import { randomInt } from "node:crypto";

const alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const length = 8;

export function newBookingCode(): string {
  let code = "";
  for (let i = 0; i < length; i++) code += alphabet[randomInt(alphabet.length)];
  return code;
}

/** Accepts what a person types ("k7mx 4qpb", "K7MX-4QPB") and returns the stored form, or null. */
export function parseBookingCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, "");
  if (code.length !== length) return null;
  for (const ch of code) if (!alphabet.includes(ch)) return null;
  return code;
}
