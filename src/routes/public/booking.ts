// The client's booking form: GET shows it for one slot, POST books (see
// routes/booking-form.ts for what every booking form shares).
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { bookingFormSchema, isHoneypotFilled, type FormErrors } from "../../domain/booking/schema.ts";
import { findActiveOffice } from "../../domain/offices/find-office.ts";
import type { Office } from "../../generated/prisma/client.ts";
import { conversationLanguages } from "../../i18n/conversation-languages.ts";
import { formatter } from "../../i18n/format.ts";
import { renderError } from "../../plugins/errors.ts";
import { isLocale } from "../../i18n/locales.ts";
import { pageLocale, rememberLocale } from "../../plugins/locale.ts";
import { bookFromForm, keyToShowAgain, contactOf, formPageHeaders, formValues, newFormKey, postedBooking, typedValues, type FormValues } from "../booking-form.ts";
import { bookingLink } from "./office-view.ts";
import { renderSlotGone } from "./slot-gone.ts";
import { offeredSlot } from "./slot-offer.ts";
import { slotParam } from "./slot-param.ts";
import { formErrors } from "../form-errors.ts";
import { formBody, queryText } from "../input.ts";

const params = z.object({ lang: z.string(), slug: z.string() });
const query = z.object({ slot: queryText });

const bookingRoutes: FastifyPluginAsyncZod = async (app) => {
  async function renderForm(request: FastifyRequest, reply: FastifyReply, office: Office, startsAt: Date, form: { values: FormValues; errors: FormErrors; token: string; typed?: boolean }) {
    const locale = pageLocale(request);
    const fmt = formatter(locale, office.timeZone);
    const html = await reply.viewAsync("public/book.eta", {
      office,
      slot: { value: slotParam(startsAt), date: fmt.date(startsAt), time: fmt.time(startsAt) },
      // Only a name (and the consent) must be given: the other questions start answered.
      values: { language: locale, interpreter: "no", ...form.values },
      errors: form.errors,
      token: form.token,
      conversationLanguages: Object.entries(conversationLanguages),
      // The language links send the form, to be shown again in that language (POST …/book/form).
      languageForm: { form: "booking-form", path: `/offices/${office.slug}/book/form` },
    });
    const { status, cacheControl } = formPageHeaders(form.errors, form.typed);
    return reply.code(status).header("cache-control", cacheControl).type("text/html; charset=utf-8").send(html);
  }

  const gone = (request: FastifyRequest, reply: FastifyReply, office: Office, startsAt: Date | null, reason: "taken" | "unavailable") => {
    const locale = pageLocale(request);
    return renderSlotGone(app, request, reply, { office, startsAt, reason, link: bookingLink(locale, office), allTimes: `/${locale}/offices/${office.slug}` });
  };

  app.get("/offices/:slug/book", { schema: { params, querystring: query } }, async (request, reply) => {
    const office = await findActiveOffice(app.db, request.params.slug, app.clock.now());
    if (!office) return reply.callNotFound();
    const offered = await offeredSlot(app.db, office, request.query.slot, app.clock.now());
    if ("gone" in offered) return gone(request, reply, office, offered.startsAt, offered.gone);
    return renderForm(request, reply, office, offered.startsAt, { values: {}, errors: {}, token: newFormKey(app, office, offered.startsAt) });
  });

  // The form shown again with what was typed, in the language of the path: where the
  // form's language links send it. It books nothing; its key stays, so it still makes
  // one booking at most. Typed details travel in the body, never in a URL.
  app.post("/offices/:slug/book/form", { schema: { params, body: formBody } }, async (request, reply) => {
    const locale = pageLocale(request);
    const office = await findActiveOffice(app.db, request.params.slug, app.clock.now());
    if (!office) return reply.callNotFound();
    const values = formValues(request.body);
    const shown = await keyToShowAgain(app, office, values);
    if ("gone" in shown) return gone(request, reply, office, shown.startsAt, shown.gone);
    const { startsAt, key } = shown;
    const typed = typedValues(values);
    // The language to speak starts as the page's: left as it was, it follows the page.
    if (isLocale(values.formLocale) && typed.language === values.formLocale) typed.language = locale;
    rememberLocale(reply, locale, app.config.publicUrl);
    return renderForm(request, reply, office, startsAt, { values: typed, errors: {}, token: key, typed: true });
  });

  app.post("/offices/:slug/book", { ...app.limited("booking"), schema: { params, body: formBody } }, async (request, reply) => {
    const locale = pageLocale(request);
    const office = await findActiveOffice(app.db, request.params.slug, app.clock.now());
    if (!office) return reply.callNotFound();
    const values = formValues(request.body);
    const { startsAt, formKey, token } = postedBooking(app, office, values);
    if (!startsAt) return gone(request, reply, office, null, "unavailable");
    if (!token) {
      // A form we never sent for this time (or an expired copy): start again with a fresh
      // one, if the time can still be booked.
      const offered = await offeredSlot(app.db, office, values.slot, app.clock.now());
      if ("gone" in offered) return gone(request, reply, office, offered.startsAt, offered.gone);
      return renderForm(request, reply, office, startsAt, { values, errors: { form: "form.error.expired" }, token: newFormKey(app, office, startsAt) });
    }
    if (isHoneypotFilled(values)) {
      request.log.info("booking form with the honeypot filled in");
      return renderError(request, reply, 400);
    }
    const parsed = bookingFormSchema.safeParse(values);
    if (!parsed.success) return renderForm(request, reply, office, startsAt, { values, errors: formErrors(parsed.error), token: formKey });
    const input = {
      actor: { type: "client" as const },
      office,
      startsAt,
      channel: "SELF" as const,
      rules: "online" as const,
      token,
      locale,
      ...contactOf(parsed.data),
      contactLimit: app.config.maxBookingsPerContact,
    };
    return bookFromForm(app, input, {
      booked: () => reply.redirect(`/${locale}/booking/${token}/confirmation`, 303),
      formUsed: () => renderForm(request, reply, office, startsAt, { values, errors: { form: "form.error.expired" }, token: newFormKey(app, office, startsAt) }),
      gone: (reason) => gone(request, reply, office, startsAt, reason),
      contactLimit: (count) => renderForm(request, reply, office, startsAt, { values, errors: { form: ["form.error.tooManyBookings", { count }] }, token: formKey }),
    });
  });
};

export default bookingRoutes;
