// Today's overview: for each of the user's offices, today's sessions with their places.
import type { FastifyInstance } from "fastify";
import { loadAvailability } from "../../domain/availability/load-availability.ts";
import { localDateOf } from "../../local-date.ts";
import { formatter } from "../../i18n/format.ts";
import { defaultZone } from "../../plugins/locale.ts";

export default async function dashboardRoutes(app: FastifyInstance) {
  app.get("/", async (request, reply) => {
    const staff = request.staff!;
    const now = app.clock.now();
    const fmt = formatter(staff.user.locale, defaultZone);
    const offices = await app.db.office.findMany({ where: { id: { in: staff.officeIds } }, orderBy: [{ isHeadOffice: "desc" }, { name: "asc" }] });
    const today = localDateOf(now, defaultZone);
    const overview = [];
    for (const office of offices) {
      const sessions = await loadAvailability(app.db, office, { from: today, to: today }, now);
      overview.push({
        office,
        sessions: sessions.map((s) => ({
          start: s.session.startTime,
          end: s.session.endTime,
          taken: s.taken,
          places: s.slots.length * s.session.capacity,
        })),
      });
    }
    return reply.viewAsync("staff/dashboard.eta", { overview, today: fmt.localDate(today), todayIso: today });
  });
}
