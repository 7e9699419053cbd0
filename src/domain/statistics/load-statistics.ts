// Anonymous statistics for administrators. Built only from what stays of a booking after
// its personal data is erased (office, appointment time, conversation language,
// interpreter, channel, organisation type of a caseworker, status), so the figures do not
// change when the retention job runs. No query here selects a name, contact detail, note,
// code or token: the selects and groupBy fields below are the whole list of columns read.
import type { Db } from "../../db/client.ts";
import type { BookingChannel, BookingStatus } from "../../generated/prisma/client.ts";
import { instantAt, localDateOf } from "../../local-date.ts";
import { bucketByMonth, emptyMonths, type MonthCounts } from "./month-buckets.ts";

export const statisticsZone = "Europe/Amsterdam";

export interface StatisticsFilter {
  year: number;
  /** One office, or null for all. */
  officeId: number | null;
}

export interface OfficeColumn {
  id: number;
  name: string;
  months: MonthCounts;
  total: number;
}

export interface Statistics {
  year: number;
  total: number;
  /** The offices shown as columns: the chosen one, or every active office and any other with bookings that year. */
  offices: OfficeColumn[];
  /** Most bookings first; equal counts by code, so the order is stable. */
  languages: Array<{ code: string; count: number }>;
  interpreter: { yes: number; no: number };
  channels: Record<BookingChannel, number>;
  /** Caseworker bookings by organisation type; null when none was stored. */
  orgTypes: Array<{ code: string | null; count: number }>;
  outcomes: Record<BookingStatus, number>;
}

/** The instants that start and end a local year in Amsterdam. */
export function yearRange(year: number): { gte: Date; lt: Date } {
  return { gte: instantAt(`${year}-01-01`, "00:00", statisticsZone), lt: instantAt(`${year + 1}-01-01`, "00:00", statisticsZone) };
}

export async function loadStatistics(db: Db, filter: StatisticsFilter): Promise<Statistics> {
  const where = { startsAt: yearRange(filter.year), ...(filter.officeId !== null ? { officeId: filter.officeId } : {}) };
  const count = { _count: { _all: true } } as const;
  const [appointments, offices, byLanguage, byInterpreter, byChannel, byOrgType, byStatus] = await Promise.all([
    db.booking.findMany({ where, select: { officeId: true, startsAt: true } }),
    db.office.findMany({ where: filter.officeId !== null ? { id: filter.officeId } : {}, select: { id: true, name: true, active: true }, orderBy: [{ name: "asc" }, { id: "asc" }] }),
    db.booking.groupBy({ by: ["language"], where, ...count }),
    db.booking.groupBy({ by: ["interpreterNeeded"], where, ...count }),
    db.booking.groupBy({ by: ["channel"], where, ...count }),
    db.booking.groupBy({ by: ["referrerOrgType"], where: { ...where, channel: "CASEWORKER" }, ...count }),
    db.booking.groupBy({ by: ["status"], where, ...count }),
  ]);

  const perOffice = bucketByMonth(appointments, filter.year, statisticsZone);
  const columns = offices
    .filter((o) => filter.officeId !== null || o.active || perOffice.has(o.id))
    .map((o) => {
      const months = perOffice.get(o.id) ?? emptyMonths();
      return { id: o.id, name: o.name, months, total: months.reduce((a, b) => a + b, 0) };
    });

  const channels: Record<BookingChannel, number> = { SELF: 0, CASEWORKER: 0, STAFF: 0, WALK_IN: 0 };
  for (const row of byChannel) channels[row.channel] = row._count._all;
  const outcomes: Record<BookingStatus, number> = { BOOKED: 0, CANCELLED: 0, ATTENDED: 0, NO_SHOW: 0 };
  for (const row of byStatus) outcomes[row.status] = row._count._all;

  return {
    year: filter.year,
    total: appointments.length,
    offices: columns,
    languages: byLanguage
      .map((row) => ({ code: row.language, count: row._count._all }))
      .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
    interpreter: {
      yes: byInterpreter.find((row) => row.interpreterNeeded)?._count._all ?? 0,
      no: byInterpreter.find((row) => !row.interpreterNeeded)?._count._all ?? 0,
    },
    channels,
    orgTypes: byOrgType.map((row) => ({ code: row.referrerOrgType, count: row._count._all })),
    outcomes,
  };
}

/** The local years that have bookings, for the year choice. */
export async function yearsWithBookings(db: Db): Promise<number[]> {
  const span = await db.booking.aggregate({ _min: { startsAt: true }, _max: { startsAt: true } });
  if (!span._min.startsAt || !span._max.startsAt) return [];
  const first = Number(localDateOf(span._min.startsAt, statisticsZone).slice(0, 4));
  const last = Number(localDateOf(span._max.startsAt, statisticsZone).slice(0, 4));
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}
