// Slows down guessing one account's password: after a few failures in a row, each new
// attempt for that email must wait longer (doubling, up to 15 minutes). Keyed by a hash of
// the email, known or not, so the behaviour does not reveal whether an account exists.
// The per-visitor rate limit on the route is the second fence.
//
// An attempt is reserved — counted as a failure — before the password is checked, in one
// atomic step of the limit store (shared by every app server). So sign-ins sent all at
// once cannot all be checked before any failure is recorded: at most FREE_ATTEMPTS are.
// A correct password then clears the count.
import { createHmac } from "node:crypto";
import type { LimitState, LimitStore } from "../../db/engine.ts";

export const FREE_ATTEMPTS = 5;
const MAX_WAIT_MS = 15 * 60_000;
const FORGET_AFTER_MS = 60 * 60_000;

/** How long after the last attempt the next may be made, after `failures` failures. */
export function waitAfter(failures: number): number {
  return failures < FREE_ATTEMPTS ? 0 : Math.min(1000 * 2 ** (failures - FREE_ATTEMPTS), MAX_WAIT_MS);
}

export type Reservation = { allowed: true } | { allowed: false; waitMs: number };

export class LoginThrottle {
  constructor(
    private readonly store: LimitStore,
    private readonly secret: string,
  ) {}

  #key(email: string): string {
    return `sign-in:${createHmac("sha256", this.secret).update(email.trim().toLowerCase()).digest("base64url")}`;
  }

  /** Reserves an attempt for this email, or says how long it must still wait. */
  reserve(email: string, now: Date): Promise<Reservation> {
    return this.store.update<Reservation>(this.#key(email), now, (state: LimitState | null) => {
      const failures = state && now.getTime() - state.lastAt.getTime() < FORGET_AFTER_MS ? state.count : 0;
      const wait = waitAfter(failures);
      const waitMs = state ? state.lastAt.getTime() + wait - now.getTime() : 0;
      if (wait > 0 && waitMs > 0) return { next: state, result: { allowed: false, waitMs } };
      // Requests reach the store out of order (several servers, a busy event loop): one
      // that took its time earlier than the last attempt neither waits for it nor moves
      // the last attempt back.
      const lastAt = state && state.lastAt > now ? state.lastAt : now;
      return { next: { count: failures + 1, lastAt }, result: { allowed: true } };
    });
  }

  /** The password was right: the failures are forgotten. */
  succeeded(email: string, now: Date): Promise<void> {
    return this.store.update(this.#key(email), now, () => ({ next: null, result: undefined }));
  }
}
