// Finding bookings for staff: by booking code or by (part of) the name or alias, only in
// the offices the staff member works for. Names are compared in JavaScript rather than
// with SQL LIKE, which folds case only for ASCII ("ömer" must find "Ömer").
import type { Db } from "../../db/client.ts";
import { parseBookingCode } from "../booking/booking-code.ts";

export const SEARCH_LIMIT = 50;

const listFields = { id: true, code: true, name: true, status: true, startsAt: true, officeId: true, channel: true } as const;

export interface BookingRow {
  id: number;
  code: string;
  name: string | null;
  status: "BOOKED" | "CANCELLED" | "ATTENDED" | "NO_SHOW";
  startsAt: Date;
  officeId: number;
  channel: "SELF" | "CASEWORKER" | "STAFF" | "WALK_IN";
}

export interface SearchInput {
  /** The offices to look in: the staff member's, or the one they filtered on. */
  officeIds: number[];
  query: string;
}

export interface SearchResult {
  rows: BookingRow[];
  /** More bookings matched than are listed. */
  truncated: boolean;
}

const fold = (s: string) => s.normalize("NFKC").toLocaleLowerCase("und").replace(/\s+/g, " ").trim();

/**
 * Bookings whose code is the query (however it is typed) or whose name contains it;
 * newest appointment first. A query can be both ("Muhammad" is also a valid code shape).
 */
export async function searchBookings(db: Db, input: SearchInput): Promise<SearchResult> {
  const needle = fold(input.query);
  if (needle === "" || input.officeIds.length === 0) return { rows: [], truncated: false };
  const inScope = { officeId: { in: input.officeIds } };
  const code = parseBookingCode(input.query);
  const [byCode, named] = await Promise.all([
    code ? db.booking.findMany({ where: { ...inScope, code }, select: listFields }) : Promise.resolve([]),
    db.booking.findMany({ where: { ...inScope, name: { not: null } }, select: listFields, orderBy: [{ startsAt: "desc" }, { id: "desc" }] }),
  ]);
  const seen = new Set<number>();
  const rows: BookingRow[] = [];
  for (const row of [...byCode, ...named.filter((b) => fold(b.name ?? "").includes(needle))]) {
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    rows.push(row);
  }
  return { rows: rows.slice(0, SEARCH_LIMIT), truncated: rows.length > SEARCH_LIMIT };
}

/** Bookings that still take place in [from, to): what is coming up at these offices. */
export async function upcomingBookings(db: Db, officeIds: number[], range: { from: Date; to: Date }): Promise<SearchResult> {
  const rows = await db.booking.findMany({
    where: { officeId: { in: officeIds }, startsAt: { gte: range.from, lt: range.to }, status: { not: "CANCELLED" } },
    select: listFields,
    orderBy: [{ startsAt: "asc" }, { seat: "asc" }, { id: "asc" }],
    take: SEARCH_LIMIT * 4 + 1,
  });
  return { rows: rows.slice(0, SEARCH_LIMIT * 4), truncated: rows.length > SEARCH_LIMIT * 4 };
}
