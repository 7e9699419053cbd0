// Shared pieces of the schedule-management tests.
import type { FastifyInstance } from "fastify";
import type { Db } from "../../src/db/client.ts";
import { bookSlot, validBooking } from "../helpers/forms.ts";

/** Everything a refused schedule request must leave as it was. */
export async function scheduleState(db: Db) {
  return {
    series: await db.consultationSeries.findMany({ orderBy: { id: "asc" } }),
    exceptions: await db.scheduleException.findMany({ orderBy: { id: "asc" } }),
    bookings: await db.booking.findMany({ select: { id: true, status: true, startsAt: true, seat: true }, orderBy: { id: "asc" } }),
    audit: await db.auditEntry.count({ where: { entityType: { in: ["series", "exception", "booking"] } } }),
    outbox: await db.outboxMessage.count(),
  };
}

export async function officeIds(db: Db) {
  const bySlug = async (slug: string) => (await db.office.findUniqueOrThrow({ where: { slug } })).id;
  return { zwolle: await bySlug("zwolle"), tilburg: await bySlug("tilburg"), amsterdam: await bySlug("amsterdam") };
}

/** A Wednesday afternoon series for Zwolle, which has none then. */
export const wednesdayForm = {
  weekdays: ["3"],
  intervalWeeks: "1",
  startTime: "14:00",
  endTime: "16:00",
  slotMinutes: "30",
  capacity: "2",
  walkInPlaces: "0",
  validFrom: "2026-11-30",
  validUntil: "",
  horizonDays: "84",
  minNoticeMinutes: "120",
  hostId: "",
};

/** Books a slot through the public form, in the client's language, with an email address. */
export async function bookAt(app: FastifyInstance, office: string, slotIso: string, client: { name: string; email: string; locale: string }) {
  const { response } = await bookSlot(app, `/${client.locale}/offices/${office}/book?slot=${slotIso}`, { ...validBooking, name: client.name, email: client.email });
  if (response.statusCode !== 303) throw new Error(`booking ${slotIso} answered ${response.statusCode}`);
}

/** The slot instants (UTC ISO) offered on a public office page. */
export function offeredSlots(html: string): string[] {
  return [...html.matchAll(/class="slot" href="[^"]*slot=([^"&]+)"/g)].map((m) => decodeURIComponent(m[1]!));
}
