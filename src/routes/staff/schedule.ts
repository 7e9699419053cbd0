// Schedule management for officers and admins: an office's consultation series, the
// exceptions to them, and the public holidays it is closed on. Reception may not change
// schedules; everyone only sees their own offices.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { queryValue } from "../input.ts";
import scheduleExceptionRoutes from "./schedule-exceptions.ts";
import { renderOverview, scheduleRoles, scheduleUrl } from "./schedule-overview.ts";
import scheduleSeriesRoutes from "./schedule-series.ts";
import { staffOffice, staffOffices } from "./scope.ts";

// The office id is text, so a wrong one is the 404 page (staffOffice) rather than a 400.
const params = z.object({ officeId: z.string() });
/** What the redirect after a saved change reports (see renderOverview), checked there. */
const query = z.object({ done: queryValue, cancelled: queryValue, moved: queryValue, bookings: queryValue });

const scheduleRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get("/schedule", scheduleRoles, async (request, reply) => {
    const offices = await staffOffices(app, request);
    if (offices.length === 1) return reply.redirect(scheduleUrl(offices[0]!), 303);
    return reply.viewAsync("staff/schedule/offices.eta", { offices: offices.map((o) => ({ name: o.name, href: scheduleUrl(o) })) });
  });

  app.get("/offices/:officeId/schedule", { ...scheduleRoles, schema: { params, querystring: query } }, async (request, reply) => {
    const office = await staffOffice(app, request, reply, request.params.officeId);
    if (!office) return reply;
    return renderOverview(app, request, reply, office, { status: 200, errors: {}, saved: request.query });
  });

  await app.register(scheduleSeriesRoutes);
  await app.register(scheduleExceptionRoutes);
};

export default scheduleRoutes;
