// Anonymous statistics for administrators (/staff/statistics) and the same figures as a
// CSV file. Everything shown comes from loadStatistics, which reads only what stays of a
// booking after its personal data is erased.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { localDateOf } from "../../local-date.ts";
import { loadStatistics, statisticsZone, yearsWithBookings } from "../../domain/statistics/load-statistics.ts";
import { statisticsTables, type StatTable } from "../../domain/statistics/tables.ts";
import { staffTranslator } from "../../i18n/catalogue.ts";
import { renderError } from "../../plugins/errors.ts";
import { sendPage } from "./admin-form.ts";
import { csvCell } from "./reception-print.ts";
import { officesByName } from "../../domain/offices/find-office.ts";
import { formErrors } from "../form-errors.ts";
import { queryValue } from "../input.ts";
import { signedIn } from "./session.ts";

const adminOnly = { config: { roles: ["ADMIN" as const] } };
// The filter as sent; statsQuery checks it, and a wrong field is an error on the page.
const query = z.object({ year: queryValue, office: queryValue });
type Filter = z.output<typeof query>;

// Empty means the default: the current year, all offices.
const statsQuery = z.object({
  year: z.string({ message: "staff.stats.yearInvalid" }).regex(/^(20\d\d)?$/, "staff.stats.yearInvalid").default(""),
  office: z.string({ message: "staff.stats.officeInvalid" }).regex(/^([1-9]\d{0,8})?$/, "staff.stats.officeInvalid").default(""),
});

type Office = { id: number; name: string; slug: string };

interface Resolved {
  values: { year: string; office: string };
  errors: Record<string, string>;
  offices: Office[];
  year: number;
  currentYear: number;
  office: Office | null;
}

/** The filter from the query string: the current Amsterdam year and all offices by default. */
async function resolveFilter(app: FastifyInstance, raw: Filter): Promise<Resolved> {
  const currentYear = Number(localDateOf(app.clock.now(), statisticsZone).slice(0, 4));
  const offices = await officesByName(app.db, app.clock.now());
  const values = { year: typeof raw.year === "string" ? raw.year : "", office: typeof raw.office === "string" ? raw.office : "" };
  const parsed = statsQuery.safeParse(raw);
  if (!parsed.success) return { values, errors: formErrors(parsed.error, "staff.stats.invalid"), offices, year: currentYear, currentYear, office: null };
  const office = parsed.data.office ? (offices.find((o) => o.id === Number(parsed.data.office)) ?? null) : null;
  const errors: Record<string, string> = parsed.data.office && !office ? { office: "staff.stats.officeInvalid" } : {};
  return { values, errors, offices, year: parsed.data.year ? Number(parsed.data.year) : currentYear, currentYear, office };
}

async function figures(app: FastifyInstance, request: FastifyRequest, filter: Resolved) {
  const locale = signedIn(request).user.locale;
  const t = staffTranslator(locale);
  const stats = await loadStatistics(app.db, { year: filter.year, officeId: filter.office?.id ?? null });
  const scope = filter.office?.name ?? t("staff.stats.allOffices");
  return { stats, scope, t, tables: statisticsTables(stats, t, locale, scope) };
}

function queryOf(filter: Resolved): string {
  return new URLSearchParams({ year: String(filter.year), office: filter.office ? String(filter.office.id) : "" }).toString();
}

const statisticsRoutes: FastifyPluginAsyncZod = async (app) => {
  const filtered = { ...adminOnly, schema: { querystring: query } };

  app.get("/statistics", filtered, async (request, reply: FastifyReply) => {
    const filter = await resolveFilter(app, request.query);
    const years = new Set([...(await yearsWithBookings(app.db)), filter.currentYear, filter.year]);
    const page = { values: filter.values, errors: filter.errors, offices: filter.offices, years: [...years].sort((a, b) => b - a), year: filter.year, officeId: filter.office?.id ?? null };
    if (Object.keys(filter.errors).length > 0) {
      return sendPage(reply, "staff/statistics/index.eta", { ...page, tables: [], total: 0, scope: "", csvHref: null }, 422);
    }
    const { stats, scope, tables } = await figures(app, request, filter);
    return sendPage(reply, "staff/statistics/index.eta", { ...page, tables, total: stats.total, scope, csvHref: `/staff/statistics.csv?${queryOf(filter)}` });
  });

  app.get("/statistics.csv", filtered, async (request, reply) => {
    const filter = await resolveFilter(app, request.query);
    if (Object.keys(filter.errors).length > 0) return renderError(request, reply, 404);
    const { scope, t, tables } = await figures(app, request, filter);
    // A byte-order mark and semicolons: what spreadsheets set to Dutch expect.
    const lines = [[t("staff.stats.csv.title"), String(filter.year), scope], ...tables.flatMap(csvBlock)];
    const csv = "\uFEFF" + lines.map((cells) => cells.map(csvCell).join(";")).join("\r\n") + "\r\n";
    const name = `statistiek-${filter.year}${filter.office ? `-${filter.office.slug}` : ""}.csv`;
    return reply.header("content-disposition", `attachment; filename="${name}"`).type("text/csv; charset=utf-8").send(csv);
  });
};

export default statisticsRoutes;

/** One table in the CSV: an empty line, its caption, the header, the rows and the total. */
function csvBlock(table: StatTable): string[][] {
  const t = table.totals ? [[table.totalLabel, ...table.totals.map(String)]] : [];
  return [[], [table.caption], [table.rowHeader, ...table.columns], ...table.rows.map((r) => [r.label, ...r.values.map(String)]), ...t];
}
