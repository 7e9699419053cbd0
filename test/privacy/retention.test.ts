// Nothing personal survives the retention period; the anonymous remainder, and so the
// statistics, stay the same.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import t from "tap";
import { onPostgres } from "../helpers/database.ts";
import { buildTestApp } from "../helpers/app.ts";
import { book } from "../helpers/bookings.ts";
import { bookSlot, mainText, validBooking } from "../helpers/forms.ts";
import { loadStatistics } from "../../src/domain/statistics/load-statistics.ts";
import { searchNameOf } from "../../src/db/search-name.ts";

const DAY = 86_400_000;

async function anonymousRemainder(db: Awaited<ReturnType<typeof buildTestApp>>["db"]) {
  const rows = await db.booking.findMany({
    orderBy: { id: "asc" },
    select: { officeId: true, startsAt: true, language: true, interpreterNeeded: true, channel: true, status: true, referrerOrgType: true },
  });
  return rows.map((r) => ({ ...r, startsAt: r.startsAt.toISOString() }));
}

t.test("personal data is erased 30 days after the appointment or the cancellation, nothing else", async (t) => {
  const { app, db, clock, dir } = await buildTestApp(t, { now: "2026-11-30T08:00:00Z" });
  // Seen on Tuesday 1 December; cancelled on 30 November for Thursday 10 December; still to come on 12 January.
  const seen = await book(app, "zwolle", "2026-12-01T09:00:00Z", { name: "Amina Yusuf", phone: "+31 6 1111 2222", email: "amina@example.org", note: "with children", language: "ar", interpreterNeeded: true });
  const caseworker = await book(app, "zwolle", "2026-12-01T09:20:00Z", {
    name: "Bat-Erdene",
    language: "mn",
    channel: "CASEWORKER",
    referrer: { orgType: "municipality", orgName: "Gemeente Zwolle", name: "Joke", email: "joke@zwolle.example", contactViaReferrer: true },
  });
  const cancelled = await book(app, "zwolle", "2026-12-10T12:00:00Z", { name: "Cancelled Client", email: "cancel@example.org" });
  const later = await book(app, "zwolle", "2027-01-12T09:00:00Z", { name: "Later Client", email: "later@example.org" });
  const { response } = await bookSlot(app, "/nl/offices/zwolle/book?slot=2026-12-03T12:20:00.000Z", { ...validBooking, name: "Through The Form", email: "form@example.org" });
  t.equal(response.statusCode, 303);
  const formBooking = await db.booking.findFirstOrThrow({ where: { name: "Through The Form" } });
  await app.outbox.runOnce();
  const { cancelBooking } = await import("../../src/domain/booking/cancel-booking.ts");
  await cancelBooking(app.deps, { actor: { type: "client" }, bookingId: cancelled.id, by: "client" }, clock.now());
  await app.outbox.runOnce();
  await db.booking.update({ where: { id: seen.id }, data: { status: "ATTENDED" } });
  await db.waitingListEntry.create({ data: { officeId: seen.officeId, date: "2026-12-01", sessionStart: "10:00", name: "Waiting Walk-in", phone: "+31698765432", phoneKey: "31698765432", email: "waiting@example.org", smsConsent: true, language: "ka", interpreterNeeded: false, createdAt: clock.now() } });
  const eml = () => readdirSync(`${dir}/mail`).length;
  t.ok(eml() >= 3, "messages were written as .eml files");
  const before = await anonymousRemainder(db);
  const statistics = async () => [await loadStatistics(db, { year: 2026, officeId: null }), await loadStatistics(db, { year: 2027, officeId: null })];
  const statisticsBefore = await statistics();

  // 29 days after the cancellation (and 28 after the appointments): nothing is due yet.
  clock.set(new Date(Date.parse("2026-11-30T08:00:00Z") + 29 * DAY));
  t.same(await app.retention.runOnce(), { bookings: 0, messages: 0, files: 0, waiting: 0 });

  // 31 days after the cancellation: its personal data goes.
  clock.set(new Date(Date.parse("2026-11-30T08:00:00Z") + 30 * DAY + 60_000));
  const first = await app.retention.runOnce();
  t.equal(first.bookings, 1, "the cancellation is older than 30 days");
  let row = await db.booking.findUniqueOrThrow({ where: { id: cancelled.id } });
  t.same([row.name, row.email, row.manageTokenSealed], [null, null, null]);

  // 30 days after 1 and 3 December: the seen and the form booking go too, and the waiting list.
  clock.set("2027-01-03T08:00:00Z");
  const second = await app.retention.runOnce();
  t.same([second.bookings, second.waiting], [3, 1]);
  for (const id of [seen.id, caseworker.id, cancelled.id, formBooking.id]) {
    row = await db.booking.findUniqueOrThrow({ where: { id } });
    t.same(
      { name: row.name, phone: row.phone, email: row.email, note: row.note, emailKey: row.emailKey, phoneKey: row.phoneKey, org: row.referrerOrgName, referrer: row.referrerName, referrerEmail: row.referrerEmail, reason: row.cancelReason, sealed: row.manageTokenSealed, erased: row.erasedAt !== null },
      { name: null, phone: null, email: null, note: null, emailKey: null, phoneKey: null, org: null, referrer: null, referrerEmail: null, reason: null, sealed: null, erased: true },
      `booking ${id} holds nothing personal`,
    );
  }
  const future = await db.booking.findUniqueOrThrow({ where: { id: later.id } });
  t.equal(future.name, "Later Client", "an appointment still to come keeps its data");
  const messages = await db.outboxMessage.findMany({ where: { bookingId: { in: [seen.id, caseworker.id, cancelled.id, formBooking.id] } } });
  t.ok(messages.length >= 4);
  t.same(messages.filter((m) => m.recipient !== null || m.payload !== null || m.lastError !== null || m.erasedAt === null).map((m) => m.id), [], "their messages hold nothing personal");
  t.same(messages.filter((m) => m.status === "PENDING").map((m) => m.id), [], "nothing of theirs is left to send");
  const remaining = readdirSync(`${dir}/mail`);
  t.equal(remaining.length, 1, "only the .eml of the booking still to come is left");
  const waiting = await db.waitingListEntry.findFirstOrThrow();
  t.same([waiting.name, waiting.phone, waiting.phoneKey, waiting.email], [null, null, null, null], "nothing left of the person waiting: name, phone, email");

  t.same(await anonymousRemainder(db), before, "office, date, language, interpreter, channel, outcome and organisation type are unchanged");
  t.same(await statistics(), statisticsBefore, "the statistics are the same as before the erasure");
  const everything = JSON.stringify(await db.booking.findMany()) + JSON.stringify(await db.outboxMessage.findMany()) + JSON.stringify(await db.auditEntry.findMany()) + JSON.stringify(await db.waitingListEntry.findMany());
  for (const secret of ["Amina", "1111 2222", "amina@example.org", "children", "Bat-Erdene", "Gemeente Zwolle", "joke@zwolle.example", "Cancelled Client", "Through The Form", "Waiting Walk-in", "98765432", "waiting@example.org"]) {
    t.notMatch(everything, secret, `nothing left of "${secret}"`);
  }
  t.ok(existsSync(`${dir}/mail`));
  t.same(await app.retention.runOnce(), { bookings: 0, messages: 0, files: 0, waiting: 0 }, "a second run finds nothing");
});

t.test("a backlog of more bookings than one batch is erased completely, messages included", async (t) => {
  const { app, db, clock } = await buildTestApp(t, { now: "2026-11-30T08:00:00Z" });
  const template = await book(app, "zwolle", "2026-12-01T09:00:00Z", { name: "Template", email: "template@example.org" });
  const { id: _id, ...row } = template;
  const count = 1_234;
  await db.booking.createMany({
    data: Array.from({ length: count }, (_, i) => ({ ...row, code: `BACKLOG-${i}`, manageTokenHash: `backlog-${i}`, seat: null, status: "ATTENDED" as const, name: `Backlog ${i}`, searchName: searchNameOf(`Backlog ${i}`) })),
  });
  const ids = (await db.booking.findMany({ where: { code: { startsWith: "BACKLOG-" } }, select: { id: true } })).map((b) => b.id);
  await db.outboxMessage.createMany({
    data: ids.map((bookingId) => ({ bookingId, kind: "confirmation", audience: "client", dueAt: clock.now(), recipient: "template@example.org", locale: "nl", payload: "{}", status: "SENT" as const, attempts: 1, nextAttemptAt: clock.now(), createdAt: clock.now() })),
  });
  clock.set("2027-01-10T08:00:00Z");
  const result = await app.retention.runOnce();
  t.same([result.bookings, result.messages >= count], [count + 1, true], "every expired booking and its messages, across several batches");
  t.equal(await db.booking.count({ where: { erasedAt: null } }), 0, "no booking keeps its personal data");
  t.equal(await db.outboxMessage.count({ where: { OR: [{ erasedAt: null }, { recipient: { not: null } }] } }), 0, "no message keeps its recipient");
  t.same(await app.retention.runOnce(), { bookings: 0, messages: 0, files: 0, waiting: 0 }, "a second run finds nothing");
});

t.test("an erased booking's manage link opens nothing", async (t) => {
  const { app, clock } = await buildTestApp(t, { now: "2026-11-30T08:00:00Z" });
  const { token } = await bookSlot(app, "/en/offices/zwolle/book?slot=2026-12-01T09:00:00.000Z");
  t.equal((await app.inject({ url: `/en/booking/${token}` })).statusCode, 200);
  clock.set("2027-01-01T12:00:00Z");
  await app.retention.runOnce();
  t.equal((await app.inject({ url: `/en/booking/${token}` })).statusCode, 404);
});

t.test("the retention period is configurable and shown in the privacy statement", async (t) => {
  const { app, clock } = await buildTestApp(t, { now: "2026-11-30T08:00:00Z", env: { RETENTION_DAYS: "7" } });
  const privacy = await app.inject({ url: "/en/privacy" });
  t.match(privacy.body, "7 days after the appointment");
  await book(app, "zwolle", "2026-12-01T09:00:00Z", { name: "Short Stay" });
  clock.set("2026-12-08T08:00:00Z");
  t.equal((await app.retention.runOnce()).bookings, 0, "not yet 7 days after the appointment ended");
  clock.set("2026-12-08T10:00:00Z");
  t.equal((await app.retention.runOnce()).bookings, 1);
});

t.test("a period of one day reads in the singular, in each language's own way", async (t) => {
  const { app } = await buildTestApp(t, { env: { RETENTION_DAYS: "1" } });
  const said = async (locale: string) => mainText((await app.inject({ url: `/${locale}/privacy` })).body);
  t.match(await said("en"), "1 day after the appointment (or after you cancel) we delete");
  t.match(await said("nl"), "1 dag na de afspraak (of nadat u hebt afgezegd) wissen wij");
  t.match(await said("ru"), "Через 1 день после приёма");
});

// SQLite's file is the whole database, so it can be searched for what was erased. A
// PostgreSQL server keeps its own files (and write-ahead log, until it recycles it); there
// the other tests of this file check the rows, and the README says what the operator owns.
if (!onPostgres) t.test("erased personal data leaves no trace in the database file or its write-ahead log", async (t) => {
  const { app, db, clock, dir } = await buildTestApp(t, { now: "2026-11-30T08:00:00Z" });
  const marked = { name: "Qwertzuiop Marker", email: "marker-mailbox@example.org", phone: "0612349876", note: "Kamer Zeventien" };
  const markers = Object.values(marked);
  for (const [i, slot] of ["2026-12-01T09:00:00.000Z", "2026-12-01T09:20:00.000Z", "2026-12-03T12:00:00.000Z"].entries()) {
    const { response } = await bookSlot(app, `/nl/offices/zwolle/book?slot=${slot}`, { ...validBooking, ...marked, name: `${marked.name} ${i}` });
    t.equal(response.statusCode, 303);
  }
  // Messages are sent (their rows rewritten), one booking is moved on to cancelled, and
  // the walk-in list gets a name: every row is written more than once.
  await app.outbox.runOnce();
  const { cancelBooking } = await import("../../src/domain/booking/cancel-booking.ts");
  await cancelBooking(app.deps, { actor: { type: "client" }, bookingId: (await db.booking.findFirstOrThrow()).id, by: "client" }, clock.now());
  await app.outbox.runOnce();
  await db.waitingListEntry.create({ data: { officeId: (await db.booking.findFirstOrThrow()).officeId, date: "2026-12-01", sessionStart: "10:00", name: `${marked.name} waiting`, language: "ka", interpreterNeeded: false, createdAt: clock.now() } });

  clock.set("2027-01-10T08:00:00Z");
  const result = await app.retention.runOnce();
  t.same([result.bookings, result.waiting], [3, 1]);
  for (const file of ["test.db", "test.db-wal"]) {
    const path = join(dir, file);
    const bytes = existsSync(path) ? readFileSync(path) : Buffer.alloc(0);
    t.same(markers.filter((marker) => bytes.includes(marker)), [], `${file} (${bytes.length} bytes) holds none of the erased values`);
  }
});
