// Security headers on every response. The CSP allows nothing but this site: no inline
// script or style, no third-party hosts, no framing. Manage links carry a secret token, so
// no page ever sends a Referer. helmet decides the headers; they are the same for every
// response, so they are collected from it once and set by one hook, rather than by
// running helmet's middleware on each request.
import type { FastifyHelmetOptions } from "@fastify/helmet";
import fp from "fastify-plugin";
import helmet, { type HelmetOptions } from "helmet";
import type { Config } from "../config.ts";

declare module "fastify" {
  interface FastifyInstance {
    /** The same headers, for the few answers Fastify sends before any hook runs. */
    securityHeaders: Record<string, string>;
  }
}

export function helmetOptions(config: Config): FastifyHelmetOptions {
  const https = config.publicUrl.startsWith("https://");
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        imgSrc: ["'self'", "data:"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    referrerPolicy: { policy: "no-referrer" },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    frameguard: { action: "deny" },
  };
}

/** The headers helmet sets for these options, collected once. */
function collectHeaders(options: FastifyHelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: unknown) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  // The ESM and CommonJS typings of helmet's options are the same shape under two names.
  helmet(options as HelmetOptions)({} as never, response as never, () => {});
  return headers;
}

export default fp(
  async (app) => {
    const headers = collectHeaders(helmetOptions(app.config));
    app.decorate("securityHeaders", headers);
    app.addHook("onRequest", (_request, reply, done) => {
      reply.headers(headers);
      done();
    });
  },
  { name: "security", dependencies: ["core"] },
);
