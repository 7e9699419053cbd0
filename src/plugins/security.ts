// Security headers on every response. The CSP allows nothing but this site: no inline
// script or style, no third-party hosts, no framing. Manage links carry a secret token, so
// no page ever sends a Referer.
import helmet from "@fastify/helmet";
import fp from "fastify-plugin";

export default fp(
  async (app) => {
    const https = app.config.publicUrl.startsWith("https://");
    await app.register(helmet, {
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
    });
  },
  { name: "security", dependencies: ["core"] },
);
