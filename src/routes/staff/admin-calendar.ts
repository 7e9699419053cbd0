// A staff member's own calendar feed (officers and administrators): make one, renew it
// (the old URL stops working) or revoke it. The URL is shown once, when it is made;
// afterwards only a hash is stored, so it cannot be shown again.
import type { FastifyInstance, FastifyRequest } from "fastify";
import { hasCalendarFeed, issueFeedToken, revokeFeedToken } from "../../domain/feeds/calendar-feed.ts";
import { FEED_WEEKS } from "../../domain/feeds/feed-events.ts";
import { sendPage } from "./admin-form.ts";

const officers = { config: { roles: ["ADMIN" as const, "OFFICER" as const] } };
const doneKeys: Record<string, string> = { revoked: "staff.admin.calendar.revoked" };

export default async function calendarRoutes(app: FastifyInstance) {
  const me = (request: FastifyRequest) => request.staff!.user.id;

  app.get("/calendar", officers, async (request, reply) => {
    const notice = doneKeys[String((request.query as Record<string, unknown>).done)] ?? null;
    return sendPage(reply, "staff/admin/calendar.eta", { hasFeed: await hasCalendarFeed(app.db, me(request)), url: null, notice, weeks: FEED_WEEKS });
  });

  app.post("/calendar/feed", officers, async (request, reply) => {
    const token = await issueFeedToken(app.db, { actor: { type: "staff", id: me(request) }, userId: me(request) }, app.clock.now());
    const url = `${app.config.publicUrl}/feeds/${token}.ics`;
    return sendPage(reply, "staff/admin/calendar.eta", { hasFeed: true, url, notice: null, weeks: FEED_WEEKS });
  });

  app.post("/calendar/revoke", officers, async (request, reply) => {
    await revokeFeedToken(app.db, { actor: { type: "staff", id: me(request) }, userId: me(request) }, app.clock.now());
    return reply.redirect("/staff/calendar?done=revoked", 303);
  });
}
