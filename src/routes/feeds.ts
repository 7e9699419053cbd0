// The private calendar feeds: GET /feeds/<token>.ics, without a session (calendar apps
// cannot sign in). The token is the only key; an unknown, renewed or revoked one, or one
// of a disabled account, gets a bare 404 that says nothing about why.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { feedEvents } from "../domain/feeds/feed-events.ts";
import { findFeedUser } from "../domain/feeds/calendar-feed.ts";
import { feedCalendar, feedUid } from "../emails/feed-calendar.ts";
import { staffTranslator } from "../i18n/catalogue.ts";
import { defaultZone } from "../plugins/locale.ts";

const params = z.object({ file: z.string() });

const feedRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get("/:file", { schema: { params } }, async (request, reply) => {
    reply.header("cache-control", "private, no-store").header("referrer-policy", "no-referrer");
    const { file } = request.params;
    const token = file.endsWith(".ics") ? file.slice(0, -".ics".length) : "";
    const user = await findFeedUser(app.db, token);
    if (!user) return reply.code(404).type("text/plain; charset=utf-8").send("Not found");

    const now = app.clock.now();
    const t = staffTranslator(user.locale === "en" ? "en" : "nl");
    const { sessions, bookings } = await feedEvents(app.db, user, now);
    const address = (o: { street: string; postalCode: string; city: string }) => `${o.street}, ${o.postalCode} ${o.city}`;
    const body = feedCalendar({
      name: t("staff.admin.feed.name"),
      zone: defaultZone,
      stamp: now,
      events: [
        ...sessions.map((s) => ({
          uid: feedUid("session", s.key, app.config.publicUrl),
          startsAt: s.startsAt,
          endsAt: s.endsAt,
          zone: s.office.timeZone,
          summary: t("staff.admin.feed.session", { office: s.office.name }),
          location: address(s.office),
        })),
        ...bookings.map((b) => ({
          uid: feedUid("booking", b.id, app.config.publicUrl),
          startsAt: b.startsAt,
          endsAt: b.endsAt,
          zone: b.office.timeZone,
          summary: t("staff.admin.feed.booking", { code: b.code }),
          location: address(b.office),
        })),
      ],
    });
    return reply.type("text/calendar; charset=utf-8").send(body);
  });
};

export default feedRoutes;
