// Moving an appointment from its manage link: pick another free time of the same office
// (the same rules as booking online), confirm, and the new time replaces the old one in
// one step — the old place is given up only when the new one is taken. The client is
// told by email (with a new calendar file) when they left an address.
import type { FastifyReply, FastifyRequest, RouteShorthandOptions } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { moveBooking } from "../../domain/booking/move-booking.ts";
import { formatter } from "../../i18n/format.ts";
import { pageLocale } from "../../plugins/locale.ts";
import { formBody, queryValue } from "../input.ts";
import { manageView, openManageLink, type ManagedBooking } from "./manage-view.ts";
import { moveLink, slotWeeks } from "./office-view.ts";
import { alternativesFor, offeredSlot } from "./slot-offer.ts";
import { parseSlotParam, slotParam } from "./slot-param.ts";

const params = z.object({ lang: z.string(), token: z.string() });
// `slot`: the time chosen, checked here (absent: the list of times to choose from; any
// other value that is no free time: the slot-gone page). `from`: the first day listed.
const query = z.object({ slot: queryValue, from: queryValue });

const manageMoveRoutes: FastifyPluginAsyncZod<{ limited: RouteShorthandOptions }> = async (app, options) => {
  const { limited } = options;

  function send(reply: FastifyReply, html: string, status = 200) {
    return reply.code(status).header("cache-control", "no-store").type("text/html; charset=utf-8").send(html);
  }

  /** The free times to move to, two weeks at a time. */
  async function renderChoice(request: FastifyRequest, reply: FastifyReply, booking: ManagedBooking, token: string, from: unknown) {
    const locale = pageLocale(request);
    const view = manageView(app, locale, booking, token);
    const weeks = await slotWeeks(app.db, booking.office, {
      asked: from,
      now: app.clock.now(),
      fmt: formatter(locale, booking.office.timeZone),
      locale,
      link: moveLink(view.managePath, booking.startsAt),
      base: `${view.managePath}/move`,
    });
    return send(reply, await reply.viewAsync("public/move.eta", { ...view, ...weeks }));
  }

  /** The chosen time is gone (or never was): say so and offer the next free ones. */
  async function renderGone(request: FastifyRequest, reply: FastifyReply, booking: ManagedBooking, token: string, startsAt: Date | null, reason: "taken" | "unavailable") {
    const locale = pageLocale(request);
    const view = manageView(app, locale, booking, token);
    const alternatives = await alternativesFor(app.db, booking.office, startsAt, app.clock.now(), locale, moveLink(view.managePath, booking.startsAt));
    const html = await reply.viewAsync("public/slot-gone.eta", { office: booking.office, reason, alternatives, allTimes: `${view.managePath}/move` });
    return send(reply, html, reason === "taken" ? 409 : 404);
  }

  app.get("/booking/:token/move", { ...limited, schema: { params, querystring: query } }, async (request, reply) => {
    const found = await openManageLink(app, request.params.token);
    if (!found) return reply.callNotFound();
    const { booking, token } = found;
    const locale = pageLocale(request);
    const view = manageView(app, locale, booking, token);
    if (!view.changeable) return reply.redirect(view.managePath, 303);
    const raw = request.query.slot;
    if (raw === undefined) return renderChoice(request, reply, booking, token, request.query.from);

    const offered = await offeredSlot(app.db, booking.office, raw, app.clock.now());
    if ("gone" in offered || offered.startsAt.getTime() === booking.startsAt.getTime()) {
      return renderGone(request, reply, booking, token, "gone" in offered ? offered.startsAt : null, "gone" in offered ? offered.gone : "unavailable");
    }
    const fmt = formatter(locale, booking.office.timeZone);
    const target = offered.startsAt;
    return send(
      reply,
      await reply.viewAsync("public/move-confirm.eta", {
        ...view,
        target: { value: slotParam(target), date: fmt.date(target), time: fmt.time(target) },
      }),
    );
  });

  app.post("/booking/:token/move", { ...limited, schema: { params, body: formBody } }, async (request, reply) => {
    const found = await openManageLink(app, request.params.token);
    if (!found) return reply.callNotFound();
    const { booking, token } = found;
    const view = manageView(app, pageLocale(request), booking, token);
    const raw = request.body.slot;
    // Sending the same move twice (a double click, or back and send again) finds the
    // booking already at that time: that is what was asked for, not an error.
    const asked = parseSlotParam(raw);
    if (asked && booking.status === "BOOKED" && asked.getTime() === booking.startsAt.getTime()) return reply.redirect(`${view.managePath}/confirmation?done=moved`, 303);
    if (!view.changeable) return reply.redirect(view.managePath, 303);
    const offered = await offeredSlot(app.db, booking.office, raw, app.clock.now());
    if ("gone" in offered) return renderGone(request, reply, booking, token, offered.startsAt, offered.gone);
    const result = await moveBooking(app.deps, { actor: { type: "client" }, bookingId: booking.id, startsAt: offered.startsAt, rules: "online" }, app.clock.now());
    switch (result.kind) {
      case "moved":
        app.outbox.wake();
        return reply.redirect(`${view.managePath}/confirmation?done=moved`, 303);
      // A double click whose first request moved it while this one waited: done, too.
      case "already-there":
        return reply.redirect(`${view.managePath}/confirmation?done=moved`, 303);
      case "not-movable":
        return reply.redirect(view.managePath, 303);
      case "taken":
      case "unavailable":
        return renderGone(request, reply, booking, token, offered.startsAt, result.kind);
    }
  });
};

export default manageMoveRoutes;
