// Moving a booking to another free slot of the same office, chosen by staff.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { moveBooking } from "../../domain/booking/move-booking.ts";
import { formatBookingCode, formatter } from "../../i18n/format.ts";
import { formBody, queryDate } from "../input.ts";
import { parseSlotParam } from "../public/slot-param.ts";
import { bookingActions, type StaffBooking } from "./bookings-detail.ts";
import { slotPicker } from "./bookings-slots.ts";
import { officersOnly, sendHtml, staffBooking } from "./bookings-view.ts";
import { staffTranslator } from "../../i18n/catalogue.ts";
import { reachView } from "./reach-view.ts";
import { signedIn } from "./session.ts";

// The id is text, so one that is not a number is the 404 page (staffBooking) rather than a 400.
const params = z.object({ id: z.string() });
/** `?from=YYYY-MM-DD`: the first day of the free times listed; anything else means today. */
const query = z.object({ from: queryDate });
/** Optional words to the client about the move: one short line, as a cancellation's reason. */
const moveReason = z
  .string({ message: "staff.bookings.cancel.reasonInvalid" })
  // eslint-disable-next-line no-control-regex -- control characters are what this refuses
  .refine((s) => !/[\u0000-\u0008\u000e-\u001f\u007f]/.test(s), "staff.bookings.cancel.reasonInvalid")
  .transform((s) => s.replace(/\s+/g, " ").trim())
  .refine((s) => s.length <= 300, "staff.bookings.cancel.reasonTooLong");

const bookingsMoveRoutes: FastifyPluginAsyncZod = async (app) => {
  async function renderMove(request: FastifyRequest, reply: FastifyReply, booking: StaffBooking, from: string | undefined, status = 200, errors: Record<string, string> = {}, reason = "") {
    const locale = signedIn(request).user.locale;
    const fmt = formatter(locale, booking.office.timeZone);
    const base = `/staff/bookings/${booking.id}/move`;
    const picker = await slotPicker(app, booking.office, { from, locale, base, exclude: booking.startsAt });
    const html = await reply.viewAsync("staff/bookings/move.eta", {
      booking,
      office: booking.office,
      code: formatBookingCode(booking.code),
      current: fmt.slotLabel(booking.startsAt),
      reach: reachView(booking, staffTranslator(locale)),
      ...picker,
      errors,
      reason,
    });
    return sendHtml(reply, status, html);
  }

  app.get("/bookings/:id/move", { ...officersOnly, schema: { params, querystring: query } }, async (request, reply) => {
    const booking = await staffBooking(app, request, reply, request.params.id);
    if (!booking) return reply;
    if (!bookingActions(booking, booking.office, app.clock.now()).move) return reply.redirect(`/staff/bookings/${booking.id}?done=notMovable`, 303);
    return renderMove(request, reply, booking, request.query.from);
  });

  app.post("/bookings/:id/move", { ...officersOnly, schema: { params, body: formBody } }, async (request, reply) => {
    const booking = await staffBooking(app, request, reply, request.params.id);
    if (!booking) return reply;
    const now = app.clock.now();
    if (!bookingActions(booking, booking.office, now).move) return reply.redirect(`/staff/bookings/${booking.id}?done=notMovable`, 303);
    const startsAt = parseSlotParam(request.body.slot);
    const raw = typeof request.body.reason === "string" ? request.body.reason : "";
    const reason = moveReason.safeParse(request.body.reason ?? "");
    const errors: Record<string, string> = {};
    if (!startsAt) errors.slot = "staff.bookings.move.chooseSlot";
    if (!reason.success) errors.reason = reason.error.issues[0]?.message ?? "staff.bookings.cancel.reasonInvalid";
    if (!startsAt || !reason.success) return renderMove(request, reply, booking, undefined, 422, errors, raw);
    const result = await moveBooking(app.deps, { actor: { type: "staff", id: signedIn(request).user.id }, bookingId: booking.id, startsAt, rules: "desk", reason: reason.data || null }, now);
    switch (result.kind) {
      case "moved":
        app.outbox.wake();
        return reply.redirect(`/staff/bookings/${booking.id}?done=moved`, 303);
      case "already-there":
        return reply.redirect(`/staff/bookings/${booking.id}?done=moved`, 303);
      case "not-movable":
        return reply.redirect(`/staff/bookings/${booking.id}?done=notMovable`, 303);
      case "taken":
        return renderMove(request, reply, booking, undefined, 409, { slot: "staff.bookings.move.taken" }, raw);
      case "unavailable":
        return renderMove(request, reply, booking, undefined, 409, { slot: "staff.bookings.move.unavailable" }, raw);
    }
  });
};

export default bookingsMoveRoutes;
