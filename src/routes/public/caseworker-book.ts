// The caseworker's booking form: GET shows it for one slot, POST books. Like the public
// form it carries a fresh manage token as its one-time key, so sending the same form
// twice finds the booking it made. Messages then follow the booking's fields: with
// "contact only via me" only the caseworker hears from us.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { conversationLanguages } from "../../i18n/conversation-languages.ts";
import { createBooking } from "../../domain/booking/create-booking.ts";
import { isManageToken, newManageToken } from "../../domain/booking/manage-token.ts";
import { isHoneypotFilled, type FormErrors } from "../../domain/booking/schema.ts";
import { findActiveOffice } from "../../domain/offices/find-office.ts";
import type { Office } from "../../generated/prisma/client.ts";
import { formatter } from "../../i18n/format.ts";
import { localeInfo, locales, type Locale } from "../../i18n/locales.ts";
import { renderError } from "../../plugins/errors.ts";
import { caseworkerLink } from "./office-view.ts";
import { caseworkerErrors, orgTypeOptions, parseCaseworkerForm } from "./caseworker-schema.ts";
import { parseSlotParam, slotParam } from "./slot-param.ts";
import { alternativesFor, offeredSlot } from "./slot-offer.ts";

const params = z.object({ lang: z.string(), slug: z.string() });
type Values = Record<string, string>;

const goneKeys = {
  taken: { title: "slotGone.taken.title", body: "slotGone.taken.body" },
  unavailable: { title: "slotGone.unavailable.title", body: "slotGone.unavailable.body" },
} as const;

function formValues(body: unknown): Values {
  const values: Values = {};
  if (body && typeof body === "object") for (const [k, v] of Object.entries(body)) if (typeof v === "string") values[k] = v;
  return values;
}

export default async function caseworkerBookRoutes(app: FastifyInstance) {
  async function renderForm(request: FastifyRequest, reply: FastifyReply, office: Office, startsAt: Date, form: { values: Values; errors: FormErrors; token: string }) {
    const locale = request.locale as Locale;
    const fmt = formatter(locale, office.timeZone);
    const html = await reply.viewAsync("public/caseworker/book.eta", {
      office,
      slot: { value: slotParam(startsAt), date: fmt.date(startsAt), time: fmt.time(startsAt) },
      values: { language: locale, clientLocale: locale, ...form.values },
      errors: form.errors,
      token: form.token,
      conversationLanguages: Object.entries(conversationLanguages),
      siteLanguages: locales.map((code) => [code, localeInfo[code].nativeName]),
      orgTypes: orgTypeOptions,
    });
    const status = Object.keys(form.errors).length > 0 ? 422 : 200;
    // As the client's form (booking.ts): Back restores a fresh form with its key, so
    // sending it again finds the booking made; a form with typed details is never stored.
    const caching = status === 200 ? "private, no-cache" : "no-store";
    return reply.code(status).header("cache-control", caching).type("text/html; charset=utf-8").send(html);
  }

  async function renderSlotGone(request: FastifyRequest, reply: FastifyReply, office: Office, startsAt: Date | null, reason: "taken" | "unavailable") {
    const locale = request.locale as Locale;
    const alternatives = await alternativesFor(app.db, office, startsAt, app.clock.now(), locale, caseworkerLink(locale, office));
    const html = await reply.viewAsync("public/caseworker/slot-gone.eta", { office, keys: goneKeys[reason], alternatives });
    return reply.code(reason === "taken" ? 409 : 404).header("cache-control", "no-store").type("text/html; charset=utf-8").send(html);
  }

  app.get("/caseworker/offices/:slug/book", async (request, reply) => {
    const office = await findActiveOffice(app.db, params.parse(request.params).slug, app.clock.now());
    if (!office) return reply.callNotFound();
    const offered = await offeredSlot(app.db, office, (request.query as Record<string, unknown> | undefined)?.slot, app.clock.now());
    if ("gone" in offered) return renderSlotGone(request, reply, office, offered.startsAt, offered.gone);
    const { startsAt } = offered;
    return renderForm(request, reply, office, startsAt, { values: {}, errors: {}, token: newManageToken() });
  });

  app.post("/caseworker/offices/:slug/book", app.limited("booking"), async (request, reply) => {
    const locale = request.locale as Locale;
    const office = await findActiveOffice(app.db, params.parse(request.params).slug, app.clock.now());
    if (!office) return reply.callNotFound();
    const values = formValues(request.body);
    const startsAt = parseSlotParam(values.slot);
    if (!startsAt) return renderSlotGone(request, reply, office, null, "unavailable");
    const token = values.formKey;
    if (!isManageToken(token)) {
      return renderForm(request, reply, office, startsAt, { values, errors: { form: "form.error.expired" }, token: newManageToken() });
    }
    if (isHoneypotFilled(values)) {
      request.log.info("caseworker form with the honeypot filled in");
      return renderError(request, reply, 400);
    }
    const parsed = parseCaseworkerForm(values);
    if (!parsed.success) return renderForm(request, reply, office, startsAt, { values, errors: caseworkerErrors(parsed.error), token });
    const form = parsed.data;
    const result = await createBooking(
      app.deps,
      {
        actor: { type: "client" },
        office,
        startsAt,
        channel: "CASEWORKER",
        rules: "online",
        token,
        // The client's messages and card in the client's language; the caseworker's
        // copies in the language they booked in.
        locale: form.clientLocale ?? locale,
        language: form.language,
        interpreterNeeded: form.interpreter,
        name: form.name,
        phone: form.contactViaMe ? null : form.phone,
        email: form.contactViaMe ? null : form.email,
        note: form.note,
        referrer: { orgType: form.orgType, orgName: form.orgName, name: form.caseworkerName, email: form.caseworkerEmail, locale, contactViaReferrer: form.contactViaMe },
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
