// Used by the Prisma CLI (`prisma generate`, and `prisma migrate deploy` where Prisma's
// engines can be downloaded). The app itself migrates through src/db/migrate.ts. The
// schema and migrations folder follow the engine DATABASE_URL names.
import { defineConfig } from "prisma/config";

const url = process.env.DATABASE_URL ?? "file:./data/spreekuur.db";
const postgres = /^postgres(ql)?:\/\//i.test(url);

export default defineConfig({
  schema: postgres ? "src/generated/schema.postgresql.prisma" : "prisma/schema.prisma",
  migrations: { path: postgres ? "prisma/migrations/postgresql" : "prisma/migrations/sqlite" },
  datasource: { url },
});
