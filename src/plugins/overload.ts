// Under more load than the machine can serve, answer at once with 503 and Retry-After
// instead of queueing requests without bound. Two fences:
//
// 1. Per kind of work (bookings, manage-link pages, sign-ins: the kinds app.limited
//    names), at most MAX_IN_FLIGHT requests are handled at once on this server; the next
//    one is answered 503 before its body is read, in a millisecond, and the kind is open
//    again the moment one of them finishes. A flood of bookings so cannot starve the
//    office pages, the day list or sign-in.
// 2. When the event loop still falls behind (@fastify/under-pressure measures its delay),
//    everything is shed except what keeps the day going and costs little: public pages
//    read with GET (cached, or small) and the staff day list (`keepServing`).
import underPressure from "@fastify/under-pressure";
import type { FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { renderError } from "./errors.ts";
import type { LimitKind } from "./limits.ts";

export const RETRY_AFTER_SECONDS = 10;
/** A kind that is full is free again as soon as one request of it finishes. */
export const BUSY_RETRY_AFTER_SECONDS = 2;

declare module "fastify" {
  interface FastifyContextConfig {
    /** The kind of work this route counts against (set by app.limited). */
    admission?: LimitKind;
    /** A staff page served even when the event loop falls behind (the day list). */
    keepServing?: boolean;
  }
  interface FastifyInstance {
    /** Requests of each kind being handled now, on this server. */
    inFlight(kind: LimitKind): number;
  }
}

/** Served while the event loop is behind: public GET pages and staff pages marked so. */
function keptUnderPressure(request: FastifyRequest): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  if (request.routeOptions.config.keepServing === true) return true;
  return !request.url.startsWith("/staff") && request.routeOptions.config.admission === undefined;
}

async function shed(request: FastifyRequest, reply: FastifyReply, retryAfter: number, why: string) {
  request.log.warn(`overloaded: request shed with 503 (${why})`);
  reply.header("retry-after", String(retryAfter));
  return renderError(request, reply, 503);
}

export default fp(
  async (app) => {
    const limit = app.config.maxInFlight;
    const inFlight = new Map<LimitKind, number>();
    app.decorate("inFlight", (kind: LimitKind) => inFlight.get(kind) ?? 0);

    app.addHook("onRequest", async (request, reply) => {
      const kind = request.routeOptions.config.admission;
      if (!kind) return;
      const now = inFlight.get(kind) ?? 0;
      if (now >= limit) return shed(request, reply, BUSY_RETRY_AFTER_SECONDS, `${kind}: ${now} in flight`);
      inFlight.set(kind, now + 1);
      // Given back once, whichever comes first: the response is finished, or the
      // connection closed before it could be (a client that gave up).
      let held = true;
      const release = () => {
        if (!held) return;
        held = false;
        inFlight.set(kind, (inFlight.get(kind) ?? 1) - 1);
      };
      reply.raw.once("finish", release);
      reply.raw.once("close", release);
    });

    await app.register(underPressure, {
      maxEventLoopDelay: app.config.overloadMaxDelayMs,
      // A mean over a quarter of a second: one slow request does not shed the next ones,
      // a loop that keeps falling behind does, and the shedding stops soon after the
      // load. (A window without a single sample counts as infinitely late, so it must be
      // longer than any one pause.)
      sampleInterval: 250,
      retryAfter: RETRY_AFTER_SECONDS,
      pressureHandler: (request, reply) => {
        if (keptUnderPressure(request)) return undefined;
        return shed(request, reply, RETRY_AFTER_SECONDS, "event loop behind");
      },
    });
  },
  { name: "overload", dependencies: ["core", "errors"] },
);
