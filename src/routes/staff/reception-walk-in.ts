// Walk-ins: someone at the desk without an appointment gets a free place of today's
// session (a booking with channel WALK_IN), or a place on the session's waiting list.
// The walk-in form carries a one-time key (the new booking's manage token), so a double
// click or a resend adds the person once.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { addDays, isWallClock, localDateOf } from "../../local-date.ts";
import { localeInfo, locales } from "../../i18n/locales.ts";
import { conversationLanguages } from "../../i18n/conversation-languages.ts";
import { contactFields } from "../../domain/booking/schema.ts";
import { addToWaitingList, sessionStillOpen, setWaitingStatus, findWaitingEntry } from "../../domain/desk/waiting-list.ts";
import type { Office } from "../../generated/prisma/client.ts";
import { formatter } from "../../i18n/format.ts";
import { renderError } from "../../plugins/errors.ts";
import { bookFromForm, contactOf, formValues, newFormKey, postedBooking, type FormValues } from "../booking-form.ts";
import { formBody, queryValue } from "../input.ts";
import { parseSlotParam } from "../public/slot-param.ts";
import { dayParam } from "./reception-shared.ts";
import { staffOffice } from "./scope.ts";
import { signedIn } from "./session.ts";
import { formErrors } from "../form-errors.ts";
import { ticketForArrival } from "../../domain/queue/give-ticket.ts";

// Path parameters are text, so a wrong one is the 404 page rather than a 400: the office
// in staffOffice, the entry and its status in waitingParams.
/** What a waiting-list form is bound to: the day and the session. */
const waitingTarget = (date: string, session: string) => `waiting-list ${date} ${session}`;

const params = z.object({ officeId: z.string() });
const statusPath = z.object({ officeId: z.string(), entryId: z.string(), status: z.string() });
/** A free place now: `?slot=` an instant, checked here (not today's, or no instant: 404). */
const walkInQuery = z.object({ slot: queryValue });
/** The waiting list of one session today: `?date=` and `?session=` (its start), checked here. */
const waitingQuery = z.object({ date: queryValue, session: queryValue });
const walkInSchema = z.object({ name: contactFields.name, language: contactFields.language, interpreter: contactFields.interpreter });
/** The waiting list also takes how to reach the person when a place is freed (all optional). */
const waitingSchema = walkInSchema.extend({
  phone: contactFields.phone,
  smsConsent: contactFields.smsConsent,
  email: contactFields.email,
  // The form always sends one (Dutch unless changed); a form from before it had the field means Dutch.
  locale: z.enum(locales, { message: "staff.bookings.book.localeRequired" }).default("nl"),
});
const waitingParams = z.object({ officeId: z.string(), entryId: z.string().regex(/^\d{1,9}$/), status: z.enum(["waiting", "seen", "left"]) });

const receptionWalkInRoutes: FastifyPluginAsyncZod = async (app) => {
  // Walk-ins are for people at the desk now: today's sessions only. The waiting list is
  // for today and tomorrow, the days whose freed places are offered to it.
  const isToday = (office: Office, date: string) => date === localDateOf(app.clock.now(), office.timeZone);
  const waitingDay = (office: Office, date: string) => isToday(office, date) || date === addDays(localDateOf(app.clock.now(), office.timeZone), 1);
  const today = (office: Office, slot: Date) => isToday(office, localDateOf(slot, office.timeZone));

  async function renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    office: Office,
    target: { kind: "slot"; slot: Date; token: string } | { kind: "waiting"; date: string; session: string; token: string },
    values: FormValues,
    errors: Record<string, string>,
  ) {
    const fmt = formatter(signedIn(request).user.locale, office.timeZone);
    const html = await reply.viewAsync("staff/reception/walk-in.eta", {
      office,
      target:
        target.kind === "slot"
          ? { kind: "slot", value: target.slot.toISOString(), token: target.token, label: fmt.slotLabel(target.slot), date: localDateOf(target.slot, office.timeZone) }
          : { kind: "waiting", date: target.date, session: target.session, token: target.token, label: `${fmt.localDayMonth(target.date)}, ${target.session}` },
      values: { language: "nl", interpreter: "no", locale: "nl", ...values },
      errors,
      conversationLanguages: Object.entries(conversationLanguages),
      messageLocales: locales.map((code) => [code, localeInfo[code].nativeName]),
    });
    return reply.code(Object.keys(errors).length > 0 ? 422 : 200).type("text/html; charset=utf-8").send(html);
  }

  app.get("/offices/:officeId/day/walk-in", { schema: { params, querystring: walkInQuery } }, async (request, reply) => {
    const office = await staffOffice(app, request, reply, request.params.officeId);
    if (!office) return reply;
    const slot = parseSlotParam(request.query.slot);
    if (!slot || !today(office, slot)) return renderError(request, reply, 404);
    return renderForm(request, reply, office, { kind: "slot", slot, token: newFormKey(app, office, slot) }, {}, {});
  });

  app.post("/offices/:officeId/day/walk-in", { schema: { params, body: formBody } }, async (request, reply) => {
    const office = await staffOffice(app, request, reply, request.params.officeId);
    if (!office) return reply;
    const values = formValues(request.body);
    const { startsAt: slot, formKey, token } = postedBooking(app, office, values);
    if (!slot) return renderError(request, reply, 404);
    if (!today(office, slot)) return renderForm(request, reply, office, { kind: "slot", slot, token: newFormKey(app, office, slot) }, values, { form: "staff.reception.walkIn.onlyToday" });
    if (!token) return renderForm(request, reply, office, { kind: "slot", slot, token: newFormKey(app, office, slot) }, values, { form: "form.error.expired" });
    const target = { kind: "slot" as const, slot, token: formKey };
    const parsed = walkInSchema.safeParse(values);
    if (!parsed.success) return renderForm(request, reply, office, target, values, formErrors(parsed.error));
    const input = {
      actor: { type: "staff" as const, id: signedIn(request).user.id },
      office,
      startsAt: slot,
      channel: "WALK_IN" as const,
      rules: "walk-in" as const,
      token,
      locale: "nl",
      ...contactOf(parsed.data),
      arrived: true,
    };
    const refuse = (key: string) => renderForm(request, reply, office, target, values, { form: key });
    return bookFromForm(app, input, {
      // The same form again finds the walk-in it already added (a key is never shared between offices).
      // A walk-in has arrived: the queue number comes with the place (once, however often the form is sent).
      booked: async (booking) => {
        if (booking.officeId !== office.id) return renderError(request, reply, 409);
        await ticketForArrival(app.deps, { actor: input.actor, booking, timeZone: office.timeZone }, app.clock.now());
        return reply.redirect(`/staff/offices/${office.id}/day?date=${localDateOf(booking.startsAt, office.timeZone)}#booking-${booking.id}`, 303);
      },
      gone: (reason) => refuse(reason === "taken" ? "staff.reception.walkIn.taken" : "staff.reception.walkIn.over"),
      contactLimit: () => refuse("staff.reception.walkIn.over"),
      formUsed: () => refuse("staff.reception.walkIn.over"),
    });
  });

  app.get("/offices/:officeId/day/waiting", { schema: { params, querystring: waitingQuery } }, async (request, reply) => {
    const office = await staffOffice(app, request, reply, request.params.officeId);
    if (!office) return reply;
    const now = app.clock.now();
    const date = dayParam(request.query.date, now, office.timeZone);
    const session = request.query.session;
    if (!date || !isWallClock(session) || !waitingDay(office, date) || !(await sessionStillOpen(app.db, office, date, session, now))) return renderError(request, reply, 404);
    return renderForm(request, reply, office, { kind: "waiting", date, session, token: newFormKey(app, office, waitingTarget(date, session)) }, {}, {});
  });

  app.post("/offices/:officeId/day/waiting", { schema: { params, body: formBody } }, async (request, reply) => {
    const office = await staffOffice(app, request, reply, request.params.officeId);
    if (!office) return reply;
    const values = formValues(request.body);
    const now = app.clock.now();
    const date = dayParam(values.date, now, office.timeZone);
    const session = values.session;
    if (!date || !isWallClock(session) || !waitingDay(office, date) || !(await sessionStillOpen(app.db, office, date, session, now))) return renderError(request, reply, 404);
    const { formKey, token } = postedBooking(app, office, values, waitingTarget(date, session));
    if (!token) return renderForm(request, reply, office, { kind: "waiting", date, session, token: newFormKey(app, office, waitingTarget(date, session)) }, values, { form: "form.error.expired" });
    const parsed = waitingSchema.safeParse(values);
    if (!parsed.success) return renderForm(request, reply, office, { kind: "waiting", date, session, token: formKey }, values, formErrors(parsed.error));
    const entry = await addToWaitingList(
      app.deps,
      {
        actor: { type: "staff", id: signedIn(request).user.id },
        officeId: office.id,
        date,
        sessionStart: session,
        name: parsed.data.name,
        language: parsed.data.language,
        interpreterNeeded: parsed.data.interpreter,
        phone: parsed.data.phone,
        smsConsent: parsed.data.phone !== null && parsed.data.smsConsent,
        email: parsed.data.email,
        locale: parsed.data.locale,
        formKey: token,
      },
      now,
    );
    // The same form again: the entry it already added (a key is never shared between offices).
    if (!entry) return renderError(request, reply, 409);
    return reply.redirect(`/staff/offices/${office.id}/day?date=${date}#waiting-${entry.id}`, 303);
  });

  app.post("/offices/:officeId/day/waiting/:entryId/:status", { schema: { params: statusPath } }, async (request, reply) => {
    const parsed = waitingParams.safeParse(request.params);
    if (!parsed.success) return renderError(request, reply, 404);
    const office = await staffOffice(app, request, reply, parsed.data.officeId);
    if (!office) return reply;
    const entry = await findWaitingEntry(app.db, office.id, Number(parsed.data.entryId));
    if (!entry) return renderError(request, reply, 404);
    await setWaitingStatus(app.deps, { actor: { type: "staff", id: signedIn(request).user.id }, officeId: office.id, entryId: entry.id, status: parsed.data.status }, app.clock.now());
    return reply.redirect(`/staff/offices/${office.id}/day?date=${entry.date}#waiting-${entry.id}`, 303);
  });
};

export default receptionWalkInRoutes;
