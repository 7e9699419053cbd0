// The queue at the desk: check-in by scanning (or typing) a booking code, the ticket
// with the queue number, "call next" and recall, and the link of the calling screen.
// Every form answers with a redirect to the day list (POST/redirect/GET); what happened
// travels in the query (?scan=…&booking=…, ?call=…&ticket=…), ids only, never a name.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { localDateOf } from "../../local-date.ts";
import { checkInByCode } from "../../domain/queue/check-in-by-code.ts";
import { callNext, recallTicket } from "../../domain/queue/call-next.ts";
import { issueScreenLink, screenLinkMadeAt } from "../../domain/queue/calling-screen.ts";
import { ticketLabel } from "../../domain/queue/ticket-label.ts";
import { formatter } from "../../i18n/format.ts";
import { staffTranslator } from "../../i18n/catalogue.ts";
import { renderError } from "../../plugins/errors.ts";
import { formValues } from "../booking-form.ts";
import { formBody } from "../input.ts";
import { staffOffice } from "./scope.ts";
import { signedIn } from "./session.ts";

const params = z.object({ officeId: z.string() });
const ticketPath = z.object({ officeId: z.string(), ticketId: z.string() });
const id = z.string().regex(/^\d{1,9}$/).transform(Number);
/** A room or desk as the waiting room reads it: "Balie 2", "Kamer 1.04". */
export const deskName = z.string().trim().regex(/^[\p{L}\p{N}][\p{L}\p{N} .\-/]{0,19}$/u);

const queueRoutes: FastifyPluginAsyncZod = async (app) => {
  // The scan answers need no #fragment: the field is at the top, and a fragment would take
  // the focus from it when the page loads (the browser focuses the fragment's target).
  const dayUrl = (officeId: number, query: string, anchor?: string) => `/staff/offices/${officeId}/day?${query}${anchor ? `#${anchor}` : ""}`;

  app.post("/offices/:officeId/day/scan", { schema: { params, body: formBody } }, async (request, reply) => {
    const office = await staffOffice(app, request, reply, request.params.officeId);
    if (!office) return reply;
    const typed = formValues(request.body).code ?? "";
    if (typed.trim() === "") return reply.redirect(dayUrl(office.id, "scan=empty"), 303);
    // The card's other QR code holds the secret manage link: say so, and never echo it.
    if (/[/:]/.test(typed)) return reply.redirect(dayUrl(office.id, "scan=link"), 303);
    const result = await checkInByCode(app.deps, { actor: { type: "staff", id: signedIn(request).user.id }, office, typed }, app.clock.now());
    const query = result.kind === "unknown" ? "scan=unknown" : `scan=${result.kind}&booking=${result.booking.id}`;
    return reply.redirect(dayUrl(office.id, query), 303);
  });

  app.post("/offices/:officeId/day/call-next", { schema: { params, body: formBody } }, async (request, reply) => {
    const office = await staffOffice(app, request, reply, request.params.officeId);
    if (!office) return reply;
    const values = formValues(request.body);
    const to = deskName.safeParse(values.to ?? "");
    if (!to.success) return reply.redirect(dayUrl(office.id, "call=desk", "queue"), 303);
    const user = signedIn(request).user;
    const result = await callNext(app.deps, { actor: { type: "staff", id: user.id }, office, to: to.data, seen: values.seen ?? "" }, app.clock.now());
    const query =
      result.kind === "called" ? `call=called&ticket=${result.ticket.id}` : result.kind === "stale" ? `call=stale${result.latest ? `&ticket=${result.latest.id}` : ""}` : "call=nobody";
    return reply.redirect(dayUrl(office.id, query, "queue"), 303);
  });

  app.post("/offices/:officeId/day/tickets/:ticketId/recall", { schema: { params: ticketPath, body: formBody } }, async (request, reply) => {
    const office = await staffOffice(app, request, reply, request.params.officeId);
    if (!office) return reply;
    const ticketId = id.safeParse(request.params.ticketId);
    const known = ticketId.success && (await app.db.queueTicket.count({ where: { id: ticketId.data, officeId: office.id } })) > 0;
    if (!ticketId.success || !known) return renderError(request, reply, 404);
    const values = formValues(request.body);
    const calls = id.safeParse(values.calls ?? "");
    const to = deskName.safeParse(values.to ?? "");
    if (!calls.success || !to.success) return reply.redirect(dayUrl(office.id, "call=desk", "queue"), 303);
    const user = signedIn(request).user;
    const ticket = await recallTicket(app.deps, { actor: { type: "staff", id: user.id }, office, ticketId: ticketId.data, calls: calls.data, to: to.data }, app.clock.now());
    if (!ticket) return renderError(request, reply, 404);
    return reply.redirect(dayUrl(office.id, `call=recalled&ticket=${ticket.id}`, "queue"), 303);
  });

  // The ticket to hand over: the number, the office and the time; no name (it is shown
  // in the waiting room and may be left on a chair).
  app.get("/offices/:officeId/day/tickets/:ticketId", { schema: { params: ticketPath } }, async (request, reply) => {
    const office = await staffOffice(app, request, reply, request.params.officeId);
    if (!office) return reply;
    const ticketId = id.safeParse(request.params.ticketId);
    const ticket = ticketId.success ? await app.db.queueTicket.findFirst({ where: { id: ticketId.data, officeId: office.id } }) : null;
    if (!ticket) return renderError(request, reply, 404);
    const fmt = formatter("nl", office.timeZone);
    return reply.viewAsync("staff/reception/ticket.eta", {
      office,
      number: ticketLabel(office, ticket.number),
      date: fmt.localDate(ticket.date),
      time: fmt.time(ticket.createdAt),
      back: `/staff/offices/${office.id}/day?date=${ticket.date}`,
      // For the client, whatever the desk reads: Dutch, and English below it.
      wait: { nl: staffTranslator("nl")("staff.desk.ticket.wait"), en: staffTranslator("en")("staff.desk.ticket.wait") },
    });
  });

  // The calling screen's link: made or replaced by an officer or administrator, shown once.
  const screenPage = async (request: FastifyRequest, reply: FastifyReply, officeId: string, token: "make" | null) => {
    const office = await staffOffice(app, request, reply, officeId);
    if (!office) return reply;
    const secret = token === "make" ? await issueScreenLink(app.db, { actor: { type: "staff", id: signedIn(request).user.id }, officeId: office.id }, app.clock.now()) : null;
    const madeAt = await screenLinkMadeAt(app.db, office.id);
    const fmt = formatter(signedIn(request).user.locale, office.timeZone);
    return reply.viewAsync("staff/reception/screen-link.eta", {
      office,
      link: secret ? `${app.config.publicUrl}/screen/${secret}` : null,
      madeAt: madeAt ? `${fmt.date(madeAt)} ${fmt.time(madeAt)}` : null,
      today: localDateOf(app.clock.now(), office.timeZone),
    });
  };
  app.get("/offices/:officeId/screen-link", { config: { roles: ["ADMIN", "OFFICER"] }, schema: { params } }, (request, reply) => screenPage(request, reply, request.params.officeId, null));
  app.post("/offices/:officeId/screen-link", { config: { roles: ["ADMIN", "OFFICER"] }, schema: { params, body: formBody } }, (request, reply) => screenPage(request, reply, request.params.officeId, "make"));
};

export default queueRoutes;
