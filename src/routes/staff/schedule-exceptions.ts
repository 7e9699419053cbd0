// Exceptions for one office: cancel or change one date of a series, an extra session, a
// closure, opening on a public holiday — and removing any of them again.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Office } from "../../generated/prisma/client.ts";
import type { ExceptionKindName } from "../../domain/availability/sessions.ts";
import { localDateOf } from "../../local-date.ts";
import { exceptionKind, exceptionValues, fieldsOf, readExceptionForm, type ExceptionValues } from "../../domain/schedule/exception-form.ts";
import { text, type FieldErrors } from "../../domain/schedule/form-values.ts";
import { formatter } from "../../i18n/format.ts";
import { renderError } from "../../plugins/errors.ts";
import { formBody, queryValue } from "../input.ts";
import { submitChange } from "./schedule-change.ts";
import { dateRange, kindKeys, renderOverview, scheduleRoles, scheduleUrl, seriesLabel } from "./schedule-overview.ts";
import { staffOffice } from "./scope.ts";
import { signedIn } from "./session.ts";
import { currentSeries, findException, findSeries } from "../../domain/schedule/find-schedule-entries.ts";

// Ids are text, so a wrong one is the 404 page (staffOffice, findException) rather than a 400.
const params = z.object({ officeId: z.string() });
const exceptionParams = z.object({ officeId: z.string(), exceptionId: z.string() });
/** The new form: `?kind=`, and for one date of a series `?series=&date=`; checked here. */
const newQuery = z.object({ kind: queryValue, series: queryValue, date: queryValue });

const titleKeys = {
  CANCEL: "staff.schedule.exception.titleCancel",
  CHANGE: "staff.schedule.exception.titleChange",
  EXTRA: "staff.schedule.exception.titleExtra",
  CLOSURE: "staff.schedule.exception.titleClosure",
  HOLIDAY_OPEN: "staff.schedule.exception.titleHolidayOpen",
} as const;

const scheduleExceptionRoutes: FastifyPluginAsyncZod = async (app) => {
  async function renderForm(request: FastifyRequest, reply: FastifyReply, office: Office, kind: ExceptionKindName, values: ExceptionValues, errors: FieldErrors) {
    const fmt = formatter(signedIn(request).user.locale, office.timeZone);
    const today = localDateOf(app.clock.now(), office.timeZone);
    const series = await currentSeries(app.db, office.id, today);
    const html = await reply.viewAsync("staff/schedule/exception-form.eta", {
      office,
      kind,
      titleKey: titleKeys[kind],
      uses: fieldsOf(kind),
      action: `${scheduleUrl(office)}/exceptions`,
      back: scheduleUrl(office),
      series: series.map((s) => ({ value: String(s.id), label: seriesLabel(fmt, s) })),
      values,
      errors,
    });
    return reply.code(Object.keys(errors).length > 0 ? 422 : 200).type("text/html; charset=utf-8").send(html);
  }

  app.get("/offices/:officeId/schedule/exceptions/new", { ...scheduleRoles, schema: { params, querystring: newQuery } }, async (request, reply) => {
    const office = await staffOffice(app, request, reply, request.params.officeId);
    if (!office) return reply;
    const { query } = request;
    const kind = exceptionKind(text(query, "kind"));
    if (!kind || kind === "HOLIDAY_OPEN") return renderError(request, reply, 404);
    const values = exceptionValues({ seriesId: text(query, "series"), date: text(query, "date") });
    const prefill = await findSeries(app.db, office.id, values.seriesId);
    if (kind === "CHANGE" && prefill) {
      Object.assign(values, { startTime: prefill.startTime, endTime: prefill.endTime, slotMinutes: String(prefill.slotMinutes), capacity: String(prefill.capacity) });
    }
    if (kind === "EXTRA") Object.assign(values, { slotMinutes: "20", capacity: "1" });
    return renderForm(request, reply, office, kind, values, {});
  });

  app.post("/offices/:officeId/schedule/exceptions", { ...scheduleRoles, schema: { params, body: formBody } }, async (request, reply) => {
    const office = await staffOffice(app, request, reply, request.params.officeId);
    if (!office) return reply;
    const { body } = request;
    const kind = exceptionKind(text(body, "kind"));
    if (!kind) return renderError(request, reply, 400);
    const values = exceptionValues(body);
    const { draft, errors } = readExceptionForm(kind, values);
    // Opening on a holiday is a button on the schedule page, not a form of its own.
    const refuse = (refused: FieldErrors) =>
      kind === "HOLIDAY_OPEN" ? renderOverview(app, request, reply, office, { status: 422, errors: refused }) : renderForm(request, reply, office, kind, values, refused);
    if (!draft) return refuse(errors);
    const fmt = formatter(signedIn(request).user.locale, office.timeZone);
    const refused = await submitChange(app, request, reply, {
      office,
      change: { type: "exception.create", exception: draft },
      form: body,
      action: `${scheduleUrl(office)}/exceptions`,
      back: kind === "HOLIDAY_OPEN" ? scheduleUrl(office) : `${scheduleUrl(office)}/exceptions/new?kind=${kind}`,
      summary: { key: "staff.schedule.confirm.summary.exceptionCreate", params: { date: dateRange(fmt, draft.date, draft.endDate) }, kindKey: kindKeys[kind] },
    });
    return refused ? refuse(refused) : reply;
  });

  app.post("/offices/:officeId/schedule/exceptions/:exceptionId/delete", { ...scheduleRoles, schema: { params: exceptionParams, body: formBody } }, async (request, reply) => {
    const office = await staffOffice(app, request, reply, request.params.officeId);
    if (!office) return reply;
    const exception = await findException(app.db, office.id, request.params.exceptionId);
    if (!exception) return renderError(request, reply, 404);
    const fmt = formatter(signedIn(request).user.locale, office.timeZone);
    const refused = await submitChange(app, request, reply, {
      office,
      change: { type: "exception.remove", exceptionId: exception.id },
      form: request.body,
      action: `${scheduleUrl(office)}/exceptions/${exception.id}/delete`,
      back: scheduleUrl(office),
      summary: { key: "staff.schedule.confirm.summary.exceptionRemove", params: { date: dateRange(fmt, exception.date, exception.endDate) }, kindKey: kindKeys[exception.kind] },
    });
    return refused ? renderOverview(app, request, reply, office, { status: 422, errors: refused }) : reply;
  });
};

export default scheduleExceptionRoutes;
