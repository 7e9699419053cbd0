// Booking by a caseworker of a partner organisation on behalf of a client: choose an
// office and a free time (the same availability as the public office page), then the
// caseworker's form (caseworker-book.ts).
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { addDays, isLocalDate, localDateOf } from "../../domain/availability/local-date.ts";
import { findActiveOffice, listActiveOffices } from "../../domain/offices/find-office.ts";
import { formatter } from "../../i18n/format.ts";
import type { Locale } from "../../i18n/locales.ts";
import caseworkerBookRoutes from "./caseworker-book.ts";
import { caseworkerLink, DAYS_PER_PAGE, officeDays } from "./office-view.ts";

const params = z.object({ lang: z.string(), slug: z.string() });
const query = z.object({ from: z.string().refine(isLocalDate).optional().catch(undefined) });

/** Never page further than this, whatever a series allows (as on the public office page). */
const MAX_DAYS_AHEAD = 366;

export default async function caseworkerRoutes(app: FastifyInstance) {
  app.get("/caseworker", async (_request, reply) => {
    const offices = await listActiveOffices(app.db, app.clock.now());
    return reply.viewAsync("public/caseworker/index.eta", { offices });
  });

  app.get("/caseworker/offices/:slug", async (request, reply) => {
    const office = await findActiveOffice(app.db, params.parse(request.params).slug, app.clock.now());
    if (!office) return reply.callNotFound();
    const locale = request.locale as Locale;
    const now = app.clock.now();
    const today = localDateOf(now, office.timeZone);
    const series = await app.db.consultationSeries.findMany({
      where: { officeId: office.id, OR: [{ validUntil: null }, { validUntil: { gte: today } }] },
      select: { horizonDays: true },
    });
    const lastDay = addDays(today, Math.min(MAX_DAYS_AHEAD, Math.max(DAYS_PER_PAGE, ...series.map((s) => s.horizonDays))));
    const asked = query.parse(request.query ?? {}).from;
    const from = asked && asked > today && asked <= lastDay ? asked : today;
    const to = addDays(from, DAYS_PER_PAGE - 1);
    const fmt = formatter(locale, office.timeZone);
    const days = await officeDays(app.db, office, { from, to }, now, fmt, caseworkerLink(locale, office));
    const base = `/${locale}/caseworker/offices/${office.slug}`;
    const back = addDays(from, -DAYS_PER_PAGE) < today ? today : addDays(from, -DAYS_PER_PAGE);
    return reply.viewAsync("public/caseworker/office.eta", {
      office,
      days,
      range: { from: fmt.localDayMonth(from), to: fmt.localDayMonth(to) },
      earlier: from > today ? `${base}?from=${back}` : null,
      later: addDays(to, 1) <= lastDay ? `${base}?from=${addDays(to, 1)}` : null,
    });
  });

  await app.register(caseworkerBookRoutes);
}
