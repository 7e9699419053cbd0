// Booking by a caseworker of a partner organisation on behalf of a client: choose an
// office and a free time (the same availability as the public office page), then the
// caseworker's form (caseworker-book.ts).
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { findActiveOffice, listActiveOffices } from "../../domain/offices/find-office.ts";
import { formatter } from "../../i18n/format.ts";
import type { Locale } from "../../i18n/locales.ts";
import { PageCache } from "../page-cache.ts";
import caseworkerBookRoutes from "./caseworker-book.ts";
import { caseworkerLink, slotWeeks, weeksQuery } from "./office-view.ts";

const params = z.object({ lang: z.string(), slug: z.string() });

export default async function caseworkerRoutes(app: FastifyInstance) {
  app.get("/caseworker", async (_request, reply) => {
    const offices = await listActiveOffices(app.db, app.clock.now());
    return reply.viewAsync("public/caseworker/index.eta", { offices });
  });

  // Like the public office page: the same for every visitor, so kept (gzipped) until a
  // booking or schedule changes, or for ten seconds.
  const pages = new PageCache(app.db, ["Office", "ConsultationSeries", "ScheduleException", "Booking"], { ttlMs: 10_000, compress: true });

  app.get("/caseworker/offices/:slug", async (request, reply) => {
    const now = app.clock.now();
    const sent = await pages.send(request, reply, request.url, now, async () => {
      const office = await findActiveOffice(app.db, params.parse(request.params).slug, now);
      if (!office) return null;
      const locale = request.locale as Locale;
      const weeks = await slotWeeks(app.db, office, {
        asked: weeksQuery.parse(request.query ?? {}).from,
        now,
        fmt: formatter(locale, office.timeZone),
        link: caseworkerLink(locale, office),
        base: `/${locale}/caseworker/offices/${office.slug}`,
      });
      return reply.viewAsync("public/caseworker/office.eta", { office, ...weeks });
    });
    return sent ? reply : reply.callNotFound();
  });

  await app.register(caseworkerBookRoutes);
}
