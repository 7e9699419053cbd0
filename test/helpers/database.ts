// Test databases. Every test gets a database of its own, copied from a template that is
// migrated once (through the same code path as `npm start`) instead of migrating again:
//   SQLite      the template file the test command made for the whole run
//               (TEST_SQLITE_TEMPLATE), or one per test process when a file runs on its
//               own; copied for each test;
//   PostgreSQL  the template database the test command made on its throwaway cluster
//               (TEST_POSTGRES_URL), copied with CREATE DATABASE … TEMPLATE.
// TEST_DATABASE=postgresql runs a suite on PostgreSQL; SQLite otherwise.
import { randomBytes } from "node:crypto";
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { EngineName } from "../../src/db/schema-source.ts";

export const testEngine: EngineName = process.env.TEST_DATABASE === "postgresql" ? "postgresql" : "sqlite";
export const onPostgres = testEngine === "postgresql";

/** The template database's name on the test cluster (made by scripts/test.ts). */
export const POSTGRES_TEMPLATE = "spreekuur_template";

/** Migrates a new SQLite file in `dir` to copy test databases from; returns its path. */
export async function makeSqliteTemplate(dir: string): Promise<string> {
  // Imported here, not above: a test process that copies the run's template never loads
  // the schema engine.
  const { migrateDatabase } = await import("../../src/db/migrate.ts");
  const file = join(dir, "template.db");
  await migrateDatabase(`file:${file}`);
  if (existsSync(`${file}-wal`)) throw new Error("the migrated template left a write-ahead log behind");
  return file;
}

let sqliteTemplate: Promise<string> | null = null;

function migratedSqliteTemplate(): Promise<string> {
  sqliteTemplate ??= (async () => {
    const shared = process.env.TEST_SQLITE_TEMPLATE;
    if (shared) {
      if (!existsSync(shared)) throw new Error(`TEST_SQLITE_TEMPLATE names ${shared}, which does not exist`);
      return shared;
    }
    const dir = mkdtempSync(join(testDir, "spreekuur-template-"));
    process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
    return makeSqliteTemplate(dir);
  })();
  return sqliteTemplate;
}

/** The server root of the test cluster, e.g. postgresql://postgres@127.0.0.1:5433/ */
export function postgresServerUrl(): string {
  const url = process.env.TEST_POSTGRES_URL;
  if (!url) throw new Error("TEST_POSTGRES_URL is not set: run the PostgreSQL suites through `npm test`");
  return url.replace(/\/[^/]*$/, "/");
}

async function onServer<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: `${postgresServerUrl()}postgres` });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  url: string;
  /** A folder of the test's own (mail files, the SQLite file). */
  dir: string;
  drop(): Promise<void>;
}

/**
 * A new, migrated, empty database of the engine under test. `fromTemplate: false` gives
 * one with nothing in it at all, not even the migrations.
 */
/**
 * Test folders go to memory (/dev/shm) where there is one: a test's database is thrown
 * away, so waiting for the disk on every commit would only make the suite slow. (The
 * durability tests kill processes, not the power, which memory survives just as well.)
 */
export const testDir = existsSync("/dev/shm") ? "/dev/shm" : tmpdir();

export async function createTestDatabase(options: { fromTemplate?: boolean; engine?: EngineName } = {}): Promise<TestDatabase> {
  const dir = mkdtempSync(join(testDir, "spreekuur-test-"));
  const fromTemplate = options.fromTemplate !== false;
  if ((options.engine ?? testEngine) === "sqlite") {
    const file = join(dir, "test.db");
    if (fromTemplate) copyFileSync(await migratedSqliteTemplate(), file);
    return { url: `file:${file}`, dir, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `test_${process.pid}_${randomBytes(6).toString("hex")}`;
  await onServer((client) => client.query(`CREATE DATABASE "${name}"${fromTemplate ? ` TEMPLATE "${POSTGRES_TEMPLATE}"` : ""}`));
  return {
    url: `${postgresServerUrl()}${name}`,
    dir,
    drop: async () => {
      await onServer((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
