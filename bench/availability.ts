// npm run bench:availability — the cost of the free slots of one office page as the
// database grows: time per availability computation and SQL statements per page, at
// 1,000, 10,000 and 100,000 bookings. It should stay flat: the page reads an indexed
// range of the days it shows, never the whole table.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildApp } from "../src/app.ts";
import { ManualClock } from "../src/clock.ts";
import { loadConfig } from "../src/config.ts";
import { createPrismaClient, statementCount } from "../src/db/client.ts";
import { migrateDatabase } from "../src/db/migrate.ts";
import { seedDatabase } from "../src/domain/install/seed.ts";
import { loadAvailability } from "../src/domain/availability/load-availability.ts";
import { addDays, localDateOf } from "../src/local-date.ts";

const now = new ManualClock("2026-11-30T08:00:00Z");
const RUNS = 300;

async function measure(total: number) {
  const dir = mkdtempSync(join(tmpdir(), "spreekuur-avail-"));
  const databaseUrl = `file:${join(dir, "a.db")}`;
  await migrateDatabase(databaseUrl);
  const db = await createPrismaClient(databaseUrl);
  await seedDatabase(db, now);
  const offices = await db.office.findMany();
  const zwolle = offices.find((o) => o.slug === "zwolle")!;
  // Bookings spread over the past years at every office (and a few in the coming weeks),
  // each on its own place so the unique seat index holds.
  const rows = Array.from({ length: total }, (_, i) => {
    const future = i % 50 === 0;
    const minutes = future ? (i / 50) * 20 : -(i + 1) * 20;
    const startsAt = new Date(now.now().getTime() + (future ? 86_400_000 : 0) + minutes * 60_000);
    return {
      // Unique by construction: random 8-character codes collide within 100,000.
      code: `B${String(i).padStart(7, "0")}`,
      manageTokenHash: randomBytes(32).toString("hex"),
      officeId: offices[i % offices.length]!.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 20 * 60_000),
      seat: 1,
      status: "ATTENDED" as const,
      channel: "SELF" as const,
      locale: "nl",
      language: "ar",
      interpreterNeeded: false,
      createdAt: now.now(),
    };
  });
  for (let i = 0; i < rows.length; i += 1000) await db.booking.createMany({ data: rows.slice(i, i + 1000) });

  const today = localDateOf(now.now(), zwolle.timeZone);
  const range = { from: today, to: addDays(today, 13) };
  for (let i = 0; i < 30; i++) await loadAvailability(db, zwolle, range, now.now());
  const before = statementCount(db);
  const start = process.hrtime.bigint();
  for (let i = 0; i < RUNS; i++) await loadAvailability(db, zwolle, range, now.now());
  const perRun = Number(process.hrtime.bigint() - start) / 1e6 / RUNS;
  const statements = (statementCount(db) - before) / RUNS;

  // A whole office page, uncached (a different two-week window each time).
  const config = { ...loadConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: "silent", OUTBOX_WORKER: "false", OVERLOAD_MAX_DELAY_MS: "0" }), appSecret: "x".repeat(40) };
  const app = await buildApp({ config, db, clock: now });
  await app.inject("/nl/offices/zwolle");
  const pageBefore = statementCount(db);
  const pageStart = process.hrtime.bigint();
  for (let i = 1; i <= 40; i++) await app.inject(`/nl/offices/zwolle?from=${addDays(today, i)}`);
  const pageMs = Number(process.hrtime.bigint() - pageStart) / 1e6 / 40;
  const pageStatements = (statementCount(db) - pageBefore) / 40;
  await app.close();
  await db.$disconnect();
  rmSync(dir, { recursive: true, force: true });
  return { total, perRun, statements, pageMs, pageStatements };
}

process.stdout.write("Free slots of one office page (Zwolle, two weeks) as the database grows\n\n");
process.stdout.write(`${"bookings".padEnd(10)}${"ms / computation".padEnd(18)}${"statements".padEnd(12)}${"ms / page".padEnd(11)}statements / page\n`);
for (const total of [1_000, 10_000, 100_000]) {
  const r = await measure(total);
  process.stdout.write(`${String(r.total).padEnd(10)}${r.perRun.toFixed(3).padEnd(18)}${String(r.statements).padEnd(12)}${r.pageMs.toFixed(3).padEnd(11)}${r.pageStatements}\n`);
}
