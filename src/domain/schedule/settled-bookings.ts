// After a schedule change is saved: the bookings it cancelled or moved, read back for the
// result list on the schedule page (who they are, where they are now, how they are told).
import type { Db } from "../../db/client.ts";

/** At most this many ids are read from the address; a change never settles more on one page. */
export const MAX_SETTLED = 500;

/** Comma-separated booking ids from the address; anything else is ignored. */
export function settledIds(raw: unknown): number[] {
  if (typeof raw !== "string" || !/^\d{1,10}(,\d{1,10})*$/.test(raw)) return [];
  return [...new Set(raw.split(",").map(Number))].filter((n) => n > 0 && Number.isSafeInteger(n)).slice(0, MAX_SETTLED);
}

/** Those bookings of this office (ids of other offices' bookings find nothing), in time order. */
export function findSettledBookings(db: Db, officeId: number, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.booking.findMany({
    where: { officeId, id: { in: ids }, erasedAt: null },
    select: { id: true, code: true, name: true, status: true, startsAt: true, endsAt: true, email: true, phone: true, smsConsent: true, referrerEmail: true, contactViaReferrer: true },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
  });
}
