// Pages opened by the secret manage link. Every token that opens nothing — malformed,
// guessed, or of an erased booking — gets the same 404 as any unknown page.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { cancelBooking } from "../../domain/booking/cancel-booking.ts";
import { cancelReasonLanguage } from "../../domain/booking/reason-language.ts";
import { bookingCalendar, calendarUid } from "../../emails/calendar.ts";
import { translator } from "../../i18n/catalogue.ts";
import { formatBookingCode, formatter } from "../../i18n/format.ts";
import { pageLocale } from "../../plugins/locale.ts";
import { localOffice } from "../../domain/offices/office-texts.ts";
import { queryText } from "../input.ts";
import manageMoveRoutes from "./manage-move.ts";
import { manageView, officeLocation, openManageLink } from "./manage-view.ts";
import { qrSvg } from "./qr-code.ts";

const params = z.object({ lang: z.string(), token: z.string() });
/** `?done=moved`, from the redirect after a move. */
const query = z.object({ done: queryText });

const manageRoutes: FastifyPluginAsyncZod = async (app) => {
  // Each visitor may open only so many manage links a minute: tokens cannot be guessed,
  // and this keeps anyone from trying.
  const limited = app.limited("manage");
  const page = { ...limited, schema: { params, querystring: query } };

  async function render(request: FastifyRequest, reply: FastifyReply, template: string, token: string, done: string | undefined) {
    const found = await openManageLink(app, token);
    if (!found) return reply.callNotFound();
    const locale = pageLocale(request);
    const view = manageView(app, locale, found.booking, found.token);
    // Only the confirmation shows the appointment card with its QR code.
    const qr = template === "public/confirmation.eta" ? await qrSvg(view.shortManageUrl, translator(locale)("card.qrLabel")) : null;
    // The officer's reason is marked with the language they wrote it in.
    const reasonLang = found.booking.cancelReason ? await cancelReasonLanguage(app.db, found.booking.id) : null;
    const html = await reply.viewAsync(template, { ...view, qr, reasonLang, moved: done === "moved" });
    return reply.header("cache-control", "no-store").type("text/html; charset=utf-8").send(html);
  }

  app.get("/booking/:token/confirmation", page, (request, reply) => render(request, reply, "public/confirmation.eta", request.params.token, request.query.done));

  // "Add to calendar": the same UID and SEQUENCE as the calendar files in messages.
  app.get("/booking/:token/appointment.ics", { ...limited, schema: { params } }, async (request, reply) => {
    const found = await openManageLink(app, request.params.token);
    if (!found) return reply.callNotFound();
    const { booking } = found;
    const { office } = booking;
    const locale = pageLocale(request);
    const t = translator(locale);
    const fmt = formatter(locale, office.timeZone);
    const cancelled = booking.status === "CANCELLED";
    const ics = bookingCalendar({
      method: cancelled ? "CANCEL" : "PUBLISH",
      uid: calendarUid(booking.code, app.config.publicUrl),
      sequence: booking.sequence,
      startsAt: booking.startsAt,
      endsAt: booking.endsAt,
      zone: office.timeZone,
      summary: t("calendar.summary", { office: localOffice(office, locale).name.text }),
      location: officeLocation(office),
      // No manage link: a calendar is synced to other devices and often shared.
      description: [
        `${t("booking.code")}: ${formatBookingCode(booking.code)}`,
        `${t("booking.date")}: ${fmt.date(booking.startsAt)}`,
        ...(office.phone ? [`${t("contact.phone")}: ${office.phone}`] : []),
      ].join("\n"),
      alarm: t("calendar.alarm", { office: localOffice(office, locale).name.text }),
      stamp: app.clock.now(),
    });
    return reply
      .header("cache-control", "no-store")
      .header("content-disposition", 'attachment; filename="afspraak.ics"')
      .type("text/calendar; charset=utf-8")
      .send(ics);
  });
  app.get("/booking/:token", page, (request, reply) => render(request, reply, "public/manage.eta", request.params.token, request.query.done));
  app.get("/booking/:token/cancel", page, (request, reply) => render(request, reply, "public/cancel.eta", request.params.token, request.query.done));

  // The button alone cancels: the form sends no field this route reads.
  app.post("/booking/:token/cancel", { ...limited, schema: { params } }, async (request, reply) => {
    const found = await openManageLink(app, request.params.token);
    if (!found) return reply.callNotFound();
    // Cancelling twice, or after the appointment started, changes nothing; the manage
    // page then shows the booking as it is.
    const result = await cancelBooking(app.deps, { actor: { type: "client" }, bookingId: found.booking.id, by: "client" }, app.clock.now());
    if (result.kind === "cancelled") app.outbox.wake();
    return reply.redirect(`/${pageLocale(request)}/booking/${found.token}`, 303);
  });

  await app.register(manageMoveRoutes, { limited });
};

export default manageRoutes;
