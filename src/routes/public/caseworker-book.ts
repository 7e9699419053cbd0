// The caseworker's booking form: GET shows it for one slot; POST shows the details to
// check, and POST again with `confirm=yes` books (see routes/booking-form.ts for what
// every booking form shares). The form asks more than the client's, so it is read back
// before booking; the one-time form key is the same throughout, so a double confirm
// still makes one booking. Messages then follow the booking's fields: with "contact only
// via me" only the caseworker hears from us.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { isHoneypotFilled, type FormErrors } from "../../domain/booking/schema.ts";
import { findActiveOffice } from "../../domain/offices/find-office.ts";
import type { Office } from "../../generated/prisma/client.ts";
import { conversationLanguages } from "../../i18n/conversation-languages.ts";
import { formatter } from "../../i18n/format.ts";
import { localeInfo, locales } from "../../i18n/locales.ts";
import { renderError } from "../../plugins/errors.ts";
import { pageLocale, rememberLocale } from "../../plugins/locale.ts";
import { bookFromForm, keyToShowAgain, contactOf, formPageHeaders, formValues, newFormKey, postedBooking, typedValues, type FormValues } from "../booking-form.ts";
import { caseworkerConfirmationPath } from "./caseworker-confirmation.ts";
import { orgTypeOptions, parseCaseworkerForm, type CaseworkerForm } from "./caseworker-schema.ts";
import { caseworkerLink } from "./office-view.ts";
import { renderSlotGone } from "./slot-gone.ts";
import { offeredSlot } from "./slot-offer.ts";
import { slotParam } from "./slot-param.ts";
import { formErrors } from "../form-errors.ts";
import { formBody, queryText } from "../input.ts";

const params = z.object({ lang: z.string(), slug: z.string() });
const query = z.object({ slot: queryText });

const caseworkerBookRoutes: FastifyPluginAsyncZod = async (app) => {
  async function renderForm(request: FastifyRequest, reply: FastifyReply, office: Office, startsAt: Date, form: { values: FormValues; errors: FormErrors; token: string; typed?: boolean }) {
    const locale = pageLocale(request);
    const fmt = formatter(locale, office.timeZone);
    const html = await reply.viewAsync("public/caseworker/book.eta", {
      office,
      slot: { value: slotParam(startsAt), date: fmt.date(startsAt), time: fmt.time(startsAt) },
      // Both of the client's languages are the caseworker's choice: neither starts as the page's.
      values: { interpreter: "no", ...form.values },
      errors: form.errors,
      token: form.token,
      conversationLanguages: Object.entries(conversationLanguages),
      siteLanguages: locales.map((code) => [code, localeInfo[code].nativeName]),
      orgTypes: orgTypeOptions,
      languageForm: { form: "booking-form", path: `/caseworker/offices/${office.slug}/book/form` },
    });
    const { status, cacheControl } = formPageHeaders(form.errors, form.typed);
    return reply.code(status).header("cache-control", cacheControl).type("text/html; charset=utf-8").send(html);
  }

  /** The details read back before booking, with the form's fields kept to confirm or change them. */
  async function renderCheck(request: FastifyRequest, reply: FastifyReply, office: Office, startsAt: Date, values: FormValues, form: CaseworkerForm) {
    const locale = pageLocale(request);
    const fmt = formatter(locale, office.timeZone);
    const html = await reply.viewAsync("public/caseworker/check.eta", {
      office,
      slot: { value: slotParam(startsAt), date: fmt.date(startsAt), time: fmt.time(startsAt) },
      token: values.formKey,
      kept: Object.entries(typedValues(values)),
      form,
      orgType: orgTypeOptions.find(([code]) => code === form.orgType)?.[1],
      spoken: conversationLanguages[form.language],
      reads: form.clientLocale ? localeInfo[form.clientLocale].nativeName : localeInfo[locale].nativeName,
      readsLocale: form.clientLocale ?? locale,
      languageForm: { form: "booking-form", path: `/caseworker/offices/${office.slug}/book/form` },
    });
    return reply.header("cache-control", "no-store").type("text/html; charset=utf-8").send(html);
  }

  const gone = (request: FastifyRequest, reply: FastifyReply, office: Office, startsAt: Date | null, reason: "taken" | "unavailable") => {
    const locale = pageLocale(request);
    return renderSlotGone(app, request, reply, { office, startsAt, reason, link: caseworkerLink(locale, office), allTimes: `/${locale}/caseworker/offices/${office.slug}` });
  };

  app.get("/caseworker/offices/:slug/book", { schema: { params, querystring: query } }, async (request, reply) => {
    const office = await findActiveOffice(app.db, request.params.slug, app.clock.now());
    if (!office) return reply.callNotFound();
    const offered = await offeredSlot(app.db, office, request.query.slot, app.clock.now());
    if ("gone" in offered) return gone(request, reply, office, offered.startsAt, offered.gone);
    return renderForm(request, reply, office, offered.startsAt, { values: {}, errors: {}, token: newFormKey(app, office, offered.startsAt) });
  });

  // The form shown again with what was typed, in the language of the path: where the
  // form's language links and the check step's "Change" send it. It books nothing; its
  // key stays, so it still makes one booking at most.
  app.post("/caseworker/offices/:slug/book/form", { schema: { params, body: formBody } }, async (request, reply) => {
    const office = await findActiveOffice(app.db, request.params.slug, app.clock.now());
    if (!office) return reply.callNotFound();
    const values = formValues(request.body);
    const shown = await keyToShowAgain(app, office, values);
    if ("gone" in shown) return gone(request, reply, office, shown.startsAt, shown.gone);
    const { startsAt, key } = shown;
    const typed = typedValues(values);
    rememberLocale(reply, pageLocale(request), app.config.publicUrl);
    return renderForm(request, reply, office, startsAt, { values: typed, errors: {}, token: key, typed: true });
  });

  app.post("/caseworker/offices/:slug/book", { ...app.limited("booking"), schema: { params, body: formBody } }, async (request, reply) => {
    const locale = pageLocale(request);
    const office = await findActiveOffice(app.db, request.params.slug, app.clock.now());
    if (!office) return reply.callNotFound();
    const values = formValues(request.body);
    const { startsAt, formKey, token } = postedBooking(app, office, values);
    if (!startsAt) return gone(request, reply, office, null, "unavailable");
    if (!token) {
      // A form we never sent for this time (or an expired copy): a fresh one, if the time
      // can still be booked.
      const offered = await offeredSlot(app.db, office, values.slot, app.clock.now());
      if ("gone" in offered) return gone(request, reply, office, offered.startsAt, offered.gone);
      return renderForm(request, reply, office, startsAt, { values, errors: { form: "form.error.expired" }, token: newFormKey(app, office, startsAt) });
    }
    if (isHoneypotFilled(values)) {
      request.log.info("caseworker form with the honeypot filled in");
      return renderError(request, reply, 400);
    }
    const parsed = parseCaseworkerForm(values);
    if (!parsed.success) return renderForm(request, reply, office, startsAt, { values, errors: formErrors(parsed.error), token: formKey });
    const form = parsed.data;
    // First the details to check; the check page sends them again with confirm=yes.
    if (values.confirm !== "yes") return renderCheck(request, reply, office, startsAt, values, form);
    const input = {
      actor: { type: "caseworker" as const },
      office,
      startsAt,
      channel: "CASEWORKER" as const,
      rules: "online" as const,
      token,
      // The client's messages and card in the client's language; the caseworker's
      // copies in the language they booked in.
      locale: form.clientLocale,
      // With "contact only via me" the client's own phone and email are not kept.
      ...contactOf(form.contactViaMe ? { ...form, phone: null, email: null } : form),
      referrer: { orgType: form.orgType, orgName: form.orgName, name: form.caseworkerName, email: form.caseworkerEmail, locale, contactViaReferrer: form.contactViaMe },
      contactLimit: app.config.maxBookingsPerContact,
    };
    return bookFromForm(app, input, {
      booked: () => reply.redirect(caseworkerConfirmationPath(locale, token), 303),
      formUsed: () => renderForm(request, reply, office, startsAt, { values, errors: { form: "form.error.expired" }, token: newFormKey(app, office, startsAt) }),
      gone: (reason) => gone(request, reply, office, startsAt, reason),
      contactLimit: (count) => renderForm(request, reply, office, startsAt, { values, errors: { form: ["form.error.tooManyBookings", { count }] }, token: formKey }),
    });
  });
};

export default caseworkerBookRoutes;
