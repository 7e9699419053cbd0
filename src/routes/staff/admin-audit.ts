// The audit log for administrators: newest first, 50 a page, filtered by the kind of
// record and by local dates (Europe/Amsterdam). Shows ids, actions and staff names; the
// log holds no personal data of clients and this page joins none in.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { DateTime } from "luxon";
import { z } from "zod";
import { addDays, instantAt, isLocalDate } from "../../local-date.ts";
import { auditEntityTypes, listAuditEntries } from "../../domain/audit/audit-log.ts";
import { defaultZone } from "../../plugins/locale.ts";
import { sendPage } from "./admin-form.ts";
import { formErrors } from "../form-errors.ts";
import { queryValue, shownValue } from "../input.ts";

const entityKeys: Record<(typeof auditEntityTypes)[number], string> = {
  booking: "staff.admin.audit.entity.booking",
  series: "staff.admin.audit.entity.series",
  exception: "staff.admin.audit.entity.exception",
  user: "staff.admin.audit.entity.user",
  office: "staff.admin.audit.entity.office",
  outbox: "staff.admin.audit.entity.outbox",
  waiting: "staff.admin.audit.entity.waiting",
  ticket: "staff.admin.audit.entity.ticket",
};

/** What each action is called on the page; an action not listed shows its code. */
const actionKeys: Record<string, string> = {
  "booking.created": "staff.admin.audit.actions.bookingCreated",
  "booking.cancelled": "staff.admin.audit.actions.bookingCancelled",
  "booking.moved": "staff.admin.audit.actions.bookingMoved",
  "booking.check-in": "staff.admin.audit.actions.bookingCheckIn",
  "booking.attended": "staff.admin.audit.actions.bookingAttended",
  "booking.no-show": "staff.admin.audit.actions.bookingNoShow",
  "booking.undo": "staff.admin.audit.actions.bookingUndo",
  "series.created": "staff.admin.audit.actions.seriesCreated",
  "series.updated": "staff.admin.audit.actions.seriesUpdated",
  "series.ended": "staff.admin.audit.actions.seriesEnded",
  "exception.created": "staff.admin.audit.actions.exceptionCreated",
  "exception.removed": "staff.admin.audit.actions.exceptionRemoved",
  "office.created": "staff.admin.audit.actions.officeCreated",
  "office.updated": "staff.admin.audit.actions.officeUpdated",
  "user.created": "staff.admin.audit.actions.userCreated",
  "user.updated": "staff.admin.audit.actions.userUpdated",
  "user.disabled": "staff.admin.audit.actions.userDisabled",
  "user.enabled": "staff.admin.audit.actions.userEnabled",
  "user.password-reset": "staff.admin.audit.actions.userPasswordReset",
  "user.password-changed": "staff.admin.audit.actions.userPasswordChanged",
  "user.signed-in": "staff.admin.audit.actions.userSignedIn",
  "user.feed-created": "staff.admin.audit.actions.userFeedCreated",
  "user.feed-renewed": "staff.admin.audit.actions.userFeedRenewed",
  "user.feed-revoked": "staff.admin.audit.actions.userFeedRevoked",
  "booking.link-sent": "staff.admin.audit.actions.bookingLinkSent",
  "outbox.retried": "staff.admin.audit.actions.outboxRetried",
  "outbox.viewed": "staff.admin.audit.actions.outboxViewed",
  "waiting.added": "staff.admin.audit.actions.waitingAdded",
  "waiting.seen": "staff.admin.audit.actions.waitingSeen",
  "waiting.left": "staff.admin.audit.actions.waitingLeft",
  "waiting.waiting": "staff.admin.audit.actions.waitingWaiting",
  "ticket.given": "staff.admin.audit.actions.ticketGiven",
  "ticket.called": "staff.admin.audit.actions.ticketCalled",
  "ticket.recalled": "staff.admin.audit.actions.ticketRecalled",
  "office.screen-link": "staff.admin.audit.actions.officeScreenLink",
};

const instantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const localTime = (at: Date) => DateTime.fromJSDate(at, { zone: defaultZone }).toFormat("yyyy-MM-dd HH:mm (ZZ)");

// The filter as sent; auditQuery checks it, and a wrong field is an error on the page (422).
const query = z.object({ type: queryValue, from: queryValue, to: queryValue, page: queryValue });
const localDate = z.string().refine((v) => v === "" || isLocalDate(v), "staff.admin.audit.dateInvalid");
const auditQuery = z
  .object({
    type: z.union([z.literal(""), z.enum(auditEntityTypes)], { message: "staff.admin.audit.typeInvalid" }).default(""),
    from: localDate.default(""),
    to: localDate.default(""),
    page: z.string().regex(/^[1-9]\d{0,5}$/, "staff.admin.audit.pageInvalid").default("1"),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ["to"], message: "staff.admin.audit.toBeforeFrom" });

const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get("/audit", { config: { roles: ["ADMIN"] }, schema: { querystring: query } }, async (request, reply) => {
    const raw = request.query;
    const values = { type: shownValue(raw.type), from: shownValue(raw.from), to: shownValue(raw.to) };
    const parsed = auditQuery.safeParse(raw);
    const data = { values, entityTypes: auditEntityTypes, entityKeys, errors: {} as Record<string, string>, rows: [] as unknown[], page: 1, pages: 1, total: 0, prev: null as string | null, next: null as string | null };
    if (!parsed.success) {
      return sendPage(reply, "staff/admin/audit.eta", { ...data, errors: formErrors(parsed.error, "staff.admin.invalid") }, 422);
    }
    const q = parsed.data;
    const page = Number(q.page);
    const result = await listAuditEntries(app.db, {
      entityType: q.type || null,
      from: q.from ? instantAt(q.from, "00:00", defaultZone) : null,
      until: q.to ? instantAt(addDays(q.to, 1), "00:00", defaultZone) : null,
      page,
    });
    const href = (p: number) => {
      const params = new URLSearchParams({ ...(q.type ? { type: q.type } : {}), ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}), page: String(p) });
      return `/staff/audit?${params.toString()}`;
    };
    const rows = result.rows.map((row) => ({
      ...row,
      iso: row.at.toISOString(),
      time: DateTime.fromJSDate(row.at, { zone: defaultZone }).toFormat("yyyy-MM-dd HH:mm:ss"),
      entityKey: entityKeys[row.entityType as keyof typeof entityKeys] ?? null,
      actionKey: actionKeys[row.action] ?? null,
      // Instants in the details (a booking's old and new time) in Dutch wall-clock time.
      detail: row.detail.map(([key, value]): [string, string] => [key, instantPattern.test(value) ? localTime(new Date(value)) : value]),
    }));
    return sendPage(reply, "staff/admin/audit.eta", {
      ...data,
      rows,
      page,
      pages: result.pages,
      total: result.total,
      prev: page > 1 ? href(page - 1) : null,
      next: page < result.pages ? href(page + 1) : null,
    });
  });
};

export default auditRoutes;
