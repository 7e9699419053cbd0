// Staff passwords: Argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane),
// through the maintained `argon2` binding.
import { randomInt } from "node:crypto";
import { availableParallelism } from "node:os";
import argon2 from "argon2";
import pLimit from "p-limit";

const options = { type: argon2.argon2id, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;

/** A password that is easy to type from the start-up output: 4 groups of 5 letters and digits. */
export function readablePassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  return Array.from({ length: 4 }, () => Array.from({ length: 5 }, () => alphabet[randomInt(alphabet.length)]).join("")).join("-");
}

/**
 * Hashing takes 19 MiB and a core for a moment. At most one per core runs at a time; the
 * others wait their turn, so 28 sign-ins at once cost the memory of two, not of 28.
 */
export const hashing = pLimit(Math.max(1, availableParallelism()));

export function hashPassword(password: string): Promise<string> {
  return hashing(() => argon2.hash(password, options));
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await hashing(() => argon2.verify(hash, password));
  } catch {
    return false;
  }
}

// Verified against when the email is unknown, so a wrong email costs the same time as a
// wrong password and the answer does not tell which one it was.
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword("decoy password that never matches");
  return decoy;
}
