// The manage token is the only key to a booking's details: 128 random bits (22
// characters), shown to the client once (link on the confirmation page, the appointment
// card and in messages), stored only as a SHA-256 hash. A hash without salt is enough
// because the token itself is uniformly random. 128 bits keep the link short enough for a
// text message and a small QR code; bookings made before carry 256-bit (43-character)
// tokens, and their links keep working.
import { createHash, randomBytes } from "node:crypto";

export const MANAGE_TOKEN_BYTES = 16;
const tokenPattern = /^(?:[A-Za-z0-9_-]{22}|[A-Za-z0-9_-]{43})$/;

export function newManageToken(): string {
  return randomBytes(MANAGE_TOKEN_BYTES).toString("base64url");
}

/** The manage token a secret derives: its first 128 bits. */
export function manageTokenOf(secret: Buffer): string {
  return secret.subarray(0, MANAGE_TOKEN_BYTES).toString("base64url");
}

export function isManageToken(value: unknown): value is string {
  return typeof value === "string" && tokenPattern.test(value);
}

export function hashManageToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
