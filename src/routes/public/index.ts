// Public pages, all under a language prefix: /nl/…, /en/….
import type { FastifyInstance } from "fastify";
import { isLocale } from "../../i18n/locales.ts";
import { useLocale } from "../../plugins/locale.ts";
import bookingRoutes from "./booking.ts";
import caseworkerRoutes from "./caseworker.ts";
import homeRoutes from "./home.ts";
import manageRoutes from "./manage.ts";
import officeRoutes from "./office.ts";

export default async function publicRoutes(app: FastifyInstance) {
  app.addHook("onRequest", async (request, reply) => {
    const { lang } = request.params as { lang?: string };
    if (!isLocale(lang)) return reply.callNotFound();
    useLocale(request, reply, lang);
  });
  await app.register(homeRoutes);
  await app.register(officeRoutes);
  await app.register(bookingRoutes);
  await app.register(manageRoutes);
  await app.register(caseworkerRoutes);
}
