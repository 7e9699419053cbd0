// Builds the application; src/server.ts is the only place that listens. Tests build the
// app with their own config, clock and database and talk to it through inject().
import type { Writable } from "node:stream";
import type pino from "pino";
import cookie from "@fastify/cookie";
import formbody from "@fastify/formbody";
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { systemClock, type Clock } from "./clock.ts";
import type { Config } from "./config.ts";
import type { Db } from "./db/client.ts";
import core from "./plugins/core.ts";
import errors from "./plugins/errors.ts";
import limits from "./plugins/limits.ts";
import locale, { localeFromPath, pageLocals } from "./plugins/locale.ts";
import outbox from "./plugins/outbox.ts";
import overload from "./plugins/overload.ts";
import retention from "./plugins/retention.ts";
import security from "./plugins/security.ts";
import view from "./plugins/view.ts";
import feedRoutes from "./routes/feeds.ts";
import publicRoutes from "./routes/public/index.ts";
import shortLinkRoutes from "./routes/public/short-link.ts";
import { offerShortLinkRoutes } from "./routes/public/offer.ts";
import screenRoutes from "./routes/screen.ts";
import staffRoutes from "./routes/staff/index.ts";

export interface AppOptions {
  config: Config;
  clock?: Clock;
  db?: Db;
  /** Where log lines go (tests capture them); standard output when absent. */
  logStream?: Writable | pino.DestinationStream;
}

/**
 * Request logs name the route pattern, never the URL: paths carry manage tokens and
 * queries can carry names. No IP addresses either.
 */
const serializers = {
  req: (request: FastifyRequest) => ({ method: request.method, route: request.routeOptions?.url ?? "(no route)" }),
  res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
};

function trustHops(hops: number) {
  return (_address: string, hop: number) => hop < hops;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const app = Fastify({
    logger: {
      level: config.logLevel,
      serializers,
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    // One line per request, when it is answered (see the onResponse hook below).
    logController: new LogController({ disableRequestLogging: true }),
    // A number of hops: trust the proxies that close to the app, and no further.
    trustProxy: typeof config.trustProxy === "number" ? trustHops(config.trustProxy) : config.trustProxy,
    bodyLimit: 64 * 1024,
    // Long path segments reach the routes, which refuse them with their own 404 page.
    routerOptions: { maxParamLength: 1000 },
    // A path with broken percent-encoding is a 400 page like any other bad request. Fastify
    // answers it before any plugin or hook runs, so the page is made here by hand.
    frameworkErrors: (error, request, raw) => {
      const reply = raw as unknown as FastifyReply;
      request.log.info({ code: error.code }, "request rejected");
      const locale = localeFromPath(request.url) ?? config.defaultLocale;
      app
        .view("errors/error.eta", { ...pageLocals(locale, "/"), status: 400, messageKey: "error.badRequest" })
        .then((html) => reply.code(400).headers({ ...app.securityHeaders, "cache-control": "no-store" }).type("text/html; charset=utf-8").send(html))
        .catch(() => reply.code(400).headers(app.securityHeaders).type("text/plain; charset=utf-8").send("Bad request"));
    },
  });

  // Route schemas are zod schemas (see routes/input.ts): they type each route's params,
  // query and body. A refusal is a validation error with status 400, which the error
  // handler answers with its page in the visitor's language.
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.addHook("onResponse", (request, reply, done) => {
    request.log.info({ req: request, res: reply, ms: Math.round(reply.elapsedTime * 10) / 10 }, "request completed");
    done();
  });

  await app.register(core, { config, clock: options.clock ?? systemClock, ...(options.db ? { db: options.db } : {}) });
  await app.register(security);
  await app.register(cookie);
  // Pages post HTML forms and nothing else; any other body type is refused with 415.
  app.removeAllContentTypeParsers();
  await app.register(formbody);
  await app.register(view);
  await app.register(outbox);
  await app.register(retention);
  await app.register(locale);
  await app.register(errors);
  await app.register(overload);
  // Limits are set per route (app.limited); going over answers a 429 page in the visitor's language.
  await app.register(limits);
  await app.register(staffRoutes, { prefix: "/staff" });
  await app.register(feedRoutes, { prefix: "/feeds" });
  await app.register(shortLinkRoutes);
  await app.register(offerShortLinkRoutes);
  await app.register(screenRoutes, { prefix: "/screen" });
  await app.register(publicRoutes, { prefix: "/:lang" });
  return app;
}
