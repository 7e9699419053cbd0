// Plain SQL writes on Prisma's connection: they share one commit, undo only themselves
// when they fail, never mix with an open Prisma transaction, and write rows that read
// back through Prisma exactly like rows Prisma wrote.
import t from "tap";
import { engineOf, writeVersion } from "../../src/db/client.ts";
import type { SqlConnection } from "../../src/db/sqlite/direct-sql.ts";
import type { SqliteEngine } from "../../src/db/sqlite/engine.ts";
import { isUniqueViolation as isSqlUniqueViolation } from "../../src/db/errors.ts";
import { createBooking } from "../../src/domain/booking/create-booking.ts";
import { newManageToken } from "../../src/domain/booking/manage-token.ts";
import { buildTestApp, freshDatabase } from "../helpers/app.ts";

const office = (slug: string, createdAt: Date) => ({ slug, name: slug, street: "s", postalCode: "p", city: "c", createdAt });
const writeBatched = <T>(db: object, tables: readonly string[], work: (sql: SqlConnection) => T) => (engineOf(db) as SqliteEngine).writeBatched(tables, work);
const insertOffice = "INSERT INTO Office (slug, name, street, postalCode, city, createdAt) VALUES (?, 'n', 's', 'p', 'c', ?)";

t.test("writes of one moment share a transaction; a failing one undoes only itself", async (t) => {
  const { db, clock } = await freshDatabase(t, { seed: false });
  const now = clock.now();
  const before = writeVersion(db, ["Office"]);
  const results = await Promise.allSettled([
    writeBatched(db, ["Office"], (sql) => sql.run(insertOffice, "a", now).changes),
    writeBatched(db, ["Office"], (sql) => {
      sql.run(insertOffice, "b", now);
      sql.run(insertOffice, "a", now); // the slug is taken: this whole write is undone
    }),
    writeBatched(db, ["Office"], (sql) => {
      sql.run(insertOffice, "c", now);
      throw new Error("changed its mind");
    }),
    writeBatched(db, ["Office"], (sql) => sql.run(insertOffice, "d", now).changes),
  ]);
  t.same(results.map((r) => r.status), ["fulfilled", "rejected", "rejected", "fulfilled"]);
  t.ok(results[1].status === "rejected" && isSqlUniqueViolation(results[1].reason), "the unique index refused the second write");
  t.same((await db.office.findMany({ orderBy: { slug: "asc" } })).map((o) => o.slug), ["a", "d"], "b and c left nothing behind");
  t.not(writeVersion(db, ["Office"]), before, "the read caches see the write");
});

t.test("a plain SQL write waits for an open Prisma transaction instead of joining it", async (t) => {
  const { db, clock } = await freshDatabase(t, { seed: false });
  const now = clock.now();
  let outside: Promise<unknown> | undefined;
  const failing = db.$transaction(async (tx) => {
    await tx.office.create({ data: office("inside", now) });
    outside = writeBatched(db, ["Office"], (sql) => sql.run(insertOffice, "outside", now));
    await new Promise((resolve) => setTimeout(resolve, 50));
    throw new Error("roll back");
  });
  await t.rejects(failing, { message: "roll back" });
  await outside;
  t.same((await db.office.findMany()).map((o) => o.slug), ["outside"], "the plain write survived the rollback");
});

t.test("a booking written in plain SQL reads back through Prisma with its types", async (t) => {
  const { app, db, clock } = await buildTestApp(t, { now: "2026-11-30T08:00:00Z" });
  const zwolle = await db.office.findUniqueOrThrow({ where: { slug: "zwolle" } });
  const result = await createBooking(
    app.deps,
    {
      actor: { type: "client" },
      office: zwolle,
      startsAt: new Date("2026-12-01T09:20:00Z"),
      channel: "CASEWORKER",
      rules: "online",
      token: newManageToken(),
      locale: "ar",
      language: "ar",
      interpreterNeeded: true,
      name: "Amal",
      phone: "+31 6 1234 5678",
      email: "Amal@Example.org",
      note: null,
      referrer: { orgType: "refugee-council", orgName: "VluchtelingenWerk", name: "Sanne", email: "sanne@example.org", contactViaReferrer: false },
    },
    clock.now(),
  );
  if (result.kind !== "created") throw new Error(result.kind);
  t.equal(result.messages, 3, "a confirmation to the client and to the caseworker, and the client's reminder");
  const stored = await db.booking.findUniqueOrThrow({ where: { id: result.booking.id } });
  t.same(result.booking, stored, "what createBooking returns is what Prisma reads");
  t.same(
    {
      startsAt: stored.startsAt.toISOString(),
      endsAt: stored.endsAt.toISOString(),
      createdAt: stored.createdAt.toISOString(),
      interpreterNeeded: stored.interpreterNeeded,
      contactViaReferrer: stored.contactViaReferrer,
      status: stored.status,
      seat: stored.seat,
      sequence: stored.sequence,
      emailKey: stored.emailKey,
      cancelledAt: stored.cancelledAt,
    },
    {
      startsAt: "2026-12-01T09:20:00.000Z",
      endsAt: "2026-12-01T09:40:00.000Z",
      createdAt: "2026-11-30T08:00:00.000Z",
      interpreterNeeded: true,
      contactViaReferrer: false,
      status: "BOOKED",
      seat: 1,
      sequence: 0,
      emailKey: "amal@example.org",
      cancelledAt: null,
    },
  );
  const messages = await db.outboxMessage.findMany({ where: { bookingId: stored.id }, orderBy: { id: "asc" } });
  t.same(
    messages.map((m) => [m.kind, m.audience, m.recipient, m.status, m.dueAt.toISOString(), m.attempts]),
    [
      ["confirmation", "client", "Amal@Example.org", "PENDING", "2026-11-30T08:00:00.000Z", 0],
      ["confirmation", "caseworker", "sanne@example.org", "PENDING", "2026-11-30T08:00:00.000Z", 0],
      // The day before at 10:00 in Amsterdam (UTC+1 in winter).
      ["reminder", "client", "Amal@Example.org", "PENDING", "2026-11-30T09:00:00.000Z", 0],
    ],
  );
  const audit = await db.auditEntry.findFirstOrThrow({ where: { entityType: "booking", entityId: stored.id } });
  t.same([audit.action, audit.actorType, audit.at.toISOString(), JSON.parse(audit.detail!)], [
    "booking.created",
    "client",
    "2026-11-30T08:00:00.000Z",
    { channel: "CASEWORKER", startsAt: "2026-12-01T09:20:00.000Z" },
  ]);
  // Prisma finds it by its instant as well: the stored text has Prisma's own format.
  t.equal(await db.booking.count({ where: { officeId: zwolle.id, startsAt: new Date("2026-12-01T09:20:00Z") } }), 1);
});

t.test("work that is not synchronous is refused and leaves nothing", async (t) => {
  const { db, clock } = await freshDatabase(t, { seed: false });
  const now = clock.now();
  await t.rejects(
    writeBatched(db, ["Office"], async (sql) => sql.run(insertOffice, "late", now)),
    { name: "TypeError", message: "writeBatched work must be synchronous" },
  );
  t.equal(await db.office.count(), 0);
  t.equal(await writeBatched(db, ["Office"], (sql) => sql.run(insertOffice, "next", now).changes), 1, "the connection is fine afterwards");
});
