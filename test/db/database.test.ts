import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import t from "tap";
import { ManualClock } from "../../src/clock.ts";
import { createPrismaClient } from "../../src/db/client.ts";
import { migrateDatabase, pendingSchemaChange, readMigrationList } from "../../src/db/migrate.ts";
import { officeSeeds, seedDatabase } from "../../src/domain/install/seed.ts";
import { freshDatabase } from "../helpers/app.ts";

t.test("migrations apply once through the WebAssembly engine and record themselves", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "spreekuur-migrate-"));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const url = `file:${join(dir, "nested", "app.db")}`;
  const names = readMigrationList("sqlite").migrationDirectories.map((d) => d.path);
  t.ok(names.length >= 1);
  t.same(await migrateDatabase(url), names, "a new database gets every migration (and its folder is created)");
  t.same(await migrateDatabase(url), [], "a second run applies nothing");
  const db = await createPrismaClient(url);
  t.teardown(() => db.$disconnect());
  const recorded = await db.$queryRawUnsafe<Array<{ migration_name: string }>>(
    "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name",
  );
  t.same(recorded.map((r) => r.migration_name), names, "recorded as prisma migrate deploy does");
  const [mode] = await db.$queryRawUnsafe<Array<{ journal_mode: string }>>("PRAGMA journal_mode");
  t.equal(mode!.journal_mode, "wal");
  await db.office.create({ data: { slug: "x", name: "X", street: "s", postalCode: "p", city: "c", createdAt: new Date() } });
  t.equal(await db.office.count(), 1, "Prisma can write after the engine is done");
});

t.test("the committed migrations match schema.prisma", async (t) => {
  const sql = await pendingSchemaChange("sqlite");
  t.match(sql.trim(), /^(-- This is an empty migration\.)?$/, "no schema change is missing a migration");
});

t.test("seeding is idempotent", async (t) => {
  const { db, clock } = await freshDatabase(t, { seed: false });
  t.same(await seedDatabase(db, clock), { officesCreated: 4 });
  const counts = async () => [await db.office.count(), await db.consultationSeries.count()];
  const first = await counts();
  t.same(first, [4, 5]);
  clock.advance(7 * 24 * 3600_000);
  t.same(await seedDatabase(db, clock), { officesCreated: 0 });
  t.same(await counts(), first, "a second run changes nothing");
  const zwolle = await db.office.findUniqueOrThrow({ where: { slug: "zwolle" }, include: { series: { orderBy: { weekdays: "asc" } } } });
  t.same(
    zwolle.series.map((s) => [s.weekdays, s.startTime, s.endTime, s.slotMinutes, s.capacity]),
    [["2", "10:00", "12:00", 20, 1], ["4", "13:00", "15:00", 20, 1]],
    "Zwolle: Tuesday 10–12 and Thursday 13–15, 20-minute slots, one person each",
  );
  t.same(officeSeeds.map((o) => o.slug), ["den-haag", "zwolle", "tilburg", "amsterdam"]);
});

t.test("the seed never brings back an office an administrator renamed", async (t) => {
  const { db, clock } = await freshDatabase(t);
  // The administrator gives Zwolle another address on the site.
  await db.office.update({ where: { slug: "zwolle" }, data: { slug: "zwolle-holtenbroek" } });
  t.same(await seedDatabase(db, clock), { officesCreated: 0 }, "a restart seeds nothing");
  t.same((await db.office.findMany({ orderBy: { id: "asc" } })).map((o) => o.slug), ["den-haag", "zwolle-holtenbroek", "tilburg", "amsterdam"]);
  t.equal(await db.consultationSeries.count(), 5);
});

t.test("a write from another request never joins an open transaction", async (t) => {
  // The single SQLite connection would otherwise run the second write inside the
  // first request's transaction, and its rollback would silently undo that write.
  const { db } = await freshDatabase(t, { seed: false, now: "2026-01-01T00:00:00Z" });
  const now = new ManualClock("2026-01-01T00:00:00Z").now();
  const office = (slug: string) => ({ slug, name: slug, street: "s", postalCode: "p", city: "c", createdAt: now });
  let outsideWrite: Promise<unknown> | undefined;
  const failing = db.$transaction(async (tx) => {
    await tx.office.create({ data: office("inside") });
    outsideWrite = db.office.create({ data: office("outside") });
    await new Promise((resolve) => setTimeout(resolve, 50));
    throw new Error("roll back");
  });
  await t.rejects(failing, { message: "roll back" });
  await outsideWrite;
  t.same((await db.office.findMany({ orderBy: { slug: "asc" } })).map((o) => o.slug), ["outside"], "the outside write survived the rollback");
});

t.test("a first administrator with a printed password must choose their own; one from ADMIN_PASSWORD need not", async (t) => {
  const generated = await freshDatabase(t, { seed: false });
  const result = await seedDatabase(generated.db, generated.clock, { admin: { email: "admin@spreekuur.local", password: null } });
  t.match(result.admin?.generatedPassword, /^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
  t.equal((await generated.db.staffUser.findFirstOrThrow()).mustChangePassword, true);
  const chosen = await freshDatabase(t, { seed: false });
  await seedDatabase(chosen.db, chosen.clock, { admin: { email: "admin@spreekuur.local", password: "a long password from the environment" } });
  t.equal((await chosen.db.staffUser.findFirstOrThrow()).mustChangePassword, false);
});
