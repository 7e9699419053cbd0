// Generates the Prisma clients, one per engine, from the one schema source, without
// downloading Prisma's native engines: `prisma generate` only checks that a schema-engine
// binary exists, it never runs it, so any executable does.
//   src/generated/prisma/             the SQLite client (prisma/schema.prisma)
//   src/generated/prisma-postgresql/  the PostgreSQL client (the derived schema beside it)
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { postgresSchemaPath, schemaText } from "../src/db/schema-source.ts";
import { schemaPath } from "../src/paths.ts";

mkdirSync(dirname(postgresSchemaPath), { recursive: true });
writeFileSync(postgresSchemaPath, `// Derived from prisma/schema.prisma by scripts/prisma-generate.ts; do not edit.\n${schemaText("postgresql")}`);

const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: "1" };
for (const schema of [schemaPath, postgresSchemaPath]) {
  const result = spawnSync(process.execPath, ["node_modules/prisma/build/index.js", "generate", "--schema", schema], { stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
