// Creating, editing and ending a consultation series.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { ConsultationSeries, Office } from "../../generated/prisma/client.ts";
import { localDateOf } from "../../local-date.ts";
import { scheduleDate, text, type FieldErrors } from "../../domain/schedule/form-values.ts";
import { officeHosts } from "../../domain/schedule/plan-change.ts";
import { readSeriesForm, seriesValues, valuesOfSeries, type SeriesValues } from "../../domain/schedule/series-form.ts";
import { renderError } from "../../plugins/errors.ts";
import { formatter } from "../../i18n/format.ts";
import { formBody, type PostedForm } from "../input.ts";
import { submitChange } from "./schedule-change.ts";
import { scheduleRoles, scheduleUrl, seriesLabel } from "./schedule-overview.ts";
import { staffOffice } from "./scope.ts";
import { signedIn } from "./session.ts";
import { findSeries } from "../../domain/schedule/find-schedule-entries.ts";

// Ids are text, so a wrong one is the 404 page (staffOffice, findSeries) rather than a 400.
const officeParams = z.object({ officeId: z.string() });
const seriesParams = z.object({ officeId: z.string(), seriesId: z.string() });

const defaults = { intervalWeeks: 1, startTime: "", endTime: "", slotMinutes: 20, capacity: 1, walkInPlaces: 0, validUntil: null, horizonDays: 84, minNoticeMinutes: 120, hostId: null };

const scheduleSeriesRoutes: FastifyPluginAsyncZod = async (app) => {
  /** The series named in the path, when it belongs to the office; otherwise a 404 page has been sent. */
  async function loadSeries(request: FastifyRequest, reply: FastifyReply, params: z.output<typeof seriesParams>): Promise<{ office: Office; series: ConsultationSeries } | null> {
    const office = await staffOffice(app, request, reply, params.officeId);
    if (!office) return null;
    const series = await findSeries(app.db, office.id, params.seriesId);
    if (!series) {
      await renderError(request, reply, 404);
      return null;
    }
    return { office, series };
  }

  async function renderForm(request: FastifyRequest, reply: FastifyReply, office: Office, series: ConsultationSeries | null, values: SeriesValues, errors: FieldErrors) {
    const fmt = formatter(signedIn(request).user.locale, office.timeZone);
    const html = await reply.viewAsync("staff/schedule/series-form.eta", {
      office,
      series: series ? { id: series.id, label: seriesLabel(fmt, series) } : null,
      action: series ? `${scheduleUrl(office)}/series/${series.id}` : `${scheduleUrl(office)}/series`,
      back: scheduleUrl(office),
      values,
      errors,
      hosts: await officeHosts(app.db, office.id),
      weekdays: [1, 2, 3, 4, 5, 6, 7].map((n) => ({ value: String(n), label: fmt.weekday(n) })),
    });
    return reply.code(Object.keys(errors).length > 0 ? 422 : 200).type("text/html; charset=utf-8").send(html);
  }

  async function saveSeries(request: FastifyRequest, reply: FastifyReply, office: Office, series: ConsultationSeries | null, form: PostedForm) {
    const values = seriesValues(form);
    const { draft, errors } = readSeriesForm(values);
    if (!draft) return renderForm(request, reply, office, series, values, errors);
    const fmt = formatter(signedIn(request).user.locale, office.timeZone);
    const refused = await submitChange(app, request, reply, {
      office,
      change: series ? { type: "series.update", seriesId: series.id, series: draft } : { type: "series.create", series: draft },
      form,
      action: series ? `${scheduleUrl(office)}/series/${series.id}` : `${scheduleUrl(office)}/series`,
      back: series ? `${scheduleUrl(office)}/series/${series.id}/edit` : `${scheduleUrl(office)}/series/new`,
      summary: {
        key: series ? "staff.schedule.confirm.summary.seriesUpdate" : "staff.schedule.confirm.summary.seriesCreate",
        params: { series: seriesLabel(fmt, { ...draft, weekdays: draft.weekdays.join(",") }) },
      },
    });
    return refused ? renderForm(request, reply, office, series, values, refused) : reply;
  }

  app.get("/offices/:officeId/schedule/series/new", { ...scheduleRoles, schema: { params: officeParams } }, async (request, reply) => {
    const office = await staffOffice(app, request, reply, request.params.officeId);
    if (!office) return reply;
    const today = localDateOf(app.clock.now(), office.timeZone);
    return renderForm(request, reply, office, null, { ...valuesOfSeries({ ...defaults, weekdays: "", validFrom: today }), weekdays: [] }, {});
  });

  app.post("/offices/:officeId/schedule/series", { ...scheduleRoles, schema: { params: officeParams, body: formBody } }, async (request, reply) => {
    const office = await staffOffice(app, request, reply, request.params.officeId);
    if (!office) return reply;
    return saveSeries(request, reply, office, null, request.body);
  });

  app.get("/offices/:officeId/schedule/series/:seriesId/edit", { ...scheduleRoles, schema: { params: seriesParams } }, async (request, reply) => {
    const found = await loadSeries(request, reply, request.params);
    if (!found) return reply;
    return renderForm(request, reply, found.office, found.series, valuesOfSeries(found.series), {});
  });

  app.post("/offices/:officeId/schedule/series/:seriesId", { ...scheduleRoles, schema: { params: seriesParams, body: formBody } }, async (request, reply) => {
    const found = await loadSeries(request, reply, request.params);
    if (!found) return reply;
    return saveSeries(request, reply, found.office, found.series, request.body);
  });

  async function renderEnd(request: FastifyRequest, reply: FastifyReply, office: Office, series: ConsultationSeries, lastDate: string, errors: FieldErrors) {
    const fmt = formatter(signedIn(request).user.locale, office.timeZone);
    const html = await reply.viewAsync("staff/schedule/end-form.eta", {
      office,
      series: { id: series.id, label: seriesLabel(fmt, series), validFrom: fmt.localDate(series.validFrom), validUntil: series.validUntil ? fmt.localDate(series.validUntil) : null },
      action: `${scheduleUrl(office)}/series/${series.id}/end`,
      back: scheduleUrl(office),
      values: { lastDate },
      errors,
    });
    return reply.code(Object.keys(errors).length > 0 ? 422 : 200).type("text/html; charset=utf-8").send(html);
  }

  app.get("/offices/:officeId/schedule/series/:seriesId/end", { ...scheduleRoles, schema: { params: seriesParams } }, async (request, reply) => {
    const found = await loadSeries(request, reply, request.params);
    if (!found) return reply;
    return renderEnd(request, reply, found.office, found.series, localDateOf(app.clock.now(), found.office.timeZone), {});
  });

  app.post("/offices/:officeId/schedule/series/:seriesId/end", { ...scheduleRoles, schema: { params: seriesParams, body: formBody } }, async (request, reply) => {
    const found = await loadSeries(request, reply, request.params);
    if (!found) return reply;
    const { office, series } = found;
    const raw = text(request.body, "lastDate");
    const lastDate = scheduleDate(raw);
    if (!lastDate) return renderEnd(request, reply, office, series, raw, { lastDate: "staff.schedule.error.date" });
    const fmt = formatter(signedIn(request).user.locale, office.timeZone);
    const refused = await submitChange(app, request, reply, {
      office,
      change: { type: "series.end", seriesId: series.id, lastDate },
      form: request.body,
      action: `${scheduleUrl(office)}/series/${series.id}/end`,
      back: `${scheduleUrl(office)}/series/${series.id}/end`,
      summary: { key: "staff.schedule.confirm.summary.seriesEnd", params: { series: seriesLabel(fmt, series), date: fmt.localDate(lastDate) } },
    });
    return refused ? renderEnd(request, reply, office, series, raw, refused) : reply;
  });
};

export default scheduleSeriesRoutes;
