// The named reads the staff pages use, called directly: an id finds a record only where
// the caller may look, and lists come in the order the pages show.
import t from "tap";
import { loadTodayOverview } from "../../src/domain/agenda/today-overview.ts";
import { findBookingById } from "../../src/domain/booking/find-booking.ts";
import { moveBooking } from "../../src/domain/booking/move-booking.ts";
import { findWaitingEntry } from "../../src/domain/desk/waiting-list.ts";
import { hasCalendarFeed, issueFeedToken, revokeFeedToken } from "../../src/domain/feeds/calendar-feed.ts";
import { allOffices, findOffice, officesByName, officesWithIds } from "../../src/domain/offices/find-office.ts";
import { currentSeries, findException, findSeries } from "../../src/domain/schedule/find-schedule-entries.ts";
import { buildTestApp, freshDatabase } from "../helpers/app.ts";
import { book } from "../helpers/bookings.ts";
import { createStaff } from "../helpers/staff.ts";

t.test("offices by id, by a list of ids and by name", async (t) => {
  const { db, clock } = await freshDatabase(t);
  const now = clock.now();
  const all = await allOffices(db, now);
  t.same(all.map((o) => o.slug), ["den-haag", "amsterdam", "tilburg", "zwolle"], "head office first, then by name");
  const zwolle = all.find((o) => o.slug === "zwolle")!;
  const tilburg = all.find((o) => o.slug === "tilburg")!;
  t.equal((await findOffice(db, zwolle.id, now))?.slug, "zwolle");
  t.equal(await findOffice(db, 999_999, now), null);
  t.same((await officesWithIds(db, [zwolle.id, tilburg.id], now)).map((o) => o.slug), ["tilburg", "zwolle"]);
  t.same(await officesWithIds(db, [], now), []);
  t.same((await officesByName(db, now)).map((o) => o.slug), ["amsterdam", "den-haag", "tilburg", "zwolle"], "by name alone");
  await db.office.update({ where: { id: zwolle.id }, data: { name: "Almere" } });
  t.equal((await officesByName(db, now))[0]!.slug, "zwolle", "a renamed office is read afresh");
});

t.test("series and exceptions are found only at their own office", async (t) => {
  const { db, clock } = await freshDatabase(t);
  const zwolle = await db.office.findUniqueOrThrow({ where: { slug: "zwolle" } });
  const tilburg = await db.office.findUniqueOrThrow({ where: { slug: "tilburg" } });
  const series = await db.consultationSeries.findFirstOrThrow({ where: { officeId: zwolle.id } });
  t.equal((await findSeries(db, zwolle.id, String(series.id)))?.id, series.id);
  t.equal((await findSeries(db, zwolle.id, series.id))?.id, series.id, "a number works as well as the text of one");
  t.equal(await findSeries(db, tilburg.id, String(series.id)), null, "not at another office");
  for (const bad of ["", "abc", "1e3", "-1", "12345678901", undefined, null]) t.equal(await findSeries(db, zwolle.id, bad), null, `not for ${String(bad)}`);
  const ended = await db.consultationSeries.create({ data: { ...series, id: undefined, validFrom: "2026-01-06", validUntil: "2026-06-30" } });
  const current = await currentSeries(db, zwolle.id, "2026-11-30");
  t.ok(current.length > 0);
  t.notOk(current.some((s) => s.id === ended.id), "a series that ended before today is left out");
  t.ok(current.every((s) => s.officeId === zwolle.id));
  t.ok((await currentSeries(db, zwolle.id, "2026-06-30")).some((s) => s.id === ended.id), "on its last day it still counts");
  const exception = await db.scheduleException.create({ data: { officeId: zwolle.id, kind: "CLOSURE", date: "2026-12-24", endDate: "2026-12-24", createdAt: clock.now() } });
  t.equal((await findException(db, zwolle.id, String(exception.id)))?.kind, "CLOSURE");
  t.equal(await findException(db, tilburg.id, String(exception.id)), null);
  t.equal(await findException(db, zwolle.id, "x"), null);
});

t.test("a booking by id, a waiting-list entry at its office, the calendar feed's presence", async (t) => {
  const { app, db, clock } = await buildTestApp(t);
  const booking = await book(app, "zwolle", "2026-12-01T09:00:00Z");
  t.match(await findBookingById(db, booking.id), { id: booking.id, office: { slug: "zwolle" } });
  for (const id of [0, -1, 999_999, Number.NaN, 1.5]) t.equal(await findBookingById(db, id), null, `nothing for ${id}`);

  const zwolle = await db.office.findUniqueOrThrow({ where: { slug: "zwolle" } });
  const tilburg = await db.office.findUniqueOrThrow({ where: { slug: "tilburg" } });
  const entry = await db.waitingListEntry.create({ data: { officeId: zwolle.id, date: "2026-12-01", sessionStart: "10:00", name: "W", language: "ka", interpreterNeeded: false, createdAt: clock.now() } });
  t.equal((await findWaitingEntry(db, zwolle.id, entry.id))?.id, entry.id);
  t.equal(await findWaitingEntry(db, tilburg.id, entry.id), null, "not through another office");
  t.equal(await findWaitingEntry(db, zwolle.id, entry.id + 1), null);

  const officer = await createStaff(db, { role: "OFFICER", offices: ["zwolle"] });
  const actor = { type: "staff" as const, id: officer.id };
  t.equal(await hasCalendarFeed(db, officer.id), false);
  await issueFeedToken(db, { actor, userId: officer.id }, clock.now());
  t.equal(await hasCalendarFeed(db, officer.id), true);
  await revokeFeedToken(db, { actor, userId: officer.id }, clock.now());
  t.equal(await hasCalendarFeed(db, officer.id), false);
  t.equal(await hasCalendarFeed(db, 999_999), false, "an unknown user has none");
});

t.test("moving a booking to the time it already has is the same move sent twice", async (t) => {
  const { app, db, clock } = await buildTestApp(t);
  const booking = await book(app, "zwolle", "2026-12-01T09:00:00Z");
  const move = (startsAt: string) => moveBooking(app.deps, { actor: { type: "client" }, bookingId: booking.id, startsAt: new Date(startsAt), rules: "online" }, clock.now());
  t.match(await move("2026-12-01T09:20:00Z"), { kind: "moved", booking: { startsAt: new Date("2026-12-01T09:20:00Z"), sequence: 1 } });
  t.match(await move("2026-12-01T09:20:00Z"), { kind: "already-there", booking: { sequence: 1 } }, "the second send finds it there");
  t.equal((await db.booking.findUniqueOrThrow({ where: { id: booking.id } })).sequence, 1, "and changes nothing");
  t.equal(await db.auditEntry.count({ where: { action: "booking.moved" } }), 1);
});

t.test("today's overview: the user's offices, today's sessions with places taken and in all", async (t) => {
  const { app, db } = await buildTestApp(t, { now: "2026-12-01T07:00:00Z" });
  await book(app, "zwolle", "2026-12-01T09:00:00Z");
  await book(app, "zwolle", "2026-12-01T09:20:00Z");
  const zwolle = await db.office.findUniqueOrThrow({ where: { slug: "zwolle" } });
  const denHaag = await db.office.findUniqueOrThrow({ where: { slug: "den-haag" } });
  const { today, overview } = await loadTodayOverview(db, [zwolle.id, denHaag.id], "Europe/Amsterdam", new Date("2026-12-01T07:00:00Z"));
  t.equal(today, "2026-12-01");
  t.same(overview.map((o) => o.office.slug), ["den-haag", "zwolle"], "head office first");
  const tuesday = overview[1]!.sessions;
  t.ok(tuesday.length > 0, "Zwolle holds its Tuesday session");
  t.equal(tuesday.reduce((sum, s) => sum + s.taken, 0), 2, "both bookings are counted");
  t.ok(tuesday.every((s) => s.places >= s.taken && /^\d\d:\d\d$/.test(s.start)));
  const late = await loadTodayOverview(db, [zwolle.id], "Pacific/Kiritimati", new Date("2026-12-01T07:00:00Z"));
  t.equal(late.today, "2026-12-01", "today is the zone's date (21:00 on 1 December at UTC+14)");
});
