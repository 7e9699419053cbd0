// The week overview of one office: each day, each session, each slot with its bookings
// and the free places.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { addDays, localDateOf, mondayOf } from "../../local-date.ts";
import { loadWeekOverview } from "../../domain/agenda/week-overview.ts";
import type { Booking } from "../../generated/prisma/client.ts";
import { formatBookingCode, formatter, type Formatter } from "../../i18n/format.ts";
import { staffTranslator, type Translate } from "../../i18n/catalogue.ts";
import { channelKeys, languageName, officersOnly, statusKeys } from "./bookings-view.ts";
import { queryDate } from "../input.ts";
import { staffOffice } from "./scope.ts";
import { signedIn } from "./session.ts";

// The id is text, so one that is not a number is the 404 page (staffOffice) rather than a 400.
const params = z.object({ officeId: z.string() });
/** `?week=YYYY-MM-DD`: a day of the week shown; anything else means this week. */
const query = z.object({ week: queryDate });

/** One booking as a row of the overview and the day lists. */
export function bookingLine(booking: Booking, fmt: Formatter, t: Translate) {
  return {
    href: `/staff/bookings/${booking.id}`,
    time: fmt.time(booking.startsAt),
    code: formatBookingCode(booking.code),
    name: booking.name,
    language: languageName(booking.language, t),
    interpreter: booking.interpreterNeeded,
    channelKey: channelKeys[booking.channel],
    status: booking.status,
    statusKey: statusKeys[booking.status],
  };
}

const bookingsWeekRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get("/offices/:officeId/week", { ...officersOnly, schema: { params, querystring: query } }, async (request, reply) => {
    const office = await staffOffice(app, request, reply, request.params.officeId);
    if (!office) return reply;
    const locale = signedIn(request).user.locale;
    const t = staffTranslator(locale);
    const fmt = formatter(locale, office.timeZone);
    const now = app.clock.now();
    const thisWeek = mondayOf(localDateOf(now, office.timeZone));
    const asked = request.query.week;
    const overview = await loadWeekOverview(app.db, office, asked ?? thisWeek, now);
    const base = `/staff/offices/${office.id}`;
    const days = overview.days.map((day) => ({
      date: day.date,
      heading: fmt.localDate(day.date),
      holiday: day.holiday,
      sessions: day.sessions.map((s) => ({
        start: s.session.startTime,
        end: s.session.endTime,
        free: s.free,
        slots: s.slots.map((slot) => ({
          time: fmt.time(slot.startsAt),
          end: fmt.time(slot.endsAt),
          free: slot.free,
          capacity: slot.capacity,
          past: slot.startsAt <= now,
          bookings: slot.bookings.map((b) => bookingLine(b, fmt, t)),
        })),
      })),
      elsewhere: day.elsewhere.map((b) => bookingLine(b, fmt, t)),
    }));
    return reply.viewAsync("staff/bookings/week.eta", {
      office,
      days,
      range: { from: fmt.localDayMonth(overview.monday), to: fmt.localDate(addDays(overview.monday, 6)) },
      previous: `${base}/week?week=${addDays(overview.monday, -7)}`,
      next: `${base}/week?week=${addDays(overview.monday, 7)}`,
      current: overview.monday === thisWeek ? null : `${base}/week`,
      bookHref: `${base}/book`,
    });
  });
};

export default bookingsWeekRoutes;
