// Every kind of staff page, with data on it: for the checks that go over all of them (the
// Nu HTML checker, the tablet and phone widths). Today is Tuesday 1 December 2026, 10:30
// in Zwolle, in the middle of a session with bookings of every kind.
import type { FastifyInstance } from "fastify";
import type { Db } from "../../src/db/client.ts";
import type { ManualClock } from "../../src/clock.ts";
import { book } from "./bookings.ts";
import { createStaff } from "./staff.ts";
import { cancelBooking } from "../../src/domain/booking/cancel-booking.ts";

export const staffPagesNow = "2026-12-01T09:30:00Z";

export interface StaffPage {
  name: string;
  url: string;
  /** The status the page answers with (200 unless said). */
  status?: number;
}

/** Makes the data (and an administrator, admin@iom.test) and lists the pages to visit signed in. */
export async function staffPagesWithData(app: FastifyInstance, db: Db, clock: ManualClock): Promise<StaffPage[]> {
  clock.set("2026-11-25T08:00:00Z");
  const at = (hhmm: string, day = "01") => new Date(`2026-12-${day}T${hhmm}:00+01:00`).toISOString();
  const amina = await book(app, "zwolle", at("10:00"), { name: "Amina Haddad", language: "ar", interpreterNeeded: true, email: "amina@example.org", phone: "+31 6 1111 2222" });
  await book(app, "zwolle", at("10:40"), {
    name: "Bat-Erdene Tsogtbaatar-Oyunchimeg",
    language: "hbs",
    channel: "CASEWORKER",
    referrer: { orgType: "womens-shelter", orgName: "Stichting Vrouwenopvang Noord-Nederland", name: "Joke", email: "joke@example.org", contactViaReferrer: true },
  });
  await book(app, "zwolle", at("11:00"), { name: "أبو علي", language: "fa" });
  const later = await book(app, "zwolle", at("13:00", "03"), { name: "Later Client", email: "later@example.org" });
  const zwolle = await db.office.findUniqueOrThrow({ where: { slug: "zwolle" } });
  const series = await db.consultationSeries.findFirstOrThrow({ where: { officeId: zwolle.id } });
  await db.scheduleException.create({
    data: { officeId: zwolle.id, kind: "CLOSURE", date: "2026-12-24", endDate: "2026-12-27", reason: "Kerstdagen", createdAt: clock.now() },
  });
  clock.set(staffPagesNow);
  await db.waitingListEntry.create({
    data: { officeId: zwolle.id, date: "2026-12-01", sessionStart: "10:00", name: "Giorgi", language: "ka", interpreterNeeded: true, status: "waiting", createdAt: clock.now() },
  });
  // 11:20 is cancelled: the place is held and offered to Giorgi, whom reception must call.
  const freed = await book(app, "zwolle", at("11:20"), { name: "Cancelled Client" });
  await cancelBooking(app.deps, { actor: { type: "client" }, bookingId: freed.id, by: "client" }, clock.now());
  await createStaff(db, { role: "ADMIN", email: "admin@iom.test", name: "Annelies van der Berg-Vermeulen", locale: "nl" });
  const desk = await createStaff(db, { role: "RECEPTION", offices: ["zwolle"], email: "desk@iom.test", locale: "en" });
  // Sent, so the outbox can show one (the tests write messages to files).
  await app.outbox.runOnce();
  const message = await db.outboxMessage.findFirstOrThrow({ where: { bookingId: amina.id } });
  const z = `/staff/offices/${zwolle.id}`;
  return [
    { name: "dashboard", url: "/staff" },
    { name: "password", url: "/staff/password" },
    { name: "day list", url: `${z}/day` },
    { name: "day list, another day", url: `${z}/day?date=2026-12-03` },
    { name: "day list print", url: `${z}/day/print` },
    { name: "walk-in form", url: `${z}/day/walk-in?slot=${at("11:20")}` },
    { name: "waiting list form", url: `${z}/day/waiting?date=2026-12-01&session=10:00` },
    { name: "week", url: `${z}/week` },
    { name: "search", url: "/staff/bookings" },
    { name: "search results", url: "/staff/bookings?q=amina" },
    { name: "booking detail, today", url: `/staff/bookings/${amina.id}` },
    { name: "booking detail, later", url: `/staff/bookings/${later.id}` },
    { name: "move", url: `/staff/bookings/${later.id}/move` },
    { name: "phone booking: times", url: `${z}/book` },
    { name: "phone booking: form", url: `${z}/book?slot=${at("13:20", "03")}` },
    { name: "schedule offices", url: "/staff/schedule" },
    { name: "schedule", url: `${z}/schedule` },
    { name: "new series", url: `${z}/schedule/series/new` },
    { name: "edit series", url: `${z}/schedule/series/${series.id}/edit` },
    { name: "end series", url: `${z}/schedule/series/${series.id}/end` },
    { name: "new closure", url: `${z}/schedule/exceptions/new?kind=CLOSURE` },
    { name: "new extra session", url: `${z}/schedule/exceptions/new?kind=EXTRA` },
    { name: "changed session", url: `${z}/schedule/exceptions/new?kind=CHANGE&series=${series.id}&date=2026-12-08` },
    { name: "admin offices", url: "/staff/offices" },
    { name: "new office", url: "/staff/offices/new" },
    { name: "edit office", url: `/staff/offices/${zwolle.id}/edit` },
    { name: "users", url: "/staff/users" },
    { name: "new user", url: "/staff/users/new" },
    { name: "user", url: `/staff/users/${desk.id}` },
    { name: "outbox", url: "/staff/outbox" },
    { name: "outbox message", url: `/staff/outbox/${message.id}/message` },
    { name: "audit", url: "/staff/audit" },
    { name: "calendar feed", url: "/staff/calendar" },
    { name: "statistics", url: "/staff/statistics" },
    { name: "not found", url: "/staff/no-such-page", status: 404 },
  ];
}
