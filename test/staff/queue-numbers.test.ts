// Queue numbers are unique per office and day whatever happens at once: many desks
// checking in together, on two app servers (on PostgreSQL, two database clients with their
// own connections; SQLite has one app server), and the same arrival sent twice. Runs on
// SQLite and on PostgreSQL (postgresSuites in scripts/test.ts).
import t from "tap";
import { createPrismaClient, engineOf } from "../../src/db/client.ts";
import { recordDeskAction } from "../../src/domain/booking/record-outcome.ts";
import { callNext } from "../../src/domain/queue/call-next.ts";
import { buildTestApp } from "../helpers/app.ts";
import { book } from "../helpers/bookings.ts";
import { onPostgres } from "../helpers/database.ts";
import { signedIn } from "../helpers/staff.ts";

// Tuesday 1 December 2026, 12:00 in Zwolle; an extra afternoon session with room for 45.
async function busyDay(t: Parameters<typeof buildTestApp>[0], appointments: number) {
  const built = await buildTestApp(t, { now: "2026-11-30T08:00:00Z" });
  const { app, db, clock } = built;
  const zwolle = await db.office.findUniqueOrThrow({ where: { slug: "zwolle" } });
  await db.scheduleException.create({
    data: { officeId: zwolle.id, kind: "EXTRA", date: "2026-12-01", startTime: "13:00", endTime: "16:00", slotMinutes: 20, capacity: 5, createdAt: clock.now() },
  });
  const bookings = [];
  for (let i = 0; i < appointments; i++) {
    bookings.push(await book(app, "zwolle", new Date(Date.UTC(2026, 11, 1, 12, 0) + Math.floor(i / 5) * 20 * 60_000).toISOString(), { name: `Client ${i + 1}` }));
  }
  clock.set("2026-12-01T11:00:00Z");
  if (!onPostgres) return { ...built, zwolle, bookings, otherDeps: app.deps };
  // A second app server: its own database client and connections.
  const other = await createPrismaClient(built.config.databaseUrl, { poolSize: 4 });
  await engineOf(other).ready();
  t.teardown(() => other.$disconnect());
  return { ...built, zwolle, bookings, otherDeps: { ...app.deps, db: other } };
}

// Twelve at once, each twice: more than two desks ever send together, and within what
// two pools of four connections serve before a request gives up waiting for one.
t.test("twelve arrivals at once on two servers, each sent twice: twelve tickets numbered 1 to 12", async (t) => {
  const { app, db, clock, bookings, otherDeps, zwolle } = await busyDay(t, 12);
  const staff = await db.staffUser.create({ data: { email: "desk@iom.test", name: "Desk", role: "RECEPTION", passwordHash: "x", createdAt: clock.now() } });
  const actor = { type: "staff" as const, id: staff.id };
  const results = await Promise.all(
    bookings.flatMap((b, i) => [
      recordDeskAction(i % 2 === 0 ? app.deps : otherDeps, { actor, bookingId: b.id, action: "check-in" }, clock.now()),
      recordDeskAction(i % 2 === 0 ? otherDeps : app.deps, { actor, bookingId: b.id, action: "check-in" }, clock.now()),
    ]),
  );
  t.equal(results.filter((r) => r.kind === "done" && r.changed).length, 12, "each arrival recorded once");
  const tickets = await db.queueTicket.findMany({ where: { officeId: zwolle.id }, orderBy: { number: "asc" } });
  t.same(tickets.map((x) => x.number), Array.from({ length: 12 }, (_, i) => i + 1), "numbers 1 to 12, none twice, none skipped");
  t.same(new Set(tickets.map((x) => x.bookingId)).size, 12, "one ticket per booking");
  t.same(new Set(tickets.map((x) => x.date)), new Set(["2026-12-01"]));
  t.equal((await db.queueCounter.findFirstOrThrow({ where: { officeId: zwolle.id } })).last, 12);
  t.equal(await db.auditEntry.count({ where: { action: "ticket.given" } }), 12);
});

t.test("the database refuses a second ticket with the same number", async (t) => {
  const { db, clock, bookings, zwolle } = await busyDay(t, 2);
  await db.queueTicket.create({ data: { officeId: zwolle.id, date: "2026-12-01", number: 7, bookingId: bookings[0]!.id, createdAt: clock.now() } });
  await t.rejects(db.queueTicket.create({ data: { officeId: zwolle.id, date: "2026-12-01", number: 7, bookingId: bookings[1]!.id, createdAt: clock.now() } }));
  await t.rejects(db.queueTicket.create({ data: { officeId: zwolle.id, date: "2026-12-01", number: 8, bookingId: bookings[0]!.id, createdAt: clock.now() } }), "nor a second ticket for one booking");
});

t.test("two desks pressing call next at the same moment, on two servers: one client is called once", async (t) => {
  const { app, db, clock, bookings, otherDeps, zwolle } = await busyDay(t, 3);
  const desks = await Promise.all(["a", "b"].map((d) => db.staffUser.create({ data: { email: `${d}@iom.test`, name: d, role: "RECEPTION", passwordHash: "x", createdAt: clock.now() } })));
  for (const b of bookings) await recordDeskAction(app.deps, { actor: { type: "staff", id: desks[0]!.id }, bookingId: b.id, action: "check-in" }, clock.now());
  const results = await Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      callNext(i % 2 === 0 ? app.deps : otherDeps, { actor: { type: "staff", id: desks[i % 2]!.id }, office: zwolle, to: `Balie ${(i % 2) + 1}`, seen: "none" }, clock.now()),
    ),
  );
  t.equal(results.filter((r) => r.kind === "called").length, 1, "one call");
  t.equal(results.filter((r) => r.kind === "stale").length, 9, "the others are told another call came first");
  const called = await db.queueTicket.findMany({ where: { calledAt: { not: null } } });
  t.same(called.map((x) => [x.number, x.calls]), [[1, 1]]);
});

t.test("scans at two desks at once through HTTP: every client checked in, numbers without gaps", async (t) => {
  const { app, db, bookings, zwolle } = await busyDay(t, 12);
  const desks = await Promise.all(["one", "two"].map((d) => signedIn(app, db, { role: "RECEPTION", offices: ["zwolle"], email: `${d}@iom.test` })));
  const sent = await Promise.all(bookings.map((b, i) => desks[i % 2]!.browser.post(`/staff/offices/${zwolle.id}/day/scan`, { code: b.code })));
  t.same(new Set(sent.map((r) => r.headers.location?.toString().replace(/booking=\d+/, "booking=N"))), new Set([`/staff/offices/${zwolle.id}/day?scan=checked-in&booking=N`]));
  const numbers = (await db.queueTicket.findMany({ orderBy: { number: "asc" } })).map((x) => x.number);
  t.same(numbers, Array.from({ length: 12 }, (_, i) => i + 1));
});
