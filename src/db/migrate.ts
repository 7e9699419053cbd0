// Applies prisma/migrations/*/migration.sql exactly as `prisma migrate deploy` would,
// recording them in _prisma_migrations; a second run applies nothing.
import { mkdirSync, readdirSync, readFileSync, existsSync } from "node:fs";
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

/** Creates the database file's folder if needed, then applies pending migrations. */
export async function migrateDatabase(databaseUrl: string): Promise<string[]> {
  const file = databaseUrl.replace(/^file:/, "");
  if (file !== ":memory:") mkdirSync(dirname(resolve(file)), { recursive: true });
  const datamodel = { path: schemaPath, content: readFileSync(schemaPath, "utf8") };
  return withSchemaEngine(databaseUrl, datamodel, async (engine) => {
    const result = await engine.applyMigrations({ migrationsList: readMigrationList(), filters: noFilters });
    return result.appliedMigrationNames;
  });
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

/**
 * Migrations in the folder that the database has not applied, read with plain SQL so the
 * server can refuse to start on an old schema without loading the schema engine.
 */
export async function pendingMigrations(db: { $queryRawUnsafe<T>(sql: string): Promise<T> }): Promise<string[]> {
  const all = readMigrationList().migrationDirectories.map((d) => d.path);
  let done = new Set<string>();
  try {
    const rows = await db.$queryRawUnsafe<Array<{ migration_name: string }>>(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    done = new Set(rows.map((r) => r.migration_name));
  } catch {
    // No _prisma_migrations table: nothing applied yet.
  }
  return all.filter((name) => !done.has(name));
}
