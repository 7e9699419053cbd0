// The short manage link: /b/<token> opens the manage page in the booking's language.
// A token that opens nothing gets the same 404 as any unknown page, and the visitor's
// budget of manage-link guesses counts it like any other manage page.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { isLocale } from "../../i18n/locales.ts";
import { openManageLink } from "./manage-view.ts";

const params = z.object({ token: z.string() });

const shortLinkRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get("/b/:token", { ...app.limited("manage"), schema: { params } }, async (request, reply) => {
    const found = await openManageLink(app, request.params.token);
    if (!found) return reply.callNotFound();
    const locale = isLocale(found.booking.locale) ? found.booking.locale : "nl";
    return reply.header("cache-control", "no-store").redirect(`/${locale}/booking/${found.token}`, 303);
  });
};

export default shortLinkRoutes;
