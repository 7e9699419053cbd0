// Schedule management for officers and admins: an office's consultation series, the
// exceptions to them, and the public holidays it is closed on. Reception may not change
// schedules; everyone only sees their own offices.
import type { FastifyInstance } from "fastify";
import scheduleExceptionRoutes from "./schedule-exceptions.ts";
import { renderOverview, scheduleRoles, scheduleUrl } from "./schedule-overview.ts";
import scheduleSeriesRoutes from "./schedule-series.ts";
import { staffOffice, staffOffices } from "./scope.ts";

export default async function scheduleRoutes(app: FastifyInstance) {
  app.get("/schedule", scheduleRoles, async (request, reply) => {
    const offices = await staffOffices(app, request);
    if (offices.length === 1) return reply.redirect(scheduleUrl(offices[0]!), 303);
    return reply.viewAsync("staff/schedule/offices.eta", { offices: offices.map((o) => ({ name: o.name, href: scheduleUrl(o) })) });
  });

  app.get("/offices/:officeId/schedule", scheduleRoles, async (request, reply) => {
    const office = await staffOffice(app, request, reply, (request.params as { officeId: string }).officeId);
    if (!office) return reply;
    return renderOverview(app, request, reply, office);
  });

  await app.register(scheduleSeriesRoutes);
  await app.register(scheduleExceptionRoutes);
}
