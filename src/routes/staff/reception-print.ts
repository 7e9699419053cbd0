// The day list on paper (A4, minimal personal data, boxes to tick) and as a CSV file for
// the officer.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { loadDayList } from "../../domain/desk/day-list.ts";
import { staffTranslator } from "../../i18n/catalogue.ts";
import { formatter } from "../../i18n/format.ts";
import { renderError } from "../../plugins/errors.ts";
import { queryValue } from "../input.ts";
import { dayParam, rowView } from "./reception-shared.ts";
import { staffOffice } from "./scope.ts";
import { signedIn } from "./session.ts";

// The office id is text, so a wrong one is the 404 page (staffOffice) rather than a 400.
const params = z.object({ officeId: z.string() });
/** `?date=YYYY-MM-DD`, checked by dayParam (absent: today; anything else not a day list: 404). */
const query = z.object({ date: queryValue });

/** Empty rows at the end of the printed list, to write walk-ins in by hand. */
export const WALK_IN_ROWS = 3;

/** A CSV cell: quoted, and never read as a formula by a spreadsheet. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

const receptionPrintRoutes: FastifyPluginAsyncZod = async (app) => {
  /** The office and day a request names, with the list; null when the error page was sent. */
  async function day(request: FastifyRequest, reply: FastifyReply, asked: { officeId: string; date: unknown }) {
    const office = await staffOffice(app, request, reply, asked.officeId);
    if (!office) return null;
    const now = app.clock.now();
    const date = dayParam(asked.date, now, office.timeZone);
    if (!date) {
      await renderError(request, reply, 404);
      return null;
    }
    const locale = signedIn(request).user.locale;
    const list = await loadDayList(app.db, office, date, now);
    return { office, now, date, locale, list, t: staffTranslator(locale), fmt: formatter(locale, office.timeZone) };
  }

  app.get("/offices/:officeId/day/print", { schema: { params, querystring: query } }, async (request, reply) => {
    const found = await day(request, reply, { officeId: request.params.officeId, date: request.query.date });
    if (!found) return reply;
    const { office, now, date, locale, list, t, fmt } = found;
    return reply.viewAsync("staff/reception/print.eta", {
      office,
      date,
      heading: fmt.localDate(date),
      printedAt: `${fmt.localDayMonth(fmt.isoDate(now))} ${fmt.time(now)}`,
      rows: list.appointments.map((b) => rowView(b, t, fmt, locale)),
      // Walk-ins come on days with consultation hours.
      walkInRows: list.sessions.length > 0 ? WALK_IN_ROWS : 0,
      summary: list.summary,
    });
  });

  app.get("/offices/:officeId/day.csv", { config: { roles: ["ADMIN", "OFFICER"] }, schema: { params, querystring: query } }, async (request, reply) => {
    const found = await day(request, reply, { officeId: request.params.officeId, date: request.query.date });
    if (!found) return reply;
    const { office, date, locale, list, t, fmt } = found;
    const header = [
      t("staff.reception.column.date"),
      t("staff.reception.column.time"),
      t("staff.reception.column.code"),
      t("staff.reception.column.name"),
      t("staff.reception.column.language"),
      t("staff.reception.column.interpreter"),
      t("staff.reception.column.channel"),
      t("staff.reception.column.status"),
    ];
    const lines = list.appointments.map((b) => {
      const row = rowView(b, t, fmt, locale);
      return [date, row.time, row.code, row.name, row.language, row.interpreter, row.channel, row.status];
    });
    // A byte-order mark and semicolons: what spreadsheets set to Dutch expect.
    const csv = "\uFEFF" + [header, ...lines].map((cells) => cells.map(csvCell).join(";")).join("\r\n") + "\r\n";
    return reply
      .header("content-disposition", `attachment; filename="daglijst-${office.slug}-${date}.csv"`)
      .type("text/csv; charset=utf-8")
      .send(csv);
  });
};

export default receptionPrintRoutes;
