// Today's overview: for each of the user's offices, today's sessions with their places.
import type { FastifyInstance } from "fastify";
import { loadTodayOverview } from "../../domain/agenda/today-overview.ts";
import { formatter } from "../../i18n/format.ts";
import { defaultZone } from "../../plugins/locale.ts";
import { signedIn } from "./session.ts";

export default async function dashboardRoutes(app: FastifyInstance) {
  app.get("/", async (request, reply) => {
    const staff = signedIn(request);
    const now = app.clock.now();
    const fmt = formatter(staff.user.locale, defaultZone);
    const { today, overview } = await loadTodayOverview(app.db, staff.officeIds, defaultZone, now);
    return reply.viewAsync("staff/dashboard.eta", { overview, today: fmt.localDate(today), todayIso: today });
  });
}
