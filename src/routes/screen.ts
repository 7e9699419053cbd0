// The calling screen in the waiting room: /screen/<token>, without signing in (the
// token is the key; see domain/queue/calling-screen.ts). The page shows the number being
// called and the room or desk, in Dutch with pictograms, and nothing personal. Without
// JavaScript it reloads itself every few seconds (meta refresh); with JavaScript it asks
// /screen/<token>/calls.json every two seconds instead, sounds a tone on a new call and
// keeps the last state on screen while the server is away. An unknown or replaced token
// gets the same 404 page as any unknown address.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { findScreenOffice, screenCalls } from "../domain/queue/calling-screen.ts";
import { staffTranslator } from "../i18n/catalogue.ts";

const params = z.object({ token: z.string() });
/** Seconds between reloads without JavaScript. */
const refreshSeconds = 5;

const screenRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get("/:token", { config: { keepServing: true }, schema: { params } }, async (request, reply) => {
    reply.header("cache-control", "no-store").header("referrer-policy", "no-referrer");
    const office = await findScreenOffice(app.db, request.params.token);
    if (!office) return reply.callNotFound();
    const [current, ...previous] = await screenCalls(app.db, office, app.clock.now());
    return reply.viewAsync("staff/reception/calling-screen.eta", {
      t: staffTranslator("nl"),
      office: { name: office.name },
      current: current ?? null,
      previous,
      refreshSeconds,
      callsUrl: `/screen/${request.params.token}/calls.json`,
    });
  });

  app.get("/:token/calls.json", { config: { keepServing: true }, schema: { params } }, async (request, reply) => {
    reply.header("cache-control", "no-store").header("referrer-policy", "no-referrer");
    const office = await findScreenOffice(app.db, request.params.token);
    if (!office) return reply.callNotFound();
    const [current, ...previous] = await screenCalls(app.db, office, app.clock.now());
    return { current: current ?? null, previous };
  });
};

export default screenRoutes;
