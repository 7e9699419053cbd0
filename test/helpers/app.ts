// Builds the real app on a fresh SQLite file with a fixed clock. Every test gets its own
// database, migrated through the same code path as `npm start`.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/app.ts";
import { ManualClock } from "../../src/clock.ts";
import { loadConfig, type Config } from "../../src/config.ts";
import { createPrismaClient, type Db } from "../../src/db/client.ts";
import { migrateDatabase } from "../../src/db/migrate.ts";
import { seedDatabase } from "../../src/db/seed.ts";

export interface TestContext {
  teardown(fn: () => unknown): void;
}

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  clock: ManualClock;
  config: Config;
  dir: string;
  /** Every log line the app wrote. */
  logs: string[];
}

/** A fresh, migrated, seeded database in its own folder; removed when the test ends. */
export async function freshDatabase(t: TestContext, options: { seed?: boolean; now?: string } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "spreekuur-test-"));
  const databaseUrl = `file:${join(dir, "test.db")}`;
  await migrateDatabase(databaseUrl);
  const db = createPrismaClient(databaseUrl);
  const clock = new ManualClock(options.now ?? "2026-11-30T08:00:00Z");
  if (options.seed !== false) await seedDatabase(db, clock);
  t.teardown(async () => {
    await db.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir, databaseUrl, db, clock };
}

export async function buildTestApp(
  t: TestContext,
  options: { now?: string; env?: Record<string, string>; seed?: boolean } = {},
): Promise<TestApp> {
  const { dir, databaseUrl, db, clock } = await freshDatabase(t, options);
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: "info",
    PUBLIC_URL: "https://spreekuur.test",
    APP_SECRET: "test-secret-that-is-long-enough-for-the-seal",
    MAIL_DIR: join(dir, "mail"),
    // Tests run the outbox worker themselves (app.outbox.runOnce()), at the time they choose.
    OUTBOX_WORKER: "false",
    // Tests make many requests from one address and block the event loop with their own
    // work; the limits and the overload guard have tests of their own.
    RATE_LIMIT_BOOKINGS: "10000",
    RATE_LIMIT_MANAGE: "10000",
    OVERLOAD_MAX_DELAY_MS: "0",
    ...options.env,
  });
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const app = await buildApp({ config, clock, db, logStream });
  t.teardown(() => app.close());
  return { app, db, clock, config, dir, logs };
}
