// Applies prisma/migrations/*/migration.sql exactly as `prisma migrate deploy` would,
// recording them in _prisma_migrations; a second run applies nothing.
import { chmodSync, mkdirSync, readdirSync, readFileSync, existsSync } from "node:fs";
import Database from "better-sqlite3";
import { dirname, join, resolve } from "node:path";
import type { MigrationList } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { migrationsDir, schemaPath } from "../paths.ts";
import { withSchemaEngine } from "./schema-engine.ts";

export { migrationsDir, projectRoot, schemaPath } from "../paths.ts";

const noFilters = { externalTables: [], externalEnums: [] };

export function readMigrationList(baseDir = migrationsDir): MigrationList {
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
  } as MigrationList;
}

/** The migrations a database file has applied, read with plain SQL; none when it is new. */
function appliedIn(file: string): Set<string> {
  if (file === ":memory:" || !existsSync(file)) return new Set();
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const rows = db.prepare("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL").all() as Array<{ migration_name: string }>;
      return new Set(rows.map((r) => r.migration_name));
    } finally {
      db.close();
    }
  } catch {
    // No _prisma_migrations table: nothing applied yet.
    return new Set();
  }
}

/**
 * Migrations in the folder that the database has not applied, read with plain SQL, so
 * neither `npm start` beside a running server nor the server itself needs the schema
 * engine to know.
 */
export function pendingMigrations(databaseUrl: string, list = readMigrationList()): string[] {
  const applied = appliedIn(databaseUrl.replace(/^file:/, ""));
  return list.migrationDirectories.map((d) => d.path).filter((name) => !applied.has(name));
}

/**
 * Creates the database file's folder if needed (readable by its owner only: it holds
 * personal data), then applies pending migrations. When nothing is pending the schema
 * engine is not started at all, so `npm start` works beside a running server.
 */
export async function migrateDatabase(databaseUrl: string): Promise<string[]> {
  const file = databaseUrl.replace(/^file:/, "");
  const onDisk = file !== ":memory:";
  if (onDisk) mkdirSync(dirname(resolve(file)), { recursive: true, mode: 0o700 });
  const wanted = readMigrationList();
  if (onDisk && pendingMigrations(databaseUrl, wanted).length === 0) return [];
  const datamodel = { path: schemaPath, content: readFileSync(schemaPath, "utf8") };
  const names = await withSchemaEngine(databaseUrl, datamodel, async (engine) => {
    const result = await engine.applyMigrations({ migrationsList: wanted, filters: noFilters });
    return result.appliedMigrationNames;
  }).catch((error: unknown) => {
    // The engine reports a database locked by another process as a socket timeout.
    if (/timeout|locked|busy/i.test(String((error as Error)?.message ?? error))) {
      throw new Error(`the database ${file} is in use by another process (a running Spreekuur server?). Stop it, then migrate again.`, { cause: error });
    }
    throw error;
  });
  if (onDisk) for (const path of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(path)) chmodSync(path, 0o600);
  return names;
}

/** The SQL that takes a database at the committed migrations to the current schema. */
export async function pendingSchemaChange(): Promise<string> {
  const content = readFileSync(schemaPath, "utf8");
  const list = readMigrationList();
  return withSchemaEngine(":memory:", { path: schemaPath, content }, async (engine) => {
    const from = list.migrationDirectories.length > 0 ? { tag: "migrations" as const, ...list } : { tag: "empty" as const };
    const result = await engine.diff({
      from,
      to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content }] },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    return result.stdout ?? "";
  });
}
