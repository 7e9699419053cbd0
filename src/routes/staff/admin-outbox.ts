// The outbox page (officers and administrators): every message with its status, attempts
// and last error, "retry now" for failed or waiting ones, and — when messages are written
// to files because no SMTP server is set — the message itself, with its booking links
// masked and each reading audited. An officer sees only the
// messages of bookings at their offices.
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { DateTime } from "luxon";
import { z } from "zod";
import { findOutboxMessage, isRetryable, listOutboxMessages, outboxStatuses, type OutboxScope } from "../../domain/outbox/outbox-messages.ts";
import { readOutboxFile, readSmsFile } from "../../domain/outbox/outbox-message-file.ts";
import { maskSecretLinks } from "../../domain/outbox/mask-links.ts";
import { recordMessageView } from "../../domain/outbox/record-message-view.ts";
import { retryOutboxMessage } from "../../domain/outbox/retry-outbox-message.ts";
import { renderError } from "../../plugins/errors.ts";
import { defaultZone } from "../../plugins/locale.ts";
import { parseId, sendPage, doneNotice } from "./admin-form.ts";
import { formErrors } from "../form-errors.ts";
import { queryValue, shownValue } from "../input.ts";
import { signedIn } from "./session.ts";

const officers = { config: { roles: ["ADMIN" as const, "OFFICER" as const] } };

const statusKeys = {
  PENDING: "staff.admin.outbox.status.pending",
  SENDING: "staff.admin.outbox.status.sending",
  SENT: "staff.admin.outbox.status.sent",
  FAILED: "staff.admin.outbox.status.failed",
  WITHDRAWN: "staff.admin.outbox.status.withdrawn",
} as const;
const kindKeys: Record<string, string> = {
  confirmation: "staff.admin.outbox.kind.confirmation",
  cancellation: "staff.admin.outbox.kind.cancellation",
  moved: "staff.admin.outbox.kind.moved",
  reminder: "staff.admin.outbox.kind.reminder",
  link: "staff.admin.outbox.kind.link",
  offer: "staff.admin.outbox.kind.offer",
};
const audienceKeys: Record<string, string> = { client: "staff.admin.outbox.audience.client", caseworker: "staff.admin.outbox.audience.caseworker" };
const doneKeys: Record<string, string> = { retried: "staff.admin.outbox.retried" };
/** A text message's delivery receipt as staff read it. */
const deliveryKeys: Record<string, string> = {
  DELIVERED: "staff.admin.outbox.delivery.delivered",
  UNDELIVERABLE: "staff.admin.outbox.delivery.undeliverable",
  EXPIRED: "staff.admin.outbox.delivery.expired",
  REJECTED: "staff.admin.outbox.delivery.rejected",
  // Not through yet (of a text in several parts: not every part yet).
  ENROUTE: "staff.admin.outbox.delivery.onItsWay",
  ACCEPTED: "staff.admin.outbox.delivery.onItsWay",
  SCHEDULED: "staff.admin.outbox.delivery.onItsWay",
};

// The id is text, so one that is not a number is the 404 page (parseId) rather than a 400.
const params = z.object({ id: z.string() });
// The list's filter as sent; listQuery checks it, and a wrong field is an error on the page (422).
const query = z.object({ status: queryValue, page: queryValue, done: queryValue });
const listQuery = z.object({
  status: z.union([z.literal(""), z.enum(outboxStatuses)], { message: "staff.admin.outbox.statusInvalid" }).default(""),
  page: z.string().regex(/^[1-9]\d{0,5}$/, "staff.admin.audit.pageInvalid").default("1"),
});

const localTime = (at: Date | null) => (at ? DateTime.fromJSDate(at, { zone: defaultZone }).toFormat("yyyy-MM-dd HH:mm") : null);

const outboxRoutes: FastifyPluginAsyncZod = async (app) => {
  const scopeOf = (request: FastifyRequest): OutboxScope => {
    const staff = signedIn(request);
    return staff.user.role === "ADMIN" ? null : staff.officeIds;
  };
  // Without SMTP (or an SMS provider) messages are files the page can show.
  const fileTransport = (channel: string) => (channel === "sms" ? app.config.sms.smpp === null : app.config.mail.smtp === null);

  app.get("/outbox", { ...officers, schema: { querystring: query } }, async (request, reply) => {
    const raw = request.query;
    const parsed = listQuery.safeParse(raw);
    const base = { statuses: outboxStatuses, statusKeys, kindKeys, audienceKeys, deliveryKeys, rows: [] as unknown[], status: shownValue(raw.status), errors: {} as Record<string, string>, prev: null as string | null, next: null as string | null, notice: null as string | null, total: 0 };
    if (!parsed.success) return sendPage(reply, "staff/admin/outbox.eta", { ...base, errors: formErrors(parsed.error, "staff.admin.invalid") }, 422);
    const page = Number(parsed.data.page);
    const status = parsed.data.status || null;
    const now = app.clock.now();
    const result = await listOutboxMessages(app.db, { scope: scopeOf(request), status, page });
    const href = (p: number) => `/staff/outbox?${new URLSearchParams({ ...(status ? { status } : {}), page: String(p) }).toString()}`;
    const rows = result.rows.map((row) => ({
      id: row.id,
      created: localTime(row.createdAt),
      kind: row.kind,
      audience: row.audience,
      recipient: row.recipient,
      sms: row.channel === "sms",
      delivery: row.deliveryStatus,
      status: row.status,
      attempts: row.attempts,
      lastError: row.lastError,
      nextAttempt: row.status === "PENDING" ? localTime(row.nextAttemptAt) : null,
      sent: localTime(row.sentAt),
      retryable: isRetryable(row, now),
      viewable: fileTransport(row.channel) && row.status === "SENT",
    }));
    return sendPage(reply, "staff/admin/outbox.eta", {
      ...base,
      rows,
      status: status ?? "",
      total: result.total,
      notice: doneNotice(doneKeys, raw.done),
      prev: page > 1 ? href(page - 1) : null,
      next: page < result.pages ? href(page + 1) : null,
    });
  });

  app.post("/outbox/:id/retry", { ...officers, schema: { params } }, async (request, reply) => {
    const id = parseId(request.params.id);
    if (!id) return renderError(request, reply, 404);
    const result = await retryOutboxMessage(app.db, { actor: { type: "staff", id: signedIn(request).user.id }, messageId: id, scope: scopeOf(request) }, app.clock.now());
    if (result.kind === "not-found") return renderError(request, reply, 404);
    if (result.kind === "forbidden") return renderError(request, reply, 403);
    if (result.kind === "not-retryable") return renderError(request, reply, 409);
    app.outbox.wake();
    return reply.redirect("/staff/outbox?done=retried", 303);
  });

  app.get("/outbox/:id/message", { ...officers, schema: { params } }, async (request, reply) => {
    const id = parseId(request.params.id);
    if (!id) return renderError(request, reply, 404);
    const found = await findOutboxMessage(app.db, id, scopeOf(request));
    if (found.kind === "not-found" || !fileTransport(found.kind === "found" ? found.row.channel : "")) return renderError(request, reply, 404);
    if (found.kind === "forbidden") return renderError(request, reply, 403);
    if (found.row.channel === "sms") {
      const file = await readSmsFile(app.config.sms.dir, found.row);
      if (!file) return renderError(request, reply, 404);
      return sendPage(reply, "staff/admin/outbox-message.eta", { id, subject: "", subjectKey: "staff.admin.outbox.smsSubject", from: "–", to: file.to, date: localTime(found.row.sentAt), text: file.text });
    }
    const raw = await readOutboxFile(app.config.mail.dir, app.config.publicUrl, found.row);
    if (!raw) return renderError(request, reply, 404);
    // Loaded here only: the page is the one place that parses messages.
    const { simpleParser } = await import("mailparser");
    const mail = await simpleParser(raw);
    const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(", ") : (mail.to?.text ?? "");
    // Every reading is in the audit log; the links that open the booking are not shown.
    await recordMessageView(app.db, { actor: { type: "staff", id: signedIn(request).user.id }, messageId: id, officeId: found.row.booking?.officeId ?? found.row.offer?.officeId ?? null }, app.clock.now());
    return sendPage(reply, "staff/admin/outbox-message.eta", {
      id,
      subject: mail.subject ?? "",
      from: mail.from?.text ?? "",
      to,
      date: localTime(mail.date ?? null),
      text: maskSecretLinks(mail.text ?? ""),
    });
  });
};

export default outboxRoutes;
