import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { addDays, isLocalDate, localDateOf } from "../../domain/availability/local-date.ts";
import { parseWeekdays } from "../../domain/availability/sessions.ts";
import { findActiveOffice } from "../../domain/offices/find-office.ts";
import { formatter } from "../../i18n/format.ts";
import type { Locale } from "../../i18n/locales.ts";
import { PageCache } from "../page-cache.ts";
import { bookingLink, DAYS_PER_PAGE, officeDays } from "./office-view.ts";

const params = z.object({ lang: z.string(), slug: z.string() });
const query = z.object({ from: z.string().refine(isLocalDate).optional().catch(undefined) });

/** Never page further than this, whatever a series allows. */
const MAX_DAYS_AHEAD = 366;

/**
 * The office page is the busiest page and the same for every visitor, so it is kept as
 * rendered HTML per URL until a booking or schedule changes, or for at most ten seconds
 * (a slot leaves the page when its minimum notice starts; booking re-checks anyway).
 */
const PAGE_TTL_MS = 10_000;

export default async function officeRoutes(app: FastifyInstance) {
  const pages = new PageCache(app.db, ["Office", "ConsultationSeries", "ScheduleException", "Booking"], { ttlMs: PAGE_TTL_MS, compress: true });

  app.get("/offices/:slug", async (request, reply) => {
    const sent = await pages.send(request, reply, request.url, app.clock.now(), () => renderOfficePage(request, reply));
    return sent ? reply : reply.callNotFound();
  });

  async function renderOfficePage(request: FastifyRequest, reply: FastifyReply): Promise<string | null> {
    const { slug } = params.parse(request.params);
    const office = await findActiveOffice(app.db, slug, app.clock.now());
    if (!office) return null;
    const locale = request.locale as Locale;
    const now = app.clock.now();
    const today = localDateOf(now, office.timeZone);
    const series = await app.db.consultationSeries.findMany({
      where: { officeId: office.id, OR: [{ validUntil: null }, { validUntil: { gte: today } }] },
    });
    const lastDay = addDays(today, Math.min(MAX_DAYS_AHEAD, Math.max(DAYS_PER_PAGE, ...series.map((s) => s.horizonDays))));
    const asked = query.parse(request.query).from;
    const from = asked && asked > today && asked <= lastDay ? asked : today;
    const to = addDays(from, DAYS_PER_PAGE - 1);
    const fmt = formatter(locale, office.timeZone);
    const days = await officeDays(app.db, office, { from, to }, now, fmt, bookingLink(locale, office));
    const hours = series
      .flatMap((s) => parseWeekdays(s.weekdays).map((weekday) => ({ weekday, startTime: s.startTime, endTime: s.endTime })))
      .sort((a, b) => a.weekday - b.weekday || a.startTime.localeCompare(b.startTime))
      .map((h) => ({ day: fmt.weekday(h.weekday), startTime: h.startTime, endTime: h.endTime }));
    const base = `/${locale}/offices/${office.slug}`;
    return reply.viewAsync("public/office.eta", {
      office,
      hours,
      days,
      range: { from: fmt.localDayMonth(from), to: fmt.localDayMonth(to) },
      earlier: from > today ? `${base}?from=${addDays(from, -DAYS_PER_PAGE) < today ? today : addDays(from, -DAYS_PER_PAGE)}` : null,
      later: addDays(to, 1) <= lastDay ? `${base}?from=${addDays(to, 1)}` : null,
    });
  }
}
