// Under more load than the machine can serve, answer at once with 503 and Retry-After
// instead of queueing requests without bound; requests are served again as soon as the
// event loop catches up. @fastify/under-pressure measures the event-loop delay.
import underPressure from "@fastify/under-pressure";
import fp from "fastify-plugin";
import { renderError } from "./errors.ts";

export const RETRY_AFTER_SECONDS = 10;

export default fp(
  async (app) => {
    await app.register(underPressure, {
      maxEventLoopDelay: app.config.overloadMaxDelayMs,
      // A mean over a whole second: one slow request does not shed the next ones, a loop
      // that keeps falling behind does. (A window without a single sample counts as
      // infinitely late, so it must be longer than any one pause.)
      sampleInterval: 1000,
      retryAfter: RETRY_AFTER_SECONDS,
      pressureHandler: async (request, reply) => {
        request.log.warn("overloaded: request shed with 503");
        reply.header("retry-after", String(RETRY_AFTER_SECONDS));
        return renderError(request, reply, 503);
      },
    });
  },
  { name: "overload", dependencies: ["core", "errors"] },
);
