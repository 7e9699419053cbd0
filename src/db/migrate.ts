// Applies the committed migrations of the database's engine (prisma/migrations/sqlite or
// prisma/migrations/postgresql) exactly as `prisma migrate deploy` would, recording them
// in _prisma_migrations; a second run applies nothing.
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import Database from "better-sqlite3";
import type { MigrationList } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { fillSearchNames } from "./fill-search-names.ts";
import { withSchemaEngine } from "./schema-engine.ts";
import { engineOfUrl, migrationsDirFor, type EngineName } from "./schema-source.ts";

export { projectRoot, schemaPath } from "../paths.ts";

const noFilters = { externalTables: [], externalEnums: [] };

export function readMigrationList(engine: EngineName, baseDir = migrationsDirFor(engine)): MigrationList {
  const lockPath = join(baseDir, "migration_lock.toml");
  const directories = existsSync(baseDir)
    ? readdirSync(baseDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()
    : [];
  return {
    baseDir,
    lockfile: { path: "migration_lock.toml", content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: directories.map((name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok", value: readFileSync(join(baseDir, name, "migration.sql"), "utf8") },
      },
    })),
  };
}

const appliedSql = "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL";

/** The migrations a SQLite file has applied, read with plain SQL; none when it is new. */
function appliedInFile(file: string): Set<string> {
  if (file === ":memory:" || !existsSync(file)) return new Set();
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return new Set((db.prepare(appliedSql).all() as Array<{ migration_name: string }>).map((r) => r.migration_name));
    } finally {
      db.close();
    }
  } catch {
    // No _prisma_migrations table: nothing applied yet.
    return new Set();
  }
}

// The PostgreSQL driver is loaded only when a PostgreSQL database is used.
const pgClient = async () => (await import("./postgres/pool.ts")).withPgClient;

async function appliedInPostgres(databaseUrl: string): Promise<Set<string>> {
  const withPgClient = await pgClient();
  return withPgClient(databaseUrl, async (client) => {
    const exists = await client.query<{ t: string | null }>("SELECT to_regclass('_prisma_migrations')::text AS t");
    if (!exists.rows[0]?.t) return new Set<string>();
    return new Set((await client.query<{ migration_name: string }>(appliedSql)).rows.map((r) => r.migration_name));
  });
}

/**
 * Migrations in the folder that the database has not applied, read with plain SQL, so
 * neither `npm start` beside a running server nor the server itself needs the schema
 * engine to know.
 */
export async function pendingMigrations(databaseUrl: string): Promise<string[]> {
  const engine = engineOfUrl(databaseUrl);
  const applied = engine === "postgresql" ? await appliedInPostgres(databaseUrl) : appliedInFile(databaseUrl.replace(/^file:/, ""));
  return readMigrationList(engine).migrationDirectories.map((d) => d.path).filter((name) => !applied.has(name));
}

async function applyMigrations(databaseUrl: string, list: MigrationList): Promise<string[]> {
  return withSchemaEngine(databaseUrl, async (engine) => (await engine.applyMigrations({ migrationsList: list, filters: noFilters })).appliedMigrationNames);
}

/**
 * SQLite: creates the database file's folder if needed (readable by its owner only: it
 * holds personal data), then applies pending migrations. When nothing is pending the
 * schema engine is not started at all, so `npm start` works beside a running server.
 */
async function migrateSqlite(databaseUrl: string): Promise<string[]> {
  const file = databaseUrl.replace(/^file:/, "");
  const onDisk = file !== ":memory:";
  if (onDisk) mkdirSync(dirname(resolve(file)), { recursive: true, mode: 0o700 });
  if (onDisk && (await pendingMigrations(databaseUrl)).length === 0) return [];
  const names = await applyMigrations(databaseUrl, readMigrationList("sqlite")).catch((error: unknown) => {
    // The engine reports a database locked by another process as a socket timeout.
    if (/timeout|locked|busy/i.test(String((error as Error)?.message ?? error))) {
      throw new Error(`the database ${file} is in use by another process (a running Spreekuur server?). Stop it, then migrate again.`, { cause: error });
    }
    throw error;
  });
  if (onDisk) for (const path of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(path)) chmodSync(path, 0o600);
  return names;
}

/** Every app server runs `npm start`, so several may migrate at once: one at a time. */
const MIGRATION_LOCK = 7_263_001;

async function migratePostgres(databaseUrl: string): Promise<string[]> {
  if ((await pendingMigrations(databaseUrl)).length === 0) return [];
  const withPgClient = await pgClient();
  return withPgClient(databaseUrl, async (client) => {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      // Another server may have applied them while this one waited for the lock.
      if ((await pendingMigrations(databaseUrl)).length === 0) return [];
      return await applyMigrations(databaseUrl, readMigrationList("postgresql"));
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
  });
}

/**
 * Applies the pending migrations of the database's engine and fills what SQL cannot
 * (fill-search-names.ts); returns the names of the migrations applied.
 */
export async function migrateDatabase(databaseUrl: string): Promise<string[]> {
  const applied = engineOfUrl(databaseUrl) === "postgresql" ? await migratePostgres(databaseUrl) : await migrateSqlite(databaseUrl);
  await fillSearchNames(databaseUrl);
  return applied;
}

/**
 * The SQL that takes a database at an engine's committed migrations to the current
 * schema. With migrations to replay this needs a scratch database: an in-memory one for
 * SQLite, `shadowUrl` (a PostgreSQL server where databases may be created) for PostgreSQL.
 */
export async function pendingSchemaChange(engine: EngineName, shadowUrl = ":memory:"): Promise<string> {
  const list = readMigrationList(engine);
  const url = engine === "sqlite" ? ":memory:" : shadowUrl;
  return withSchemaEngine(url, async (schemaEngine, datamodel) => {
    const from = list.migrationDirectories.length > 0 ? { tag: "migrations" as const, ...list } : { tag: "empty" as const };
    const result = await schemaEngine.diff({
      from,
      to: { tag: "schemaDatamodel", files: [{ path: datamodel.path, content: datamodel.content }] },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    return result.stdout ?? "";
  });
}
