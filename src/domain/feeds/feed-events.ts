// What a staff member's calendar feed lists: the consultation sessions at their offices
// and each active booking in them, for the next twelve weeks — but not the sessions of a
// series a colleague hosts (those are in the colleague's feed). A booking shows only its
// code — no name or alias, contact details, notes or caseworker data: a feed is read by
// a third party's calendar service, synced to phones and shared with assistants, and the
// code finds the booking on the staff pages.
import type { Db } from "../../db/client.ts";
import type { Office, StaffRole } from "../../generated/prisma/client.ts";
import { dutchPublicHoliday } from "../availability/holidays.ts";
import { loadRules } from "../availability/load-availability.ts";
import { addDays, instantAt, localDateOf } from "../../local-date.ts";
import { expandSessions } from "../availability/sessions.ts";
import { formatBookingCode } from "../../i18n/format.ts";

export const FEED_WEEKS = 12;

export interface FeedSession {
  /** Stable across changes of the session's times: series and date, or the extra session. */
  key: string;
  office: Office;
  startsAt: Date;
  endsAt: Date;
}

export interface FeedBooking {
  id: number;
  office: Office;
  startsAt: Date;
  endsAt: Date;
  /** The booking code as written for people: "K7MX-4QPB". */
  code: string;
}

export async function feedEvents(db: Db, user: { id: number; role: StaffRole; offices: Array<{ officeId: number }> }, now: Date) {
  // Administrators work for every office, as on the staff pages.
  const offices = await db.office.findMany({
    where: user.role === "ADMIN" ? {} : { id: { in: user.offices.map((o) => o.officeId) } },
    orderBy: { id: "asc" },
  });
  const sessions: FeedSession[] = [];
  const bookings: FeedBooking[] = [];
  for (const office of offices) {
    const from = localDateOf(now, office.timeZone);
    const to = addDays(from, FEED_WEEKS * 7 - 1);
    const { series, exceptions } = await loadRules(db, office.id, from, to);
    const others = new Set(series.filter((s) => s.hostId !== null && s.hostId !== user.id).map((s) => s.id));
    const own = series.filter((s) => !others.has(s.id));
    for (const s of expandSessions({ zone: office.timeZone, series: own, exceptions, from, to, holidayName: dutchPublicHoliday })) {
      const key = s.seriesId !== null ? `series-${s.seriesId}-${s.date}` : `extra-${s.exceptionId}`;
      sessions.push({ key, office, startsAt: s.startsAt, endsAt: s.endsAt });
    }
    const rows = await db.booking.findMany({
      where: {
        officeId: office.id,
        status: { not: "CANCELLED" },
        startsAt: { gte: instantAt(from, "00:00", office.timeZone), lt: instantAt(addDays(to, 1), "00:00", office.timeZone) },
      },
      select: { id: true, code: true, startsAt: true, endsAt: true, seriesId: true },
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    });
    for (const b of rows) {
      if (b.seriesId !== null && others.has(b.seriesId)) continue;
      bookings.push({ id: b.id, office, startsAt: b.startsAt, endsAt: b.endsAt, code: formatBookingCode(b.code) });
    }
  }
  return { sessions, bookings };
}
