// "Lost your link?": the booking code and the email address or phone number given at
// booking; when they match an active booking, the manage link is sent again there.
//
// Every well-formed request gets the same answer — a redirect to the same page, no sooner
// than LOST_LINK_ANSWER_MS after it arrived — whether anything matched, was sent, or was
// counted out by a limit: the answer must not tell a
// visitor which codes exist or whose contact goes with them. That includes the visitor's
// own limit: behind a shelter's or a mobile network's shared address the count holds other
// people's requests too, and one answer for everything is the simplest thing to keep
// true. The page says what to do when nothing arrives. Only input that cannot be a code or
// a contact gets a form with errors (422), which depends on the input alone.
import { setTimeout as sleep } from "node:timers/promises";
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { parseBookingCode } from "../../domain/booking/booking-code.ts";
import { emailKey, phoneKey } from "../../domain/booking/contact-keys.ts";
import { resendManageLink, type LostLinkContact } from "../../domain/booking/resend-manage-link.ts";
import { contactFields, type FormErrors } from "../../domain/booking/schema.ts";
import { pageLocale } from "../../plugins/locale.ts";
import { formValues, type FormValues } from "../booking-form.ts";
import { formBody } from "../input.ts";

const params = z.object({ lang: z.string() });

/** No answer to a well-formed request comes sooner than this (milliseconds): matched or not, it takes as long. */
export const LOST_LINK_ANSWER_MS = 250;

/** The code and the contact as typed, or the errors to show. */
export function parseLostLinkForm(values: FormValues): { code: string; contact: LostLinkContact } | { errors: FormErrors } {
  const errors: FormErrors = {};
  const typedCode = (values.code ?? "").trim();
  const code = typedCode === "" ? null : parseBookingCode(typedCode.slice(0, 40));
  if (typedCode === "") errors.code = "lostLink.error.codeRequired";
  else if (!code) errors.code = "lostLink.error.codeInvalid";
  const typedContact = (values.contact ?? "").trim();
  let contact: LostLinkContact | null = null;
  if (typedContact === "") errors.contact = "lostLink.error.contactRequired";
  else if (typedContact.includes("@")) {
    const email = contactFields.email.safeParse(typedContact);
    const key = email.success ? emailKey(email.data) : null;
    if (key) contact = { channel: "email", emailKey: key };
    else errors.contact = "form.error.emailInvalid";
  } else {
    const phone = contactFields.phone.safeParse(typedContact);
    const key = phone.success ? phoneKey(phone.data) : null;
    if (key) contact = { channel: "sms", phoneKey: key };
    else errors.contact = "lostLink.error.contactInvalid";
  }
  return code && contact ? { code, contact } : { errors };
}

const lostLinkRoutes: FastifyPluginAsyncZod = async (app) => {
  async function renderForm(reply: FastifyReply, values: FormValues, errors: FormErrors) {
    const html = await reply.viewAsync("public/lost-link.eta", { values, errors });
    const failed = Object.keys(errors).length > 0;
    return reply.code(failed ? 422 : 200).header("cache-control", "no-store").type("text/html; charset=utf-8").send(html);
  }

  app.get("/lost-link", { schema: { params } }, (_request, reply) => renderForm(reply, {}, {}));

  app.get("/lost-link/sent", { schema: { params } }, async (_request, reply) => {
    const html = await reply.viewAsync("public/lost-link-sent.eta", {});
    return reply.header("cache-control", "no-store").type("text/html; charset=utf-8").send(html);
  });

  app.post("/lost-link", { config: { admission: "lost-link" }, schema: { params, body: formBody } }, async (request, reply) => {
    const started = performance.now();
    // Counted first, for every request alike: one over the budget looks up nothing and
    // spends no code's or contact's budget.
    const withinVisitor = await app.countQuietly("lost-link", request.ip);
    const values = formValues(request.body);
    const parsed = parseLostLinkForm(values);
    if ("errors" in parsed) return renderForm(reply, { code: values.code ?? "", contact: values.contact ?? "" }, parsed.errors);
    if (withinVisitor) {
      const contactKey = parsed.contact.channel === "email" ? parsed.contact.emailKey : parsed.contact.phoneKey;
      // Both are counted, so asking about a code with many contacts, or a contact with
      // many codes, spends the budget either way.
      const [withinCode, withinContact] = await Promise.all([app.countQuietly("lost-link-code", parsed.code), app.countQuietly("lost-link-contact", contactKey)]);
      if (withinCode && withinContact) {
        const result = await resendManageLink(app.deps, parsed, app.clock.now());
        if (result.kind === "queued") app.outbox.wake();
      }
    }
    // Nor in its timing: a match writes a transaction, a miss does not. Every well-formed
    // request is answered no sooner than LOST_LINK_ANSWER_MS after it arrived, which is
    // far longer than that work takes.
    const wait = started + LOST_LINK_ANSWER_MS - performance.now();
    if (wait > 0) await sleep(wait);
    return reply.header("cache-control", "no-store").redirect(`/${pageLocale(request)}/lost-link/sent`, 303);
  });
};

export default lostLinkRoutes;
