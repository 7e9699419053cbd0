// Staff actions on one booking: cancel with a reason, and record the outcome (attended,
// no-show, undo). Each redirects back to the booking with what happened.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { cancelBooking } from "../../domain/booking/cancel-booking.ts";
import { recordDeskAction, type DeskAction } from "../../domain/booking/record-outcome.ts";
import { renderError } from "../../plugins/errors.ts";
import { bookingActions, renderBookingDetail, type Done } from "./bookings-detail.ts";
import { formBody } from "../input.ts";
import { officersOnly, staffBooking } from "./bookings-view.ts";
import { signedIn } from "./session.ts";

// The id is text, so one that is not a number is the 404 page (staffBooking) rather than a 400.
const params = z.object({ id: z.string() });

// The reason goes to the client in the cancellation message: one short line of text.
const cancelForm = z.object({
  reason: z
    .string({ message: "staff.bookings.cancel.reasonRequired" })
    // eslint-disable-next-line no-control-regex -- control characters are what this refuses
    .refine((s) => !/[\u0000-\u0008\u000e-\u001f\u007f]/.test(s), "staff.bookings.cancel.reasonInvalid")
    .transform((s) => s.replace(/\s+/g, " ").trim())
    .refine((s) => s.length > 0, "staff.bookings.cancel.reasonRequired")
    .refine((s) => s.length <= 300, "staff.bookings.cancel.reasonTooLong"),
});

const outcomeForm = z.object({ action: z.enum(["attended", "no-show", "undo"]) });
const outcomeDone: Record<Exclude<DeskAction, "check-in">, Done> = { attended: "attended", "no-show": "noShow", undo: "undone" };

const back = (id: number, done: Done) => `/staff/bookings/${id}?done=${done}`;

const bookingsActionRoutes: FastifyPluginAsyncZod = async (app) => {
  const form = { ...officersOnly, schema: { params, body: formBody } };

  app.post("/bookings/:id/cancel", form, async (request, reply) => {
    const booking = await staffBooking(app, request, reply, request.params.id);
    if (!booking) return reply;
    const now = app.clock.now();
    if (!bookingActions(booking, booking.office, now).cancel) return reply.redirect(back(booking.id, "notCancellable"), 303);
    const parsed = cancelForm.safeParse(request.body);
    if (!parsed.success) {
      const raw = request.body.reason;
      const message = parsed.error.issues[0]?.message ?? "";
      return renderBookingDetail(app, request, reply, booking, {
        status: 422,
        errors: { reason: message.startsWith("staff.bookings.") ? message : "staff.bookings.cancel.reasonRequired" },
        values: { reason: typeof raw === "string" ? raw : "" },
      });
    }
    const result = await cancelBooking(
      app.deps,
      { actor: { type: "staff", id: signedIn(request).user.id }, bookingId: booking.id, by: "staff", reason: parsed.data.reason },
      now,
    );
    if (result.kind !== "cancelled") return reply.redirect(back(booking.id, "notCancellable"), 303);
    app.outbox.wake();
    return reply.redirect(back(booking.id, "cancelled"), 303);
  });

  app.post("/bookings/:id/outcome", form, async (request, reply) => {
    const booking = await staffBooking(app, request, reply, request.params.id);
    if (!booking) return reply;
    const parsed = outcomeForm.safeParse(request.body);
    if (!parsed.success) return renderError(request, reply, 400);
    const action = parsed.data.action;
    const result = await recordDeskAction(app.deps, { actor: { type: "staff", id: signedIn(request).user.id }, bookingId: booking.id, action }, app.clock.now());
    // An outcome belongs to the day of the appointment or later, never to a future day.
    if (result.kind === "too-early") return reply.redirect(back(booking.id, "tooEarly"), 303);
    if (result.kind === "not-started") return reply.redirect(back(booking.id, "notStarted"), 303);
    const changed = result.kind === "done" && result.changed;
    return reply.redirect(back(booking.id, changed ? outcomeDone[action] : "unchanged"), 303);
  });
};

export default bookingsActionRoutes;
