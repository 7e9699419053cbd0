// What a new staff password must be, after NIST SP 800-63B (5.1.1.2): long enough, not a
// common or breached password, not a run or repetition of characters, and not made of
// what others know of the account (the user's name or email). No rules about digits or
// capitals: they make passwords harder to remember, not to guess.
//
// The list of common and breached passwords is zxcvbn-ts's (about 49,000, from published
// breaches), shipped with the app and read only when a password is judged.
import { MIN_PASSWORD_LENGTH } from "./passwords.ts";

export const MAX_PASSWORD_LENGTH = 1000;

export type PasswordProblem = "tooShort" | "tooLong" | "common" | "pattern" | "personal";

let common: Promise<ReadonlySet<string>> | null = null;
function commonPasswords(): Promise<ReadonlySet<string>> {
  common ??= import("@zxcvbn-ts/language-common").then(({ dictionary }) => new Set(dictionary["passwords-common"]));
  return common;
}

/**
 * One unit repeated ("aaaa…", "abcabc…", "1212…", "iloveyou iloveyou") or a step sequence
 * ("1234…", "abcd…", "9876…").
 */
function isPattern(password: string): boolean {
  const s = password.toLowerCase().replace(/\s+/g, "");
  for (let unit = 1; unit <= s.length / 2; unit++) {
    // A short unit may stop part-way ("abcabcab"); a longer one repeats whole.
    const repeated = s.slice(0, unit).repeat(Math.ceil(s.length / unit)).slice(0, s.length);
    if (s === repeated && (unit <= 4 || s.length % unit === 0)) return true;
  }
  const codes = [...s].map((c) => c.codePointAt(0)!);
  const step = codes[1]! - codes[0]!;
  // A step of ±1 wraps for digits ("…8901…") as people type them.
  const follows = (a: number, b: number) => b - a === step || (Math.abs(step) === 1 && /\d/.test(String.fromCodePoint(a)) && Math.abs(b - a) === 9);
  return Math.abs(step) === 1 && codes.every((c, i) => i === 0 || follows(codes[i - 1]!, c));
}

/** Words of this service that an attacker tries with any account. */
const serviceWords = ["spreekuur"];

/**
 * The words others know of the account: the parts of the name and of the email, four
 * letters or more (a shorter name, "Ali", is part of too many ordinary words).
 */
function personalWords(user: { name: string; email: string }): string[] {
  const [local = "", domain = ""] = user.email.toLowerCase().split("@");
  const parts = [...user.name.toLowerCase().split(/[^\p{L}\p{N}]+/u), local, ...local.split(/[^\p{L}\p{N}]+/u), domain.split(".")[0] ?? ""];
  return [...parts.filter((w) => w.length >= 4), user.email.toLowerCase(), ...serviceWords];
}

/** What is wrong with a new password for this user, or null when it will do. */
export async function passwordProblem(password: string, user: { name: string; email: string }): Promise<PasswordProblem | null> {
  if ([...password].length < MIN_PASSWORD_LENGTH) return "tooShort";
  if (password.length > MAX_PASSWORD_LENGTH) return "tooLong";
  const lower = password.toLowerCase();
  if (personalWords(user).some((word) => lower.includes(word))) return "personal";
  if (isPattern(password)) return "pattern";
  const list = await commonPasswords();
  // The list is lower case; "Password1234!" is as common as "password1234", and so is a
  // listed password with digits or signs around it ("wachtwoord2026!").
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "");
  if (list.has(lower) || (core.length >= 4 && list.has(core)) || list.has(lower.replace(/\s+/g, ""))) return "common";
  return null;
}
