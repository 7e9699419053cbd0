// One schema source, prisma/schema.prisma, written for SQLite. The PostgreSQL variant is
// the same file with its provider (and the generated client's folder) changed, and with
// the lines commented `// postgresql: …` made real: indexes only PostgreSQL has (the
// trigram index of the staff search). Nothing else may differ, so both engines hold the
// same tables and columns.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { generatedDir, migrationsRoot, schemaPath } from "../paths.ts";

export type EngineName = "sqlite" | "postgresql";
export const engineNames: readonly EngineName[] = ["sqlite", "postgresql"];

/** The engine a DATABASE_URL names: `file:` is SQLite, `postgres(ql)://` PostgreSQL. */
export function engineOfUrl(url: string): EngineName {
  if (/^postgres(ql)?:\/\//i.test(url)) return "postgresql";
  if (url.startsWith("file:") || url === ":memory:") return "sqlite";
  throw new Error(`not a database URL Spreekuur knows: it must start with file: or postgresql://`);
}

/** Where the derived PostgreSQL schema is written (beside the generated clients). */
export const postgresSchemaPath = join(generatedDir, "schema.postgresql.prisma");

/** The schema text for an engine. */
export function schemaText(engine: EngineName, source = readFileSync(schemaPath, "utf8")): string {
  if (engine === "sqlite") return source;
  const provider = /(datasource\s+db\s*\{[^}]*provider\s*=\s*)"sqlite"/;
  const output = /(generator\s+client\s*\{[^}]*output\s*=\s*)"[^"]*"/;
  if (!provider.test(source) || !output.test(source)) throw new Error("prisma/schema.prisma: expected a sqlite datasource and a client output");
  // The derived file lives in src/generated/, so its output is relative to that folder.
  return source
    .replace(provider, '$1"postgresql"')
    .replace(output, '$1"prisma-postgresql"')
    .replace(/^(\s*)\/\/ postgresql: (.*)$/gm, "$1$2");
}

/** The path the schema engine is told for an engine's schema (for its messages). */
export function schemaPathFor(engine: EngineName): string {
  return engine === "sqlite" ? schemaPath : postgresSchemaPath;
}

export function migrationsDirFor(engine: EngineName): string {
  return join(migrationsRoot, engine);
}
