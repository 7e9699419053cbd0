// The staff side under /staff. Every route is for signed-in staff unless its config
// says `anonymous: true`; `roles` narrows it further. Every state-changing request
// carries the session's CSRF token.
import type { FastifyInstance } from "fastify";
import type { StaffRole } from "../../generated/prisma/client.ts";
import { renderError } from "../../plugins/errors.ts";
import adminRoutes from "./admin.ts";
import authRoutes from "./auth.ts";
import bookingsRoutes from "./bookings.ts";
import { useStaffLocale } from "../../plugins/staff-locale.ts";
import dashboardRoutes from "./dashboard.ts";
import receptionRoutes from "./reception.ts";
import scheduleRoutes from "./schedule.ts";
import { loadStaff, sameSecret } from "./session.ts";

declare module "fastify" {
  interface FastifyContextConfig {
    /** Reachable without signing in (the sign-in page). */
    anonymous?: boolean;
    /** Only these roles; all staff when absent. */
    roles?: StaffRole[];
    /** Open while the user still has to replace a one-time password (the password page, sign-out). */
    beforePasswordChange?: boolean;
  }
}

/** The form's CSRF token. The hook below serves every route, so no route's schema types the body there. */
function csrfField(body: unknown): unknown {
  return body !== null && typeof body === "object" && "_csrf" in body ? body._csrf : undefined;
}

export default async function staffRoutes(app: FastifyInstance) {
  app.addHook("onRequest", async (request, reply) => {
    request.staff = await loadStaff(app, request);
    useStaffLocale(request, reply);
    reply.header("cache-control", "no-store");
  });

  // After the routes' schemas (which refuse nothing: see routes/input.ts), before every
  // handler: each route that is not `anonymous` can rely on a signed-in staff member
  // (signedIn) who sent the session's CSRF token with anything but a GET.
  app.addHook("preHandler", async (request, reply) => {
    const config = request.routeOptions.config;
    if (config.anonymous) return;
    if (!request.staff) {
      const next = request.method === "GET" ? `?next=${encodeURIComponent(request.url)}` : "";
      return reply.redirect(`/staff/login${next}`, 303);
    }
    if (request.method !== "GET" && request.method !== "HEAD") {
      if (!sameSecret(csrfField(request.body), request.staff.csrfToken)) return renderError(request, reply, 403);
    }
    // A password someone else gave out is replaced before anything else is done.
    // The page asked for is remembered, to go on to once the password is changed.
    if (request.staff.user.mustChangePassword && !config.beforePasswordChange) {
      const next = request.method === "GET" && request.url !== "/staff" ? `?next=${encodeURIComponent(request.url)}` : "";
      return reply.redirect(`/staff/password${next}`, 303);
    }
    if (config.roles && !config.roles.includes(request.staff.user.role)) return renderError(request, reply, 403);
  });

  await app.register(authRoutes);
  await app.register(dashboardRoutes);
  await app.register(scheduleRoutes);
  await app.register(bookingsRoutes);
  await app.register(receptionRoutes);
  await app.register(adminRoutes);
}
