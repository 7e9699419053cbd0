// Booking on behalf of a client who phones: pick a free slot (desk rules), fill in the
// same form as the public one, and read the booking code out. The form carries a fresh
// manage token as its one-time key, so sending it twice books once.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { conversationLanguages } from "../../i18n/conversation-languages.ts";
import { findSlot, refuseSlot } from "../../domain/booking/find-slot.ts";
import { bookingFormSchema } from "../../domain/booking/schema.ts";
import type { Office } from "../../generated/prisma/client.ts";
import { formatter } from "../../i18n/format.ts";
import { localeInfo, locales } from "../../i18n/locales.ts";
import { bookFromForm, contactOf, formValues, newFormKey, postedBooking, type FormValues } from "../booking-form.ts";
import { formBody, queryDate, queryValue } from "../input.ts";
import { parseSlotParam, slotParam } from "../public/slot-param.ts";
import { slotPicker } from "./bookings-slots.ts";
import { officersOnly, sendHtml } from "./bookings-view.ts";
import { staffOffice } from "./scope.ts";
import { signedIn } from "./session.ts";
import { formErrors } from "../form-errors.ts";

// The id is text, so one that is not a number is the 404 page (staffOffice) rather than a 400.
const params = z.object({ officeId: z.string() });
// `slot`: the time chosen, checked here (absent: the free times to choose from; any other
// value that is no free time: the list again, saying so). `from`: the first day listed.
const query = z.object({ slot: queryValue, from: queryDate });

// The public form's fields and rules; the client agrees by phone, and staff choose the
// language of the messages (a client booking online gets the page's language).
const phoneForm = bookingFormSchema.extend({
  consent: z.literal("yes", { message: "staff.bookings.book.consentRequired" }),
  locale: z.enum(locales, { message: "staff.bookings.book.localeRequired" }),
});

const bookingsPhoneRoutes: FastifyPluginAsyncZod = async (app) => {
  async function renderSlots(request: FastifyRequest, reply: FastifyReply, office: Office, from: string | undefined, status = 200, error: string | null = null) {
    const locale = signedIn(request).user.locale;
    const base = `/staff/offices/${office.id}/book`;
    const picker = await slotPicker(app, office, { from, locale, base });
    const html = await reply.viewAsync("staff/bookings/phone-slots.eta", { office, base, ...picker, error });
    return sendHtml(reply, status, html);
  }

  async function renderForm(request: FastifyRequest, reply: FastifyReply, office: Office, startsAt: Date, form: { values: FormValues; errors: Record<string, string>; token: string }) {
    const fmt = formatter(signedIn(request).user.locale, office.timeZone);
    const html = await reply.viewAsync("staff/bookings/phone-form.eta", {
      office,
      slot: { value: slotParam(startsAt), label: fmt.date(startsAt), time: fmt.time(startsAt) },
      values: { locale: "nl", language: "nl", ...form.values },
      errors: form.errors,
      token: form.token,
      conversationLanguages: Object.entries(conversationLanguages),
      messageLocales: locales.map((code) => [code, localeInfo[code].nativeName]),
    });
    return sendHtml(reply, Object.keys(form.errors).length > 0 ? 422 : 200, html);
  }

  /**
   * Refuses a slot staff cannot fill (desk rules) by sending the list again, with why;
   * true when it did. (A sent reply is itself awaitable, so this answers a plain yes/no.)
   */
  async function refused(request: FastifyRequest, reply: FastifyReply, office: Office, startsAt: Date | null): Promise<boolean> {
    const found = startsAt ? await findSlot(app.db, office, startsAt, app.clock.now()) : null;
    const why = startsAt ? refuseSlot(found, "desk", app.clock.now()) : "unavailable";
    if (!why) return false;
    const key = why === "taken" ? "staff.bookings.book.taken" : "staff.bookings.book.unavailable";
    await renderSlots(request, reply, office, undefined, why === "taken" ? 409 : 404, key);
    return true;
  }

  app.get("/offices/:officeId/book", { ...officersOnly, schema: { params, querystring: query } }, async (request, reply) => {
    const office = await staffOffice(app, request, reply, request.params.officeId);
    if (!office) return reply;
    if (request.query.slot === undefined) return renderSlots(request, reply, office, request.query.from);
    const startsAt = parseSlotParam(request.query.slot);
    if (!startsAt || (await refused(request, reply, office, startsAt))) {
      if (!startsAt) await renderSlots(request, reply, office, undefined, 404, "staff.bookings.book.unavailable");
      return reply;
    }
    return renderForm(request, reply, office, startsAt, { values: {}, errors: {}, token: newFormKey(app, office, startsAt) });
  });

  app.post("/offices/:officeId/book", { ...officersOnly, schema: { params, body: formBody } }, async (request, reply) => {
    const office = await staffOffice(app, request, reply, request.params.officeId);
    if (!office) return reply;
    const values = formValues(request.body);
    const { startsAt, formKey, token } = postedBooking(app, office, values);
    if (!startsAt) return renderSlots(request, reply, office, undefined, 404, "staff.bookings.book.unavailable");
    if (!token) {
      if (await refused(request, reply, office, startsAt)) return reply;
      return renderForm(request, reply, office, startsAt, { values, errors: { form: "form.error.expired" }, token: newFormKey(app, office, startsAt) });
    }
    const parsed = phoneForm.safeParse(values);
    if (!parsed.success) return renderForm(request, reply, office, startsAt, { values, errors: formErrors(parsed.error), token: formKey });
    const input = {
      actor: { type: "staff" as const, id: signedIn(request).user.id },
      office,
      startsAt,
      channel: "STAFF" as const,
      rules: "desk" as const,
      token,
      locale: parsed.data.locale,
      ...contactOf(parsed.data),
    };
    const unavailable = () => renderSlots(request, reply, office, undefined, 404, "staff.bookings.book.unavailable");
    return bookFromForm(app, input, {
      // Sent again (double click, back and resend): the booking it already made.
      booked: (booking) =>
        booking.officeId === office.id ? reply.redirect(`/staff/bookings/${booking.id}?done=booked`, 303) : renderSlots(request, reply, office, undefined, 409, "staff.bookings.book.unavailable"),
      gone: (reason) => (reason === "taken" ? renderSlots(request, reply, office, undefined, 409, "staff.bookings.book.taken") : unavailable()),
      // Staff bookings are not limited per contact, and a staff form always finds its booking.
      contactLimit: unavailable,
      formUsed: unavailable,
    });
  });
};

export default bookingsPhoneRoutes;
