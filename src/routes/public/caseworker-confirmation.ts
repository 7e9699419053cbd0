// Where a caseworker lands after booking for a client: a page that speaks to the
// caseworker (not to the client), with the client's appointment card to print or send.
// It opens with the same secret link as the client's pages, so it reveals nothing more.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { pageLocale } from "../../plugins/locale.ts";
import { manageView, openManageLink } from "./manage-view.ts";

const params = z.object({ lang: z.string(), token: z.string() });

/** The caseworker's page of a booking just made. */
export const caseworkerConfirmationPath = (locale: string, token: string) => `/${locale}/booking/${token}/for-client`;

const caseworkerConfirmationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get("/booking/:token/for-client", { ...app.limited("manage"), schema: { params } }, async (request, reply) => {
    const found = await openManageLink(app, request.params.token);
    // Only a caseworker's booking has a caseworker's page; any other is as unknown as a wrong token.
    if (!found || found.booking.channel !== "CASEWORKER") return reply.callNotFound();
    const view = manageView(app, pageLocale(request), found.booking, found.token);
    // The client's card is in the client's language; when that is this page's, it is this page's card.
    const clientCard = view.clientCard ?? { href: `${view.managePath}/confirmation`, locale: pageLocale(request), language: null };
    const html = await reply.viewAsync("public/caseworker/confirmation.eta", { ...view, clientCard });
    return reply.header("cache-control", "no-store").type("text/html; charset=utf-8").send(html);
  });
};

export default caseworkerConfirmationRoutes;
