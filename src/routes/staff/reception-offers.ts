// Freed places offered to the waiting list, as reception and the officer see them on the
// day list: who was offered which place, how, and what came of it. An offer reception
// must make by telephone ("call this person") is answered here, as is any open offer the
// person answers at the desk or on the phone.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { displayPhone } from "../../domain/booking/phone-number.ts";
import { answerOffer } from "../../domain/desk/answer-offer.ts";
import { isOpen } from "../../domain/desk/waiting-offers.ts";
import type { WaitingListEntry, WaitingOffer } from "../../generated/prisma/client.ts";
import type { Translate } from "../../i18n/catalogue.ts";
import type { Formatter } from "../../i18n/format.ts";
import { localDateOf } from "../../local-date.ts";
import { renderError } from "../../plugins/errors.ts";
import { staffOffice } from "./scope.ts";
import { signedIn } from "./session.ts";

/** How an offer reaches its person (offerChannel), in words. */
export const channelLabels: Record<string, string> = {
  sms: "staff.reception.offer.channel.sms",
  email: "staff.reception.offer.channel.email",
  "sms email": "staff.reception.offer.channel.sms-email",
  call: "staff.reception.offer.channel.call",
};

const statusLabels: Record<string, string> = {
  open: "staff.reception.offer.status.open",
  accepted: "staff.reception.offer.status.accepted",
  declined: "staff.reception.offer.status.declined",
  expired: "staff.reception.offer.status.expired",
  withdrawn: "staff.reception.offer.status.withdrawn",
};

export function offerView(offer: WaitingOffer & { entry: WaitingListEntry }, t: Translate, fmt: Formatter, now: Date) {
  const open = isOpen(offer, now);
  // An offer whose time has passed but that the sweep has not reached yet is shown as ended.
  const status = offer.status === "open" && !open ? "expired" : offer.status;
  const call = offer.channel === "call";
  return {
    id: offer.id,
    time: fmt.time(offer.startsAt),
    name: offer.entry.name ?? "–",
    channel: t(channelLabels[offer.channel] ?? channelLabels.call!),
    at: fmt.time(offer.createdAt),
    status: t(statusLabels[status] ?? statusLabels.withdrawn!, { until: fmt.time(offer.expiresAt), at: offer.answeredAt ? fmt.time(offer.answeredAt) : "" }),
    open,
    // Reception calls the person: their number, or where to find them.
    callLine: open && call ? (offer.entry.phone ? t("staff.reception.offer.callThisPerson", { phone: displayPhone(offer.entry.phone) }) : t("staff.reception.offer.noPhone")) : null,
  };
}

const offerPath = z.object({ officeId: z.string(), offerId: z.string(), answer: z.string() });
const offerParams = z.object({ officeId: z.string(), offerId: z.string().regex(/^\d{1,9}$/), answer: z.enum(["accept", "decline"]) });

const receptionOfferRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post("/offices/:officeId/day/offers/:offerId/:answer", { schema: { params: offerPath } }, async (request, reply) => {
    const parsed = offerParams.safeParse(request.params);
    if (!parsed.success) return renderError(request, reply, 404);
    const office = await staffOffice(app, request, reply, parsed.data.officeId);
    if (!office) return reply;
    const lookup = { id: Number(parsed.data.offerId), officeId: office.id };
    const result = await answerOffer(app.deps, { lookup, answer: parsed.data.answer, actor: { type: "staff", id: signedIn(request).user.id } }, app.clock.now());
    if (result.kind === "not-found") return renderError(request, reply, 404);
    app.outbox.wake();
    // Answered twice, or too late: the list shows how the offer ended.
    const offer = await app.db.waitingOffer.findUniqueOrThrow({ where: { id: lookup.id } });
    const date = localDateOf(offer.startsAt, office.timeZone);
    return reply.redirect(result.kind === "accepted" ? `/staff/offices/${office.id}/day?date=${date}#booking-${result.booking.id}` : `/staff/offices/${office.id}/day?date=${date}#offer-${offer.id}`, 303);
  });
};

export default receptionOfferRoutes;
