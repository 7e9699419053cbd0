// The statistics as labelled tables, each with its charts: the page shows them as HTML
// tables and SVG, the CSV export writes the same tables, so both always agree. Message
// keys are named literally (the catalogue check looks for each).
import type { BookingChannel, BookingStatus } from "../../generated/prisma/client.ts";
import type { Translate } from "../../i18n/catalogue.ts";
import { languageLabel } from "../../i18n/language-names.ts";
import { localeInfo } from "../../i18n/locales.ts";
import { orgTypes, type OrgType } from "../booking/org-types.ts";
import { barsLayout, columnsLayout, type ChartItem, type ChartLayout } from "./charts.ts";
import type { Statistics } from "./load-statistics.ts";

export interface StatTable {
  id: string;
  heading: string;
  caption: string;
  /** Header of the first column, which holds the row labels. */
  rowHeader: string;
  columns: string[];
  rows: Array<{ label: string; values: number[] }>;
  totalLabel: string;
  /** The footer row; null when a total would add nothing. */
  totals: number[] | null;
  charts: Array<ChartLayout & { summary: string }>;
}

const channelKeys: Record<BookingChannel, string> = {
  SELF: "staff.stats.channel.self",
  CASEWORKER: "staff.stats.channel.caseworker",
  STAFF: "staff.stats.channel.staff",
  WALK_IN: "staff.stats.channel.walkIn",
};

const orgTypeKeys: Record<OrgType, string> = {
  "refugee-council": "staff.stats.orgType.refugeeCouncil",
  municipality: "staff.stats.orgType.municipality",
  church: "staff.stats.orgType.church",
  "womens-shelter": "staff.stats.orgType.womensShelter",
  "salvation-army": "staff.stats.orgType.salvationArmy",
  "neighbourhood-team": "staff.stats.orgType.neighbourhoodTeam",
  other: "staff.stats.orgType.other",
};

/** Outcomes in the order people ask about them. */
const outcomeKeys: Array<[BookingStatus, string]> = [
  ["ATTENDED", "staff.stats.outcome.attended"],
  ["NO_SHOW", "staff.stats.outcome.noShow"],
  ["CANCELLED", "staff.stats.outcome.cancelled"],
  ["BOOKED", "staff.stats.outcome.planned"],
];

export function monthNames(locale: "nl" | "en", style: "long" | "short"): string[] {
  const format = new Intl.DateTimeFormat(localeInfo[locale].intl, { month: style, timeZone: "UTC" });
  return Array.from({ length: 12 }, (_, m) => format.format(new Date(Date.UTC(2001, m, 15))));
}

function chartSummary(t: Translate, caption: string, items: ChartItem[]): string {
  const top = items.reduce<ChartItem | null>((best, item) => (item.value > (best?.value ?? 0) ? item : best), null);
  return top ? t("staff.stats.chart.summary", { caption, label: top.label, value: top.value }) : t("staff.stats.chart.empty", { caption });
}

function withSummary(t: Translate, caption: string, items: ChartItem[], layout: (items: ChartItem[]) => ChartLayout) {
  return { ...layout(items), summary: chartSummary(t, caption, items) };
}

/** A table of one count per row, with a total and a bar chart. */
function countTable(t: Translate, id: string, heading: string, caption: string, rowHeader: string, rows: ChartItem[]): StatTable {
  return {
    id,
    heading,
    caption,
    rowHeader,
    columns: [t("staff.stats.count")],
    rows: rows.map((r) => ({ label: r.label, values: [r.value] })),
    totalLabel: t("staff.stats.total"),
    totals: [rows.reduce((sum, r) => sum + r.value, 0)],
    charts: [withSummary(t, caption, rows, barsLayout)],
  };
}

export function statisticsTables(stats: Statistics, t: Translate, locale: "nl" | "en", scope: string): StatTable[] {
  const p = { year: stats.year, scope };
  const months = monthNames(locale, "long");
  const short = monthNames(locale, "short");
  const several = stats.offices.length > 1;
  const monthTotals = months.map((_, m) => stats.offices.reduce((sum, o) => sum + o.months[m]!, 0));
  const monthCaption = t("staff.stats.months.caption", p);
  const officeCaption = t("staff.stats.offices.caption", p);
  const officeItems = stats.offices.map((o) => ({ label: o.name, value: o.total }));

  const byMonth: StatTable = {
    id: "months",
    heading: t("staff.stats.months.heading"),
    caption: monthCaption,
    rowHeader: t("staff.stats.months.column"),
    columns: [...stats.offices.map((o) => o.name), ...(several ? [t("staff.stats.total")] : [])],
    totalLabel: t("staff.stats.total"),
    rows: months.map((label, m) => ({ label, values: [...stats.offices.map((o) => o.months[m]!), ...(several ? [monthTotals[m]!] : [])] })),
    totals: [...stats.offices.map((o) => o.total), ...(several ? [stats.total] : [])],
    charts: [
      withSummary(t, monthCaption, short.map((label, m) => ({ label, value: monthTotals[m]! })), columnsLayout),
      ...(several ? [withSummary(t, officeCaption, officeItems, barsLayout)] : []),
    ],
  };

  const knownOrgTypes = orgTypes.map((code) => ({ label: t(orgTypeKeys[code]), value: stats.orgTypes.find((o) => o.code === code)?.count ?? 0 }));
  // Codes from before the list changed, and bookings without a type, still count.
  const otherOrgTypes = stats.orgTypes
    .filter((o) => o.code === null || !(orgTypes as readonly string[]).includes(o.code))
    .map((o) => ({ label: o.code ?? t("staff.stats.orgType.unknown"), value: o.count }));

  return [
    byMonth,
    countTable(t, "languages", t("staff.stats.languages.heading"), t("staff.stats.languages.caption", p), t("staff.stats.languages.column"),
      stats.languages.map((l) => ({ label: languageLabel(l.code, locale), value: l.count }))),
    countTable(t, "interpreter", t("staff.stats.interpreter.heading"), t("staff.stats.interpreter.caption", p), t("staff.stats.interpreter.column"), [
      { label: t("staff.stats.interpreter.yes"), value: stats.interpreter.yes },
      { label: t("staff.stats.interpreter.no"), value: stats.interpreter.no },
    ]),
    countTable(t, "channels", t("staff.stats.channels.heading"), t("staff.stats.channels.caption", p), t("staff.stats.channels.column"),
      (Object.keys(channelKeys) as BookingChannel[]).map((c) => ({ label: t(channelKeys[c]), value: stats.channels[c] }))),
    countTable(t, "org-types", t("staff.stats.orgTypes.heading"), t("staff.stats.orgTypes.caption", p), t("staff.stats.orgTypes.column"), [...knownOrgTypes, ...otherOrgTypes]),
    countTable(t, "outcomes", t("staff.stats.outcomes.heading"), t("staff.stats.outcomes.caption", p), t("staff.stats.outcomes.column"),
      outcomeKeys.map(([status, key]) => ({ label: t(key), value: stats.outcomes[status] }))),
  ];
}
