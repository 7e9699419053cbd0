// Finding bookings for staff: by booking code or by (part of) the name or alias, only in
// the offices the staff member works for. Names are matched on Booking.searchName, the
// name folded when it was written (db/search-name.ts), so the database returns only the
// bookings that match, newest first, and never more than one page of them.
import type { Db } from "../../db/client.ts";
import { searchNeedle } from "../../db/search-name.ts";
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

/**
 * The newest bookings whose folded name contains the needle: one more than a page, to
 * know whether there are more. First only their ids, which the database finds in the
 * index on (officeId, startsAt, searchName) without reading the table (a substring
 * can be anywhere in a name, so every entry of the offices is looked at, and the index
 * is a small fraction of the table); then the rows of those ids alone.
 */
async function matchingNames(db: Db, officeIds: number[], needle: string): Promise<BookingRow[]> {
  const ids = await db.booking.findMany({
    where: { officeId: { in: officeIds }, searchName: { contains: needle } },
    select: { id: true },
    orderBy: [{ startsAt: "desc" }, { id: "desc" }],
    take: SEARCH_LIMIT + 1,
  });
  if (ids.length === 0) return [];
  // The condition again: a booking erased between the two reads is left out.
  const where = { id: { in: ids.map((b) => b.id) }, searchName: { contains: needle } };
  const rows = new Map((await db.booking.findMany({ where, select: listFields })).map((b) => [b.id, b]));
  return ids.flatMap((b) => rows.get(b.id) ?? []);
}

/**
 * Bookings whose code is the query (however it is typed) or whose name contains it;
 * newest appointment first. A query can be both ("Muhammad" is also a valid code shape).
 */
export async function searchBookings(db: Db, input: SearchInput): Promise<SearchResult> {
  const needle = searchNeedle(input.query);
  if (needle === "" || input.officeIds.length === 0) return { rows: [], truncated: false };
  const inScope = { officeId: { in: input.officeIds } };
  const code = parseBookingCode(input.query);
  const [byCode, named] = await Promise.all([
    code ? db.booking.findMany({ where: { ...inScope, code }, select: listFields }) : Promise.resolve([]),
    matchingNames(db, input.officeIds, needle),
  ]);
  const seen = new Set<number>();
  const rows: BookingRow[] = [];
  for (const row of [...byCode, ...named]) {
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
