// Reception's day list: /staff/offices/:officeId/day?date=YYYY-MM-DD, with the desk
// actions (arrived, seen, no-show, undo) as plain forms that come back to the list.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { addDays, localDateOf } from "../../local-date.ts";
import { recordDeskAction } from "../../domain/booking/record-outcome.ts";
import { loadDayList } from "../../domain/desk/day-list.ts";
import type { Office } from "../../generated/prisma/client.ts";
import { formatter } from "../../i18n/format.ts";
import { staffTranslator } from "../../i18n/catalogue.ts";
import { renderError } from "../../plugins/errors.ts";
import { languageLabel } from "../../i18n/language-names.ts";
import { queryValue } from "../input.ts";
import { PageCache } from "../page-cache.ts";
import receptionPrintRoutes from "./reception-print.ts";
import { dayParam, rowView } from "./reception-shared.ts";
import receptionWalkInRoutes from "./reception-walk-in.ts";
import receptionQueueRoutes from "./reception-queue.ts";
import { deskView, ticketsOfDay, type DeskQuery } from "./reception-desk-view.ts";
import { staffOffice, staffOffices } from "./scope.ts";
import { signedIn } from "./session.ts";
import { findBookingById } from "../../domain/booking/find-booking.ts";
import { offerChannel } from "../../domain/desk/waiting-offers.ts";
import receptionOfferRoutes, { channelLabels, offerView } from "./reception-offers.ts";

// Path parameters are text, so a wrong one is the 404 page rather than a 400: the office
// in staffOffice, the booking and the action in actionParams.
const dayParams = z.object({ officeId: z.string() });
/** `?date=YYYY-MM-DD`, checked by dayParam (absent: today; anything else not a day list: 404). */
const dayQuery = z.object({ date: queryValue, scan: queryValue, booking: queryValue, call: queryValue, ticket: queryValue });
const actionPath = z.object({ officeId: z.string(), bookingId: z.string(), action: z.string() });
const actionParams = z.object({
  officeId: z.string(),
  bookingId: z.string().regex(/^\d{1,9}$/),
  action: z.enum(["check-in", "attended", "no-show", "undo"]),
});

const waitingLabels: Record<string, string> = {
  waiting: "staff.reception.waiting.waiting",
  seen: "staff.reception.waiting.seen",
  left: "staff.reception.waiting.left",
  offered: "staff.reception.waiting.offered",
  booked: "staff.reception.waiting.booked",
};

const receptionRoutes: FastifyPluginAsyncZod = async (app) => {
  // A desk reloads the list all day; the page is kept, per signed-in browser (it carries
  // the form token), until anything on it changes — a check-in at another desk shows on
  // the next reload — or for half a minute.
  const pages = new PageCache(
    app.db,
    ["Office", "ConsultationSeries", "ScheduleException", "Booking", "WaitingListEntry", "WaitingOffer", "StaffSession", "StaffUser", "StaffUserOffice", "QueueTicket"],
    { ttlMs: 30_000, maxEntries: 500, compress: false },
  );

  app.get("/day", async (request, reply) => {
    const [first] = await staffOffices(app, request);
    if (!first) return renderError(request, reply, 404);
    return reply.redirect(`/staff/offices/${first.id}/day`, 303);
  });

  // Served even when the server is behind: the desk runs on it.
  app.get("/offices/:officeId/day", { config: { keepServing: true }, schema: { params: dayParams, querystring: dayQuery } }, async (request, reply) => {
    const office = await staffOffice(app, request, reply, request.params.officeId);
    if (!office) return reply;
    const now = app.clock.now();
    const date = dayParam(request.query.date, now, office.timeZone);
    if (!date) return renderError(request, reply, 404);
    await pages.send(request, reply, `${signedIn(request).csrfToken} ${request.url}`, now, () => renderDayList(request, reply, office, date, now, request.query));
    return reply;
  });

  async function renderDayList(request: FastifyRequest, reply: FastifyReply, office: Office, date: string, now: Date, query: DeskQuery, refusal: string | null = null): Promise<string> {
    const staff = signedIn(request);
    const locale = staff.user.locale;
    const t = staffTranslator(locale);
    const fmt = formatter(locale, office.timeZone);
    const list = await loadDayList(app.db, office, date, now);
    // Walk-ins are for people at the desk: today only. The waiting list is for today and tomorrow.
    const isToday = localDateOf(now, office.timeZone) === date;
    const waitingDay = isToday || addDays(localDateOf(now, office.timeZone), 1) === date;
    const offices = await staffOffices(app, request);
    const tickets = await ticketsOfDay(app, office, list.appointments.map((b) => b.id));
    const row = (b: Parameters<typeof rowView>[0]) => ({ ...rowView(b, t, fmt, locale), ticket: tickets.get(b.id) ?? null });
    const sessions = list.sessions.map((s) => ({
      start: s.session.startTime,
      end: s.session.endTime,
      holiday: s.session.holiday ?? null,
      free: s.free,
      openForWalkIns: isToday && s.slots.some((slot) => slot.free > 0 && slot.endsAt > now),
      over: s.session.endsAt <= now,
      slots: s.slots.map((slot) => ({
        time: fmt.time(slot.startsAt),
        iso: slot.startsAt.toISOString(),
        // No-show is offered once the appointment's time has come (see recordDeskAction).
        rows: slot.bookings.map((b) => ({ ...row(b), noShowOpen: b.startsAt <= now })),
        free: slot.free,
        over: slot.endsAt <= now,
        canWalkIn: isToday && slot.free > 0 && slot.endsAt > now,
        held: slot.held,
      })),
      waiting: s.waiting.map((w) => ({
        id: w.id,
        name: w.name ?? "–",
        language: languageLabel(w.language, locale),
        interpreter: w.interpreterNeeded ? t("staff.reception.yes") : t("staff.reception.no"),
        status: w.status,
        statusLabel: t(waitingLabels[w.status] ?? waitingLabels.waiting!),
        // How a freed place would reach them.
        reach: t(channelLabels[offerChannel(w)] ?? channelLabels.call!),
      })),
      // The session is full: people may wait for it, today and tomorrow (the days whose freed places are offered).
      canAddWaiting: waitingDay && s.session.endsAt > now && !s.slots.some((slot) => slot.free > 0 && slot.endsAt > now),
      offers: s.offers.map((o) => offerView(o, t, fmt, now)),
    }));
    return reply.viewAsync("staff/reception/day.eta", {
      office,
      offices,
      date,
      heading: fmt.localDate(date),
      today: isToday,
      // Arrival and outcome are marked on the day or afterwards (see recordDeskAction).
      marksOpen: date <= localDateOf(now, office.timeZone),
      previous: addDays(date, -1),
      next: addDays(date, 1),
      sessions,
      elsewhere: list.elsewhere.map(row),
      // The queue runs on the day itself: scanning, numbers, calling.
      desk: isToday ? await deskView(app, office, staff.user, query, t, fmt, now) : null,
      canLinkScreen: staff.user.role !== "RECEPTION",
      summary: list.summary,
      canExport: staff.user.role !== "RECEPTION",
      refusal,
    });
  }

  app.post("/offices/:officeId/day/bookings/:bookingId/:action", { schema: { params: actionPath } }, async (request, reply) => {
    const parsed = actionParams.safeParse(request.params);
    if (!parsed.success) return renderError(request, reply, 404);
    const office = await staffOffice(app, request, reply, parsed.data.officeId);
    if (!office) return reply;
    const bookingId = Number(parsed.data.bookingId);
    const booking = await findBookingById(app.db, bookingId);
    if (!booking || booking.officeId !== office.id) return renderError(request, reply, 404);
    const result = await recordDeskAction(app.deps, { actor: { type: "staff", id: signedIn(request).user.id }, bookingId, action: parsed.data.action }, app.clock.now());
    if (result.kind === "not-found") return renderError(request, reply, 404);
    // A day that has not come yet offers no marks; a request for one changes nothing.
    const date = localDateOf(booking.startsAt, office.timeZone);
    if (result.kind === "not-started") {
      // Nobody is a no-show before their time: the list again, saying so, with nothing changed.
      const locale = signedIn(request).user.locale;
      const t = staffTranslator(locale);
      const fmt = formatter(locale, office.timeZone);
      const refusal = t("staff.reception.noShowTooEarly", { code: rowView(result.booking, t, fmt, locale).code, time: fmt.time(result.booking.startsAt) });
      const html = await renderDayList(request, reply, office, date, app.clock.now(), {}, refusal);
      return reply.code(409).header("cache-control", "no-store").type("text/html; charset=utf-8").send(html);
    }
    return reply.redirect(`/staff/offices/${office.id}/day?date=${date}#booking-${bookingId}`, 303);
  });

  await app.register(receptionWalkInRoutes);
  await app.register(receptionOfferRoutes);
  await app.register(receptionPrintRoutes);
  await app.register(receptionQueueRoutes);
};

export default receptionRoutes;
