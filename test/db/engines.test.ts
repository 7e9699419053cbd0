// The same scenarios through both engines, compared row by row: what differs between
// them (db/sqlite, db/postgres) must not show in what they store. Also proves that the
// engines' plain-SQL rule reads match the Prisma reads availability uses, and that rows
// written in plain SQL read back through Prisma exactly as returned.
import t from "tap";
import { engineOf, type Db } from "../../src/db/client.ts";
import type { BookingFacts } from "../../src/db/engine.ts";
import { engineNames, type EngineName } from "../../src/db/schema-source.ts";
import { loadRules, placesTaken, rangeInstants } from "../../src/domain/availability/load-availability.ts";
import { localDateOf, type LocalDate } from "../../src/local-date.ts";
import { cancelBooking } from "../../src/domain/booking/cancel-booking.ts";
import { createBooking, type NewBooking } from "../../src/domain/booking/create-booking.ts";
import { hashManageToken } from "../../src/domain/booking/manage-token.ts";
import { moveBooking } from "../../src/domain/booking/move-booking.ts";
import { applyScheduleChange } from "../../src/domain/schedule/apply-change.ts";
import { seriesRuleColumns, exceptionRuleColumns } from "../../src/db/columns.ts";
import { buildTestApp, type TestApp, type TestContext } from "../helpers/app.ts";

// A Saturday: the Tuesday and Thursday after it can be booked online.
const now = "2026-11-28T08:00:00Z";

function input(office: NewBooking["office"], startsAt: string, n: number, extra: Partial<NewBooking> = {}): NewBooking {
  return {
    actor: { type: "client" },
    office,
    startsAt: new Date(startsAt),
    channel: "SELF",
    rules: "online",
    token: `fixed-token-${n}`.padEnd(43, "x"),
    locale: "nl",
    language: "ar",
    interpreterNeeded: n % 2 === 0,
    name: `Client ${n}`,
    phone: null,
    email: `client-${n}@example.org`,
    note: null,
    contactLimit: 3,
    ...extra,
  };
}

/** Every scenario, in one order; returns what each step answered. */
async function scenario(test: TestApp) {
  const { app, db, clock } = test;
  const office = (slug: string) => db.office.findUniqueOrThrow({ where: { slug } });
  const [zwolle, denHaag] = [await office("zwolle"), await office("den-haag")];
  const answers: unknown[] = [];
  const book = async (n: number, o: typeof zwolle, at: string, extra: Partial<NewBooking> = {}) => {
    const result = await createBooking(app.deps, input(o, at, n, extra), clock.now());
    answers.push([n, result.kind]);
    return result;
  };
  // Ten clients race for a slot with two places (Den Haag, Monday 09:30).
  const race = await Promise.all(Array.from({ length: 10 }, (_, i) => createBooking(app.deps, input(denHaag, "2026-11-30T08:30:00.000Z", 100 + i, { interpreterNeeded: false }), clock.now())));
  answers.push(["race", race.filter((r) => r.kind === "created").length, race.filter((r) => r.kind === "taken").length]);
  await book(1, zwolle, "2026-12-01T09:00:00.000Z");
  await book(1, zwolle, "2026-12-01T09:00:00.000Z"); // the same form again
  await book(1, zwolle, "2026-12-01T09:00:00.000Z", { name: "Someone else" }); // a shared computer
  await book(2, zwolle, "2026-12-01T09:00:00.000Z"); // taken
  await book(3, zwolle, "2026-12-01T09:05:00.000Z"); // no such slot
  await book(4, zwolle, "2026-12-01T09:20:00.000Z", { email: "same@example.org" });
  await book(5, zwolle, "2026-12-01T09:40:00.000Z", { email: "same@example.org" });
  await book(6, zwolle, "2026-12-03T12:00:00.000Z", { email: "same@example.org" });
  await book(7, zwolle, "2026-12-03T12:20:00.000Z", { email: "same@example.org" }); // over the contact limit
  const moved = await book(8, zwolle, "2026-12-03T12:40:00.000Z");
  if (moved.kind === "created") answers.push(["move", (await moveBooking(app.deps, { actor: { type: "client" }, bookingId: moved.booking.id, startsAt: new Date("2026-12-08T09:00:00.000Z"), rules: "online" }, clock.now())).kind]);
  const cancelled = await book(9, zwolle, "2026-12-03T13:00:00.000Z");
  if (cancelled.kind === "created") answers.push(["cancel", (await cancelBooking(app.deps, { actor: { type: "client" }, bookingId: cancelled.booking.id, by: "client" }, clock.now())).kind]);
  // The officer cancels Tuesday 1 December in Zwolle: the bookings there are cancelled and told.
  const tuesday = await db.consultationSeries.findFirstOrThrow({ where: { officeId: zwolle.id, weekdays: "2" } });
  const shown = (await db.booking.findMany({ where: { officeId: zwolle.id, status: "BOOKED", startsAt: { gte: new Date("2026-11-30T23:00:00Z"), lt: new Date("2026-12-01T23:00:00Z") } } })).map((b) => b.id);
  const change = { type: "exception.create" as const, exception: { kind: "CANCEL" as const, seriesId: tuesday.id, date: "2026-12-01", endDate: null, startTime: null, endTime: null, slotMinutes: null, capacity: null, reason: "Ziek" } };
  answers.push(["schedule", (await applyScheduleChange(app.deps, { actor: { type: "staff", id: 1 }, office: zwolle, change, decisions: { shown, moves: new Map(), reason: "De medewerker is ziek." } }, clock.now())).kind]);
  return answers;
}

/**
 * Which two of the ten racing clients win is chance: their rows are compared as "a racer"
 * (the folded name for the search too).
 */
const racer = (text: string) => text.replace(/[Cc]lient 1\d\d/g, "a racer").replace(/client-1\d\d@/g, "racer@");
function unraced<T extends Record<string, unknown>>(row: T): T {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "string" ? racer(v) : v])) as T;
}
const byJson = (a: unknown, b: unknown) => JSON.stringify(a).localeCompare(JSON.stringify(b));

/** The stored rows, without what is random or numbered by the engine (ids, codes, tokens, sealed tokens). */
async function rows(db: Db) {
  const bookings = await db.booking.findMany({ orderBy: [{ startsAt: "asc" }, { name: "asc" }] });
  const name = new Map(bookings.map((b) => [b.id, b.name]));
  const code = new Map(bookings.map((b) => [b.code, `<code of ${b.name}>`]));
  const unrandom = (text: string | null) => (text === null ? null : text.replace(/[A-Z0-9]{8}/g, (c) => code.get(c) ?? c));
  return {
    bookings: bookings.map(({ id: _id, code: _code, manageTokenHash: _hash, manageTokenSealed, seriesId, ...rest }) => unraced({ ...rest, sealed: manageTokenSealed !== null, series: seriesId !== null })).sort(byJson),
    messages: (await db.outboxMessage.findMany()).map(({ id: _id, bookingId, payload, ...rest }) => unraced({ ...rest, booking: name.get(bookingId ?? -1) ?? null, payload: unrandom(payload) })).sort(byJson),
    audit: (await db.auditEntry.findMany()).map(({ id: _id, entityId, ...rest }) => unraced({ ...rest, entity: rest.entityType === "booking" ? name.get(entityId) : entityId })).sort(byJson),
    exceptions: (await db.scheduleException.findMany()).map(({ id: _id, seriesId: _s, ...rest }) => rest),
  };
}

async function onEach<T>(t: TestContext, work: (test: TestApp, engine: EngineName) => Promise<T>): Promise<Record<EngineName, T>> {
  const results = {} as Record<EngineName, T>;
  for (const engine of engineNames) results[engine] = await work(await buildTestApp(t, { now, engine }), engine);
  return results;
}

t.test("the same scenarios on SQLite and on PostgreSQL store the same rows", async (t) => {
  const results = await onEach(t, async (test) => ({ answers: await scenario(test), rows: await rows(test.db) }));
  t.same(results.postgresql.answers, results.sqlite.answers, "every step answered alike");
  t.same(
    results.sqlite.answers,
    [["race", 2, 8], [1, "created"], [1, "duplicate"], [1, "form-used"], [2, "taken"], [3, "unavailable"], [4, "created"], [5, "created"], [6, "created"], [7, "contact-limit"], [8, "created"], ["move", "moved"], [9, "created"], ["cancel", "cancelled"], ["schedule", "applied"]],
    "each step answered as the rules say",
  );
  t.ok(results.sqlite.rows.bookings.length >= 8 && results.sqlite.rows.messages.length >= 8);
  t.strictSame(results.postgresql.rows.bookings, results.sqlite.rows.bookings, "bookings");
  t.strictSame(results.postgresql.rows.messages, results.sqlite.rows.messages, "outbox messages");
  t.strictSame(results.postgresql.rows.audit, results.sqlite.rows.audit, "audit entries");
  t.strictSame(results.postgresql.rows.exceptions, results.sqlite.rows.exceptions, "schedule exceptions");
});

t.test("a booking written in plain SQL reads back through Prisma exactly as it was returned", async (t) => {
  await onEach(t, async ({ app, db, clock }, engine) => {
    const zwolle = await db.office.findUniqueOrThrow({ where: { slug: "zwolle" } });
    const result = await createBooking(
      app.deps,
      { ...input(zwolle, "2026-12-01T09:20:00.000Z", 1), channel: "CASEWORKER", phone: "+31 6 1234 5678", referrer: { orgType: "refugee-council", orgName: "VluchtelingenWerk", name: "Sanne", email: "sanne@example.org", contactViaReferrer: false } },
      clock.now(),
    );
    if (result.kind !== "created") throw new Error(result.kind);
    t.strictSame(await db.booking.findUniqueOrThrow({ where: { id: result.booking.id } }), result.booking, `${engine}: the booking`);
    const messages = await db.outboxMessage.findMany({ where: { bookingId: result.booking.id }, orderBy: { id: "asc" } });
    t.equal(messages.length, 3, `${engine}: confirmation to client and caseworker, and the reminder`);
    t.strictSame(
      messages.map(({ id: _id, payload: _p, recipient: _r, ...rest }) => rest),
      ["confirmation", "confirmation", "reminder"].map((kind, i) => ({
        bookingId: result.booking.id,
        offerId: null,
        kind,
        audience: i === 1 ? "caseworker" : "client",
        channel: "email",
        locale: "nl",
        status: "PENDING",
        dueAt: kind === "reminder" ? new Date("2026-11-30T09:00:00.000Z") : clock.now(),
        nextAttemptAt: kind === "reminder" ? new Date("2026-11-30T09:00:00.000Z") : clock.now(),
        attempts: 0,
        claimToken: null,
        claimedAt: null,
        lastError: null,
        sentAt: null,
        providerMessageId: null,
        deliveryStatus: null,
        deliveryReportedAt: null,
        erasedAt: null,
        createdAt: clock.now(),
      })),
      `${engine}: the messages, with Prisma's types`,
    );
    const audit = await db.auditEntry.findFirstOrThrow({ where: { entityType: "booking", entityId: result.booking.id } });
    t.strictSame({ ...audit, id: 0 }, { id: 0, at: clock.now(), actorType: "client", actorId: null, action: "booking.created", entityType: "booking", entityId: result.booking.id, officeId: zwolle.id, detail: JSON.stringify({ channel: "CASEWORKER", startsAt: "2026-12-01T09:20:00.000Z" }) });
  });
});

t.test("each engine's plain-SQL rule reads equal the Prisma reads availability uses", async (t) => {
  await onEach(t, async ({ app, db, clock }, engine) => {
    const zwolle = await db.office.findUniqueOrThrow({ where: { slug: "zwolle" } });
    const tuesday = await db.consultationSeries.findFirstOrThrow({ where: { officeId: zwolle.id, weekdays: "2" } });
    const exception = (kind: "CANCEL" | "CHANGE" | "EXTRA" | "CLOSURE" | "HOLIDAY_OPEN", date: string, more: object = {}) =>
      db.scheduleException.create({ data: { officeId: zwolle.id, kind, date, createdAt: clock.now(), ...more } });
    await exception("CANCEL", "2026-12-08", { seriesId: tuesday.id });
    await exception("CHANGE", "2026-12-15", { seriesId: tuesday.id, startTime: "11:00", endTime: "12:00", slotMinutes: 30, capacity: 2 });
    await exception("EXTRA", "2026-12-16", { startTime: "09:00", endTime: "10:00", slotMinutes: 15, capacity: 1 });
    await exception("CLOSURE", "2026-12-21", { endDate: "2027-01-02" });
    await exception("HOLIDAY_OPEN", "2026-12-26");
    await db.consultationSeries.create({ data: { officeId: zwolle.id, weekdays: "3", startTime: "09:00", endTime: "10:00", slotMinutes: 20, validFrom: "2026-12-10", validUntil: "2026-12-31", createdAt: clock.now() } });
    for (const at of ["2026-12-01T09:00:00.000Z", "2026-12-01T09:20:00.000Z"]) {
      const r = await createBooking(app.deps, input(zwolle, at, at.length + Number(at.slice(14, 16))), clock.now());
      t.equal(r.kind, "created");
    }
    const pick = <T extends { id: number }>(row: T, columns: readonly string[]) => Object.fromEntries(columns.map((c) => [c, (row as Record<string, unknown>)[c]])) as { id: number };
    const byId = (a: { id: number }, b: { id: number }) => a.id - b.id;
    const days: LocalDate[] = ["2026-12-01", "2026-12-08", "2026-12-09", "2026-12-10", "2026-12-15", "2026-12-16", "2026-12-21", "2026-12-26", "2027-01-02", "2027-01-03", "2027-03-30"];
    for (const day of days) {
      const span = rangeInstants(zwolle, { from: day, to: day });
      let facts: BookingFacts | null = null;
      await engineOf(db).book(
        { officeId: zwolle.id, startsAt: new Date("2026-12-01T09:00:00.000Z"), day, dayFrom: span.from, dayTo: span.to, manageTokenHash: hashManageToken("none"), contactKeys: null, code: "ZZZZZZZZ", now: clock.now() },
        (read) => {
          facts = read;
          return { kind: "answer", answer: null };
        },
      );
      const read = facts as unknown as BookingFacts;
      const prisma = await loadRules(db, zwolle.id, day, day);
      t.strictSame(
        { series: [...read.series].sort(byId), exceptions: [...read.exceptions].sort(byId), taken: [...read.taken].sort() },
        {
          series: prisma.series.map((s) => pick(s, seriesRuleColumns)).sort(byId),
          exceptions: prisma.exceptions.map((e) => pick(e, exceptionRuleColumns)).sort(byId),
          taken: [...(await placesTaken(db, zwolle.id, span.from, span.to))].sort(),
        },
        `${engine}, ${day}: the same series, exceptions and places`,
      );
      t.equal(localDateOf(span.from, zwolle.timeZone), day);
    }
  });
});
