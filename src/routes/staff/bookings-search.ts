// Finding bookings: by booking code or name within the user's offices; without a query,
// what is coming up in the next seven days.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { addDays, instantAt, localDateOf } from "../../local-date.ts";
import { searchBookings, upcomingBookings, type BookingRow } from "../../domain/agenda/search-bookings.ts";
import type { Office } from "../../generated/prisma/client.ts";
import { formatBookingCode, formatter } from "../../i18n/format.ts";
import { renderError } from "../../plugins/errors.ts";
import { defaultZone } from "../../plugins/locale.ts";
import { officersOnly, statusKeys } from "./bookings-view.ts";
import { inScope, staffOffices } from "./scope.ts";
import { signedIn } from "./session.ts";

const UPCOMING_DAYS = 7;

// A search that is not one (too long, repeated) is no search: the coming week.
const query = z.object({
  q: z.string().max(100).optional().catch(undefined),
  office: z.string().regex(/^\d{1,9}$/).transform(Number).optional().catch(undefined),
});

const bookingsSearchRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get("/bookings", { ...officersOnly, schema: { querystring: query } }, async (request, reply) => {
    const staff = signedIn(request);
    const { q, office } = request.query;
    if (office !== undefined && !inScope(request, office)) return renderError(request, reply, 403);
    const offices = await staffOffices(app, request);
    const officeIds = office !== undefined ? [office] : offices.map((o) => o.id);
    const text = (q ?? "").trim();
    const now = app.clock.now();
    const today = localDateOf(now, defaultZone);
    const result = text
      ? await searchBookings(app.db, { officeIds, query: text })
      : await upcomingBookings(app.db, officeIds, {
          from: instantAt(today, "00:00", defaultZone),
          to: instantAt(addDays(today, UPCOMING_DAYS), "00:00", defaultZone),
        });
    const byId = new Map<number, Office>(offices.map((o) => [o.id, o]));
    const rows = result.rows.map((row: BookingRow) => {
      const where = byId.get(row.officeId)!;
      const fmt = formatter(staff.user.locale, where.timeZone);
      return {
        href: `/staff/bookings/${row.id}`,
        date: fmt.dateShort(row.startsAt),
        time: fmt.time(row.startsAt),
        office: where.name,
        code: formatBookingCode(row.code),
        name: row.name,
        status: row.status,
        statusKey: statusKeys[row.status],
      };
    });
    return reply.viewAsync("staff/bookings/search.eta", {
      q: text,
      office: office ?? null,
      offices,
      rows,
      truncated: result.truncated,
      searched: text !== "",
      days: UPCOMING_DAYS,
    });
  });
};

export default bookingsSearchRoutes;
