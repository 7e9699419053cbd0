// Rate limits: one budget per visitor per kind of action, whichever route or app server
// the requests reach. Counted in the engine's limit store (memory for a single SQLite
// server, a table shared by every server on PostgreSQL), under a keyed hash of the
// visitor's address: the address itself is never stored. Going over answers a 429 page
// in the visitor's language (see errors.ts).
//
// "Lost your link?" counts quietly (countQuietly): going over changes nothing the visitor
// sees, so the answer cannot tell whether a code or a contact is known (lost-link.ts).
import { createHmac } from "node:crypto";
import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { engineOf } from "../db/client.ts";
import type { LimitStore } from "../db/engine.ts";

export type LimitKind = "booking" | "manage" | "sign-in" | "lost-link";
/** Budgets counted without a 429: per visitor, per booking code, per email address or phone number. */
export type QuietLimitKind = "lost-link" | "lost-link-code" | "lost-link-contact";

declare module "fastify" {
  interface FastifyInstance {
    limitStore: LimitStore;
    /** Route options that count a request against the visitor's budget for this kind. */
    limited(kind: LimitKind): { config: { admission: LimitKind; rateLimit: { max: number; timeWindow: number; keyGenerator: (request: FastifyRequest) => string } } };
    /**
     * Counts one more request for `value` (a visitor's address, a booking code, a
     * contact key) in the kind's budget; true while it is within the budget. The count is
     * one atomic step in the shared store, so requests sent at once are counted exactly.
     */
    countQuietly(kind: QuietLimitKind, value: string): Promise<boolean>;
  }
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function budgets(app: FastifyInstance): Record<LimitKind, { max: number; windowMs: number }> {
  return {
    // Every form that makes a booking: the public and the caseworker's alike.
    booking: { max: app.config.rateLimits.bookings, windowMs: MINUTE },
    // Every page a manage link opens: view, calendar file, move, cancel.
    manage: { max: app.config.rateLimits.manage, windowMs: MINUTE },
    "sign-in": { max: 30, windowMs: 15 * MINUTE },
    "lost-link": { max: app.config.rateLimits.lostLink, windowMs: HOUR },
  };
}

/** A code or an address may be asked about this often an hour, by everyone together. */
const LOST_LINK_PER_TARGET = { max: 3, windowMs: HOUR };


export default fp(
  async (app) => {
    const store = engineOf(app.db).limits;
    const clock = app.clock;
    const secret = app.config.appSecret!;
    // @fastify/rate-limit makes a store per route; every route shares this one, so a key
    // (kind and visitor) has one count however many routes spend it.
    class SharedStore {
      incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number) {
        const now = clock.now();
        store.hit(key, timeWindow, now).then(
          ({ count, resetAt }) => callback(null, { current: count, ttl: Math.max(0, resetAt.getTime() - now.getTime()) }),
          (error: Error) => {
            app.log.warn({ err: error }, "rate limit store failed: request let through");
            callback(error);
          },
        );
      }

      child() {
        return this;
      }
    }
    app.decorate("limitStore", store);
    const all = budgets(app);
    const keyOf = (kind: string, value: string) => `${kind}:${createHmac("sha256", secret).update(value).digest("base64url").slice(0, 32)}`;
    const quiet: Record<QuietLimitKind, { max: number; windowMs: number }> = {
      "lost-link": all["lost-link"],
      "lost-link-code": LOST_LINK_PER_TARGET,
      "lost-link-contact": LOST_LINK_PER_TARGET,
    };
    app.decorate("countQuietly", async (kind: QuietLimitKind, value: string) => {
      const { max, windowMs } = quiet[kind];
      const { count } = await store.hit(keyOf(kind, value), windowMs, clock.now());
      return count <= max;
    });
    app.decorate("limited", (kind: LimitKind) => ({
      config: {
        // The kind of work, also bounded in flight (overload.ts).
        admission: kind,
        rateLimit: {
          max: all[kind].max,
          timeWindow: all[kind].windowMs,
          keyGenerator: (request: FastifyRequest) => keyOf(kind, request.ip),
        },
      },
    }));
    await app.register(rateLimit, {
      global: false,
      store: SharedStore,
      // A store that cannot be reached (the database is down) must not turn every page
      // into an error: the request goes on, and the database refuses it if it is down.
      skipOnError: true,
      errorResponseBuilder: (_request, context) => Object.assign(new Error("Too many requests"), { statusCode: context.statusCode }),
    });
  },
  { name: "limits", dependencies: ["core"] },
);
