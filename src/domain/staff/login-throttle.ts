// Slows down guessing one account's password: after a few failures in a row, each new
// attempt for that email must wait longer (doubling, up to 15 minutes). Kept in memory
// and keyed by a hash of the email, known or not, so the behaviour does not reveal
// whether an account exists. The per-IP rate limit on the route is the second fence.
import { createHash } from "node:crypto";

const FREE_ATTEMPTS = 5;
const MAX_WAIT_MS = 15 * 60_000;
const FORGET_AFTER_MS = 60 * 60_000;
const MAX_ENTRIES = 10_000;

interface Failures {
  count: number;
  last: number;
}

export class LoginThrottle {
  readonly #entries = new Map<string, Failures>();

  #key(email: string): string {
    return createHash("sha256").update(email.trim().toLowerCase()).digest("hex");
  }

  /** Milliseconds this email must still wait before another attempt; 0 = go ahead. */
  waitMs(email: string, now: Date): number {
    const entry = this.#entries.get(this.#key(email));
    if (!entry || entry.count < FREE_ATTEMPTS) return 0;
    const wait = Math.min(1000 * 2 ** (entry.count - FREE_ATTEMPTS), MAX_WAIT_MS);
    return Math.max(0, entry.last + wait - now.getTime());
  }

  failed(email: string, now: Date): void {
    const key = this.#key(email);
    const entry = this.#entries.get(key);
    const fresh = entry && now.getTime() - entry.last < FORGET_AFTER_MS;
    this.#entries.delete(key);
    this.#entries.set(key, { count: fresh ? entry.count + 1 : 1, last: now.getTime() });
    if (this.#entries.size > MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value!);
  }

  succeeded(email: string): void {
    this.#entries.delete(this.#key(email));
  }
}
