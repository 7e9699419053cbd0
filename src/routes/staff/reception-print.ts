// The day list on paper (A4, minimal personal data, boxes to tick) and as a CSV file for
// the officer.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { loadDayList } from "../../domain/desk/day-list.ts";
import { staffTranslator } from "../../i18n/catalogue.ts";
import { formatter } from "../../i18n/format.ts";
import { renderError } from "../../plugins/errors.ts";
import { dayParam, rowView } from "./reception-shared.ts";
import { staffOffice } from "./scope.ts";

type DayRequest = { Params: { officeId: string }; Querystring: { date?: string } };

/** A CSV cell: quoted, and never read as a formula by a spreadsheet. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

export default async function receptionPrintRoutes(app: FastifyInstance) {
  /** The office and day a request names, with the list; null when the error page was sent. */
  async function day(request: FastifyRequest<DayRequest>, reply: FastifyReply) {
    const office = await staffOffice(app, request, reply, request.params.officeId);
    if (!office) return null;
    const now = app.clock.now();
    const date = dayParam(request.query.date, now, office.timeZone);
    if (!date) {
      await renderError(request, reply, 404);
      return null;
    }
    const locale = request.staff!.user.locale;
    const list = await loadDayList(app.db, office, date, now);
    return { office, now, date, locale, list, t: staffTranslator(locale), fmt: formatter(locale, office.timeZone) };
  }

  app.get<DayRequest>("/offices/:officeId/day/print", async (request, reply) => {
    const found = await day(request, reply);
    if (!found) return reply;
    const { office, now, date, locale, list, t, fmt } = found;
    return reply.viewAsync("staff/reception/print.eta", {
      office,
      date,
      heading: fmt.localDate(date),
      printedAt: `${fmt.localDayMonth(fmt.isoDate(now))} ${fmt.time(now)}`,
      rows: list.appointments.map((b) => rowView(b, t, fmt, locale)),
      summary: list.summary,
    });
  });

  app.get<DayRequest>("/offices/:officeId/day.csv", { config: { roles: ["ADMIN", "OFFICER"] } }, async (request, reply) => {
    const found = await day(request, reply);
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
}
