// Booking by a caseworker of a partner organisation on behalf of a client: choose an
// office and a free time (the same availability as the public office page), then the
// caseworker's form (caseworker-book.ts).
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { findActiveOffice, listActiveOffices } from "../../domain/offices/find-office.ts";
import { formatter } from "../../i18n/format.ts";
import { pageLocale } from "../../plugins/locale.ts";
import { queryValue } from "../input.ts";
import { PageCache } from "../page-cache.ts";
import caseworkerBookRoutes from "./caseworker-book.ts";
import { caseworkerLink, slotWeeks } from "./office-view.ts";

const params = z.object({ lang: z.string(), slug: z.string() });
/** `?from=YYYY-MM-DD`: the first day of the two weeks shown (slotWeeks says what else leads where). */
const query = z.object({ from: queryValue });

const caseworkerRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get("/caseworker", async (_request, reply) => {
    const offices = await listActiveOffices(app.db, app.clock.now());
    return reply.viewAsync("public/caseworker/index.eta", { offices });
  });

  // Like the public office page: the same for every visitor, so kept (gzipped) until a
  // booking or schedule changes, or for ten seconds.
  const pages = new PageCache(app.db, ["Office", "OfficeText", "ConsultationSeries", "ScheduleException", "Booking"], { ttlMs: 10_000, compress: true });

  app.get("/caseworker/offices/:slug", { schema: { params, querystring: query } }, async (request, reply) => {
    const now = app.clock.now();
    const sent = await pages.send(request, reply, request.url, now, async () => {
      const office = await findActiveOffice(app.db, request.params.slug, now);
      if (!office) return null;
      const locale = pageLocale(request);
      const weeks = await slotWeeks(app.db, office, {
        asked: request.query.from,
        now,
        fmt: formatter(locale, office.timeZone),
        locale,
        link: caseworkerLink(locale, office),
        base: `/${locale}/caseworker/offices/${office.slug}`,
      });
      return reply.viewAsync("public/caseworker/office.eta", { office, ...weeks });
    });
    return sent ? reply : reply.callNotFound();
  });

  await app.register(caseworkerBookRoutes);
};

export default caseworkerRoutes;
