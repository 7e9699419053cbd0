// Builds the real app on a fresh database with a fixed clock. Every test gets its own
// database (see database.ts): a SQLite file, or a PostgreSQL database when the suite runs
// on PostgreSQL.
import { join } from "node:path";
import { Writable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/app.ts";
import { ManualClock } from "../../src/clock.ts";
import { loadConfig, type Config } from "../../src/config.ts";
import { createPrismaClient, engineOf, type Db } from "../../src/db/client.ts";
import type { EngineName } from "../../src/db/schema-source.ts";
import { seedDatabase } from "../../src/domain/install/seed.ts";
import { createTestDatabase } from "./database.ts";

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
export async function freshDatabase(t: TestContext, options: { seed?: boolean; now?: string; engine?: EngineName } = {}) {
  const database = await createTestDatabase(options.engine ? { engine: options.engine } : {});
  const { dir, url: databaseUrl } = database;
  const db = await createPrismaClient(databaseUrl, { poolSize: 4 });
  await engineOf(db).ready();
  t.teardown(async () => {
    await db.$disconnect();
    await database.drop();
  });
  const clock = new ManualClock(options.now ?? "2026-11-30T08:00:00Z");
  if (options.seed !== false) await seedDatabase(db, clock);
  return { dir, databaseUrl, db, clock };
}

export async function buildTestApp(
  t: TestContext,
  options: { now?: string; env?: Record<string, string>; seed?: boolean; engine?: EngineName } = {},
): Promise<TestApp> {
  const { dir, databaseUrl, db, clock } = await freshDatabase(t, options);
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: "info",
    PUBLIC_URL: "https://spreekuur.test",
    APP_SECRET: "test-secret-that-is-long-enough-for-the-seal",
    MAIL_DIR: join(dir, "mail"),
    SMS_DIR: join(dir, "sms"),
    // Tests run the outbox worker themselves (app.outbox.runOnce()), at the time they choose.
    OUTBOX_WORKER: "false",
    // Tests make many requests from one address and block the event loop with their own
    // work; the limits and the overload guard have tests of their own.
    RATE_LIMIT_BOOKINGS: "10000",
    RATE_LIMIT_MANAGE: "10000",
    OVERLOAD_MAX_DELAY_MS: "0",
    // Races send hundreds of bookings at once to test the database's guarantees.
    MAX_IN_FLIGHT: "10000",
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
