// A staff member's own calendar feed (officers and administrators): make one, renew it
// (the old URL stops working) or revoke it. The URL is shown once, when it is made;
// afterwards only a hash is stored, so it cannot be shown again.
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { hasCalendarFeed, issueFeedToken, revokeFeedToken } from "../../domain/feeds/calendar-feed.ts";
import { FEED_WEEKS } from "../../domain/feeds/feed-events.ts";
import { queryValue } from "../input.ts";
import { sendPage, doneNotice } from "./admin-form.ts";
import { signedIn } from "./session.ts";

const officers = { config: { roles: ["ADMIN" as const, "OFFICER" as const] } };
const doneKeys: Record<string, string> = { revoked: "staff.admin.calendar.revoked" };
/** `?done=revoked`, from the redirect after revoking. */
const query = z.object({ done: queryValue });

const calendarRoutes: FastifyPluginAsyncZod = async (app) => {
  const me = (request: FastifyRequest) => signedIn(request).user.id;

  app.get("/calendar", { ...officers, schema: { querystring: query } }, async (request, reply) => {
    const notice = doneNotice(doneKeys, request.query.done);
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
};

export default calendarRoutes;
