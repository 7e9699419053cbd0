// The booking form: GET shows it for one slot, POST books. The form carries a fresh
// manage token as its one-time key: sending the same form again finds the booking it
// already made instead of making a second one.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { conversationLanguages } from "../../i18n/conversation-languages.ts";
import { createBooking } from "../../domain/booking/create-booking.ts";
import { isManageToken, newManageToken } from "../../domain/booking/manage-token.ts";
import { bookingFormSchema, fieldErrors, isHoneypotFilled, type FormErrors } from "../../domain/booking/schema.ts";
import { findActiveOffice } from "../../domain/offices/find-office.ts";
import type { Office } from "../../generated/prisma/client.ts";
import { formatter } from "../../i18n/format.ts";
import { renderError } from "../../plugins/errors.ts";
import type { Locale } from "../../i18n/locales.ts";
import { parseSlotParam, slotParam } from "./slot-param.ts";
import { bookingLink } from "./office-view.ts";
import { alternativesFor, offeredSlot } from "./slot-offer.ts";

const params = z.object({ lang: z.string(), slug: z.string() });
type FormValues = Record<string, string>;

function formValues(body: unknown): FormValues {
  const values: FormValues = {};
  if (body && typeof body === "object") {
    for (const [key, value] of Object.entries(body)) if (typeof value === "string") values[key] = value;
  }
  return values;
}

export default async function bookingRoutes(app: FastifyInstance) {
  async function renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    office: Office,
    startsAt: Date,
    form: { values: FormValues; errors: FormErrors; token: string },
  ) {
    const locale = request.locale as Locale;
    const fmt = formatter(locale, office.timeZone);
    const status = Object.keys(form.errors).length > 0 ? 422 : 200;
    const html = await reply.viewAsync("public/book.eta", {
      office,
      slot: { value: slotParam(startsAt), date: fmt.date(startsAt), time: fmt.time(startsAt) },
      values: { language: locale, ...form.values },
      errors: form.errors,
      token: form.token,
      conversationLanguages: Object.entries(conversationLanguages),
    });
    // A fresh form holds nothing personal, only its form key. The browser may keep it for
    // Back (revalidated on every ordinary visit): going back and sending it again then
    // sends the same key, which finds the booking already made. With no-store, Back
    // would fetch a form with a new key and book a second time. A form that comes back
    // with what the person typed is never stored.
    const caching = status === 200 ? "private, no-cache" : "no-store";
    return reply.code(status).header("cache-control", caching).type("text/html; charset=utf-8").send(html);
  }

  /** "This time was just taken" (409) or "this time cannot be booked" (404), with other times to pick. */
  async function renderSlotGone(request: FastifyRequest, reply: FastifyReply, office: Office, startsAt: Date | null, reason: "taken" | "unavailable") {
    const locale = request.locale as Locale;
    const alternatives = await alternativesFor(app.db, office, startsAt, app.clock.now(), locale, bookingLink(locale, office));
    const html = await reply.viewAsync("public/slot-gone.eta", { office, reason, alternatives });
    return reply.code(reason === "taken" ? 409 : 404).header("cache-control", "no-store").type("text/html; charset=utf-8").send(html);
  }

  app.get("/offices/:slug/book", async (request, reply) => {
    const office = await findActiveOffice(app.db, params.parse(request.params).slug, app.clock.now());
    if (!office) return reply.callNotFound();
    const offered = await offeredSlot(app.db, office, (request.query as Record<string, unknown> | undefined)?.slot, app.clock.now());
    if ("gone" in offered) return renderSlotGone(request, reply, office, offered.startsAt, offered.gone);
    const { startsAt } = offered;
    return renderForm(request, reply, office, startsAt, { values: {}, errors: {}, token: newManageToken() });
  });

  app.post("/offices/:slug/book", app.limited("booking"), async (request, reply) => {
    const locale = request.locale as Locale;
    const office = await findActiveOffice(app.db, params.parse(request.params).slug, app.clock.now());
    if (!office) return reply.callNotFound();
    const values = formValues(request.body);
    const startsAt = parseSlotParam(values.slot);
    if (!startsAt) return renderSlotGone(request, reply, office, null, "unavailable");
    const token = values.formKey;
    if (!isManageToken(token)) {
      // A form we never sent (or an expired copy): start again with a fresh one.
      return renderForm(request, reply, office, startsAt, { values, errors: { form: "form.error.expired" }, token: newManageToken() });
    }

    if (isHoneypotFilled(values)) {
      request.log.info("booking form with the honeypot filled in");
      return renderError(request, reply, 400);
    }
    const parsed = bookingFormSchema.safeParse(values);
    if (!parsed.success) {
      return renderForm(request, reply, office, startsAt, { values, errors: fieldErrors(parsed.error), token });
    }
    const form = parsed.data;
    const result = await createBooking(
      app.deps,
      {
        actor: { type: "client" },
        office,
        startsAt,
        channel: "SELF",
        rules: "online",
        token,
        locale,
        language: form.language,
        interpreterNeeded: form.interpreter,
        name: form.name,
        phone: form.phone,
        email: form.email,
        note: form.note,
        contactLimit: app.config.maxBookingsPerContact,
      },
      app.clock.now(),
    );
    switch (result.kind) {
      case "created":
        if (result.messages > 0) app.outbox.wake();
        return reply.redirect(`/${locale}/booking/${token}/confirmation`, 303);
      case "duplicate":
        return reply.redirect(`/${locale}/booking/${token}/confirmation`, 303);
      case "form-used":
        return renderForm(request, reply, office, startsAt, { values, errors: { form: "form.error.expired" }, token: newManageToken() });
      case "taken":
      case "unavailable":
        return renderSlotGone(request, reply, office, startsAt, result.kind);
      case "contact-limit":
        return renderForm(request, reply, office, startsAt, { values, errors: { form: ["form.error.tooManyBookings", { count: result.count }] }, token });
    }
  });
}
