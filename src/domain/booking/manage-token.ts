// The manage token is the only key to a booking's details: 256 random bits, shown to the
// client once (link on the confirmation page and in messages), stored only as a SHA-256
// hash. A hash without salt is enough because the token itself is uniformly random.
import { createHash, randomBytes } from "node:crypto";

const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

export function newManageToken(): string {
  return randomBytes(32).toString("base64url");
}

export function isManageToken(value: unknown): value is string {
  return typeof value === "string" && tokenPattern.test(value);
}

export function hashManageToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
