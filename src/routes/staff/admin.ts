// Administration on the staff side: users and offices (admins), the audit log (admins),
// the outbox (officers and admins) and each user's private calendar feed.
import type { FastifyInstance } from "fastify";
import auditRoutes from "./admin-audit.ts";
import calendarRoutes from "./admin-calendar.ts";
import officesRoutes from "./admin-offices.ts";
import outboxRoutes from "./admin-outbox.ts";
import usersRoutes from "./admin-users.ts";
import statisticsRoutes from "./statistics.ts";

export default async function adminRoutes(app: FastifyInstance) {
  await app.register(usersRoutes);
  await app.register(officesRoutes);
  await app.register(auditRoutes);
  await app.register(outboxRoutes);
  await app.register(calendarRoutes);
  await app.register(statisticsRoutes);
}
