import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { localDateOf } from "../../local-date.ts";
import { parseWeekdays } from "../../domain/availability/sessions.ts";
import { findActiveOffice } from "../../domain/offices/find-office.ts";
import { formatter } from "../../i18n/format.ts";
import { pageLocale } from "../../plugins/locale.ts";
import { queryValue } from "../input.ts";
import { PageCache } from "../page-cache.ts";
import { bookingLink, currentSeries, slotWeeks } from "./office-view.ts";

const params = z.object({ lang: z.string(), slug: z.string() });
/** `?from=YYYY-MM-DD`: the first day of the two weeks shown (slotWeeks says what else leads where). */
const query = z.object({ from: queryValue });

/**
 * The office page is the busiest page and the same for every visitor, so it is kept as
 * rendered HTML per URL until a booking or schedule changes, or for at most ten seconds
 * (a slot leaves the page when its minimum notice starts; booking re-checks anyway).
 */
const PAGE_TTL_MS = 10_000;

const officeRoutes: FastifyPluginAsyncZod = async (app) => {
  const pages = new PageCache(app.db, ["Office", "OfficeText", "ConsultationSeries", "ScheduleException", "Booking"], { ttlMs: PAGE_TTL_MS, compress: true });

  app.get("/offices/:slug", { schema: { params, querystring: query } }, async (request, reply) => {
    const asked = { slug: request.params.slug, from: request.query.from };
    const sent = await pages.send(request, reply, request.url, app.clock.now(), () => renderOfficePage(request, reply, asked));
    return sent ? reply : reply.callNotFound();
  });

  async function renderOfficePage(request: FastifyRequest, reply: FastifyReply, asked: { slug: string; from: unknown }): Promise<string | null> {
    const now = app.clock.now();
    const office = await findActiveOffice(app.db, asked.slug, now);
    if (!office) return null;
    const locale = pageLocale(request);
    const series = await currentSeries(app.db, office, localDateOf(now, office.timeZone));
    const fmt = formatter(locale, office.timeZone);
    const weeks = await slotWeeks(app.db, office, {
      asked: asked.from,
      now,
      fmt,
      locale,
      link: bookingLink(locale, office),
      base: `/${locale}/offices/${office.slug}`,
      series,
    });
    const hours = series
      .flatMap((s) => parseWeekdays(s.weekdays).map((weekday) => ({ weekday, startTime: s.startTime, endTime: s.endTime })))
      .sort((a, b) => a.weekday - b.weekday || a.startTime.localeCompare(b.startTime))
      .map((h) => ({ day: fmt.weekday(h.weekday), startTime: h.startTime, endTime: h.endTime }));
    return reply.viewAsync("public/office.eta", { office, hours, ...weeks });
  }
};

export default officeRoutes;
