// The link of an offer of a freed place (src/domain/desk/waiting-offers.ts): /o/<token>
// opens /<lang>/offer/<token> in the language of the person's messages, where they take
// the place or say no. Tokens that open nothing get the 404 page, and every opening counts
// against the visitor's budget of manage-link guesses. Answering twice answers once.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { answerOffer, loadOffer } from "../../domain/desk/answer-offer.ts";
import { isOpen } from "../../domain/desk/waiting-offers.ts";
import { formatter } from "../../i18n/format.ts";
import { isLocale } from "../../i18n/locales.ts";
import { pageLocale } from "../../plugins/locale.ts";
import { formBody } from "../input.ts";

const shortParams = z.object({ token: z.string() });
const params = z.object({ lang: z.string(), token: z.string() });

/** The manage path of the booking an accepted offer made (null once it cannot be opened). */
async function bookingPath(app: FastifyInstance, locale: string, bookingId: number | null): Promise<string | null> {
  if (bookingId === null) return null;
  const booking = await app.db.booking.findUnique({ where: { id: bookingId }, select: { manageTokenSealed: true, erasedAt: true } });
  const token = booking && !booking.erasedAt && booking.manageTokenSealed ? app.deps.seal.open(booking.manageTokenSealed) : null;
  return token ? `/${locale}/booking/${token}/confirmation` : null;
}

/** /o/<token>: the offer in the language of its messages. */
export const offerShortLinkRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get("/o/:token", { ...app.limited("manage"), schema: { params: shortParams } }, async (request, reply) => {
    const found = await loadOffer(app.db, { token: request.params.token });
    if (!found) return reply.callNotFound();
    const locale = isLocale(found.entry.locale) ? found.entry.locale : "nl";
    return reply.header("cache-control", "no-store").redirect(`/${locale}/offer/${request.params.token}`, 303);
  });
};

const offerRoutes: FastifyPluginAsyncZod = async (app) => {
  const limited = app.limited("manage");

  async function render(request: FastifyRequest, reply: FastifyReply, token: string, state: "declined" | null, code = 200) {
    const found = await loadOffer(app.db, { token });
    if (!found) return reply.callNotFound();
    const { offer, office } = found;
    const locale = pageLocale(request);
    const now = app.clock.now();
    // Taken already (a second tab, a reply): the booking it made.
    if (offer.status === "accepted") {
      const path = await bookingPath(app, locale, offer.bookingId);
      if (path) return reply.header("cache-control", "no-store").redirect(path, 303);
    }
    const fmt = formatter(locale, office.timeZone);
    const html = await reply.viewAsync("public/offer.eta", {
      office,
      token,
      state: state ?? (isOpen(offer, now) ? "open" : offer.status === "declined" ? "declined" : "closed"),
      when: { date: fmt.date(offer.startsAt), time: fmt.time(offer.startsAt), end: fmt.time(offer.endsAt), until: fmt.time(offer.expiresAt) },
    });
    return reply.code(code).header("cache-control", "no-store").type("text/html; charset=utf-8").send(html);
  }

  app.get("/offer/:token", { ...limited, schema: { params } }, (request, reply) => render(request, reply, request.params.token, null));

  app.post("/offer/:token", { ...limited, schema: { params, body: formBody } }, async (request, reply) => {
    const answer = (request.body as Record<string, unknown>).answer;
    // Only the two buttons answer; anything else shows the offer again, unchanged.
    if (answer !== "accept" && answer !== "decline") return render(request, reply, request.params.token, null, 422);
    const result = await answerOffer(app.deps, { lookup: { token: request.params.token }, answer, actor: { type: "client" } }, app.clock.now());
    if (result.kind === "not-found") return reply.callNotFound();
    if (result.kind === "accepted") {
      app.outbox.wake();
      return reply.redirect(`/${pageLocale(request)}/booking/${result.token}/confirmation`, 303);
    }
    // Declined (passed on to the next person: maybe a message to send), or ended already
    // (accepted in another tab: its booking; otherwise the page says it has ended).
    app.outbox.wake();
    const declined = result.kind === "declined" || result.status === "declined";
    return render(request, reply, request.params.token, declined ? "declined" : null, declined || result.status === "accepted" ? 200 : 409);
  });
};

export default offerRoutes;
