// Public pages, all under a language prefix: /nl/…, /en/….
import type { FastifyInstance } from "fastify";
import { isLocale } from "../../i18n/locales.ts";
import { useLocale } from "../../plugins/locale.ts";
import bookingRoutes from "./booking.ts";
import caseworkerConfirmationRoutes from "./caseworker-confirmation.ts";
import caseworkerRoutes from "./caseworker.ts";
import homeRoutes from "./home.ts";
import lostLinkRoutes from "./lost-link.ts";
import manageRoutes from "./manage.ts";
import officeRoutes from "./office.ts";
import offerRoutes from "./offer.ts";

/** The :lang path parameter, read before the routes' schemas have typed it. */
function langParam(params: unknown): unknown {
  return params !== null && typeof params === "object" && "lang" in params ? params.lang : undefined;
}

export default async function publicRoutes(app: FastifyInstance) {
  // In onRequest, before the routes' schemas and handlers: a page in a language we do not
  // speak is the 404 page, whatever else the request holds. Every handler in this scope
  // can therefore rely on the page language (pageLocale).
  app.addHook("onRequest", async (request, reply) => {
    const lang = langParam(request.params);
    if (!isLocale(lang)) return reply.callNotFound();
    useLocale(request, reply, lang);
  });
  await app.register(homeRoutes);
  await app.register(officeRoutes);
  await app.register(bookingRoutes);
  await app.register(manageRoutes);
  await app.register(lostLinkRoutes);
  await app.register(offerRoutes);
  await app.register(caseworkerRoutes);
  await app.register(caseworkerConfirmationRoutes);
}
