// Used by the Prisma CLI (`prisma generate`, and `prisma migrate deploy` where Prisma's
// engines can be downloaded). The app itself migrates through src/db/migrate.ts.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "file:./data/spreekuur.db" },
});
