// Offers of freed places against what can happen at the same moment: a schedule change
// that cancels the session or lowers its places, and reception marking someone as gone
// while they answer. On PostgreSQL the moments are forced: a third connection holds the
// audit table, so one transaction stops halfway while the other starts. Also the public
// offer page against input that is not what its form sends.
import type { InjectOptions } from "fastify";
import pg from "pg";
import t from "tap";
import { createPrismaClient, engineOf } from "../../src/db/client.ts";
import { loadAvailability } from "../../src/domain/availability/load-availability.ts";
import { cancelBooking } from "../../src/domain/booking/cancel-booking.ts";
import { hashManageToken, newManageToken } from "../../src/domain/booking/manage-token.ts";
import { setWaitingStatus } from "../../src/domain/desk/waiting-list.ts";
import { answerOffer } from "../../src/domain/desk/answer-offer.ts";
import { applyScheduleChange } from "../../src/domain/schedule/apply-change.ts";
import { buildTestApp } from "../helpers/app.ts";
import { book } from "../helpers/bookings.ts";
import { onPostgres } from "../helpers/database.ts";
import { signedIn } from "../helpers/staff.ts";
import { wednesdayForm } from "./schedule-support.ts";

// Amsterdam, Tuesday 1 December 10:00: a slot of two places. Monday 15:00 now.
const at = "2026-12-01T09:00:00.000Z";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Two bookings in the slot; the second is cancelled while W waits, and offered to W. */
async function heldPlace(t: Parameters<typeof buildTestApp>[0]) {
  const built = await buildTestApp(t, { now: "2026-11-25T08:00:00Z" });
  const { app, db, clock } = built;
  const a = await book(app, "amsterdam", at, { name: "A" });
  const b = await book(app, "amsterdam", at, { name: "B" });
  clock.set("2026-11-30T14:00:00Z");
  const office = await db.office.findUniqueOrThrow({ where: { slug: "amsterdam" } });
  const entry = await db.waitingListEntry.create({
    data: { officeId: office.id, date: "2026-12-01", sessionStart: "10:00", name: "W", language: "ar", interpreterNeeded: false, locale: "nl", email: "w@example.org", createdAt: clock.now() },
  });
  await cancelBooking(app.deps, { actor: { type: "client" }, bookingId: b.id, by: "client" }, clock.now());
  const offer = await db.waitingOffer.findFirstOrThrow();
  return { ...built, a, b, office, entry, offer };
}

/** A second app server (its own connections), and a connection that can hold the audit table. */
async function secondServerAndGate(t: Parameters<typeof buildTestApp>[0], built: Awaited<ReturnType<typeof heldPlace>>) {
  const other = await createPrismaClient(built.config.databaseUrl, { poolSize: 4 });
  await engineOf(other).ready();
  t.teardown(() => other.$disconnect());
  const gate = new pg.Client({ connectionString: built.config.databaseUrl });
  await gate.connect();
  t.teardown(() => gate.end());
  return { otherDeps: { ...built.app.deps, db: other }, gate };
}

t.test("a schedule change lowering the slot's places below the held seat withdraws the offer: never more bookings than places", async (t) => {
  const { app, db, clock, b, office, offer } = await heldPlace(t);
  t.equal(offer.status, "open");
  const series = await db.consultationSeries.findFirstOrThrow({ where: { officeId: office.id } });
  const { browser } = await signedIn(app, db, { role: "ADMIN" });
  const fields = { ...wednesdayForm, weekdays: ["2", "5"], startTime: "10:00", endTime: "13:00", slotMinutes: "20", capacity: "1" };
  await browser.post(`/staff/offices/${office.id}/schedule/series/${series.id}`, { ...fields, confirm: "yes", shown: "", clientReason: "" });
  t.equal((await db.consultationSeries.findUniqueOrThrow({ where: { id: series.id } })).capacity, 1, "one place a slot now");
  t.equal((await db.waitingOffer.findUniqueOrThrow({ where: { id: offer.id } })).status, "withdrawn", "the offer of the second place is withdrawn");
  t.equal((await db.booking.findUniqueOrThrow({ where: { id: b.id } })).seat, null, "and its seat let go");
  const answer = await answerOffer(app.deps, { lookup: { id: offer.id, officeId: office.id }, answer: "accept", actor: { type: "client" } }, clock.now());
  t.same(answer, { kind: "closed", status: "withdrawn", bookingId: null }, "accepting it now books nothing");
  t.equal(await db.booking.count({ where: { officeId: office.id, startsAt: new Date(at), status: "BOOKED" } }), 1);
});

// Not about the engine: on SQLite only.
if (!onPostgres)
  t.test("the offer page answers input its form never sends with a 4xx and changes nothing", async (t) => {
    const { app, db, offer } = await heldPlace(t);
    const token = newManageToken();
    await db.waitingOffer.update({ where: { id: offer.id }, data: { tokenHash: hashManageToken(token) } });
    const form = { "content-type": "application/x-www-form-urlencoded" };
    const cases: Array<[string, InjectOptions, number]> = [
      ["no body", { method: "POST", url: `/nl/offer/${token}` }, 422],
      ["an empty form", { method: "POST", url: `/nl/offer/${token}`, payload: "", headers: form }, 422],
      ["both answers", { method: "POST", url: `/nl/offer/${token}`, payload: "answer=accept&answer=decline", headers: form }, 422],
      ["another answer", { method: "POST", url: `/nl/offer/${token}`, payload: "answer=maybe", headers: form }, 422],
      ["JSON", { method: "POST", url: `/nl/offer/${token}`, payload: '{"answer":["accept"]}', headers: { "content-type": "application/json" } }, 415],
      ["an unknown token", { method: "POST", url: `/nl/offer/${newManageToken()}`, payload: "answer=accept", headers: form }, 404],
      ["a malformed token", { method: "POST", url: "/nl/offer/%FF%FE", payload: "answer=accept", headers: form }, 400],
      ["a long token", { method: "POST", url: `/nl/offer/${"a".repeat(900)}`, payload: "answer=decline", headers: form }, 404],
      ["a language we do not speak", { method: "GET", url: `/xx/offer/${token}` }, 404],
      ["a short link too short", { method: "GET", url: `/o/${"x".repeat(5)}` }, 404],
      ["a short link too long", { method: "GET", url: `/o/${"x".repeat(2000)}` }, 400],
    ];
    for (const [name, request, status] of cases) {
      const response = await app.inject(request);
      t.equal(response.statusCode, status, `${name}: ${response.statusCode}`);
    }
    t.equal((await db.waitingOffer.findUniqueOrThrow({ where: { id: offer.id } })).status, "open", "the offer is still open");
    t.equal((await app.inject({ method: "GET", url: `/en/offer/${token}` })).statusCode, 200);
  });

if (onPostgres) {
  t.test("an offer accepted on one server while another cancels its session: no booking is left in a session that is gone", async (t) => {
    const built = await heldPlace(t);
    const { app, db, clock, a, office, offer } = built;
    const { otherDeps, gate } = await secondServerAndGate(t, built);
    const series = await db.consultationSeries.findFirstOrThrow({ where: { officeId: office.id } });
    const admin = await signedIn(app, db, { role: "ADMIN", email: "admin@iom.test" });
    await gate.query("BEGIN");
    await gate.query('LOCK TABLE "AuditEntry" IN EXCLUSIVE MODE');
    const accept = answerOffer(otherDeps, { lookup: { id: offer.id, officeId: office.id }, answer: "accept", actor: { type: "client" } }, clock.now());
    await sleep(500);
    const change = applyScheduleChange(
      app.deps,
      {
        actor: { type: "staff", id: admin.user.id },
        office,
        change: { type: "exception.create", exception: { kind: "CANCEL", seriesId: series.id, date: "2026-12-01", endDate: null, startTime: null, endTime: null, slotMinutes: null, capacity: null, reason: null } },
        decisions: { shown: [a.id], moves: new Map(), reason: "Ziek" },
      },
      clock.now(),
    );
    await sleep(500);
    await gate.query("COMMIT");
    const [accepted, changed] = await Promise.all([accept, change]);
    const sessions = await loadAvailability(db, office, { from: "2026-12-01", to: "2026-12-01" }, clock.now());
    const live = await db.booking.count({ where: { officeId: office.id, startsAt: new Date(at), status: "BOOKED" } });
    t.equal(accepted.kind, "accepted", "the offer, begun first, is accepted");
    t.equal(changed.kind, "changed", "so the officer's change meets a booking they were not shown, and is not saved");
    t.same([sessions.length, live], [1, 2], "the session stands, with both bookings in it");
  });

  t.test("reception marks someone as gone on one server while they decline on another: both finish, nobody is left holding an offer", async (t) => {
    const built = await heldPlace(t);
    const { app, db, clock, office, offer, entry } = built;
    const { otherDeps, gate } = await secondServerAndGate(t, built);
    const desk = await signedIn(app, db, { role: "RECEPTION", offices: ["amsterdam"], email: "desk@iom.test" });
    await gate.query("BEGIN");
    await gate.query('LOCK TABLE "AuditEntry" IN EXCLUSIVE MODE');
    const declined = answerOffer(otherDeps, { lookup: { id: offer.id, officeId: office.id }, answer: "decline", actor: { type: "client" } }, clock.now());
    await sleep(500);
    const gone = setWaitingStatus(app.deps, { actor: { type: "staff", id: desk.user.id }, officeId: office.id, entryId: entry.id, status: "left" }, clock.now());
    await sleep(500);
    await gate.query("COMMIT");
    const results = await Promise.allSettled([declined, gone]);
    t.same(results.map((r) => r.status), ["fulfilled", "fulfilled"], "no deadlock, no error");
    t.equal((await db.waitingListEntry.findUniqueOrThrow({ where: { id: entry.id } })).status, "left");
    t.equal(await db.waitingOffer.count({ where: { status: "open" } }), 0, "no open offer");
  });
}
