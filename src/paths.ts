// Where the project's files are, whether this code runs from src/ (tsx, tests) or from
// the bundle in dist/: the nearest folder upwards that holds package.json.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function findRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, "package.json"))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`No package.json above ${start}`);
    dir = up;
  }
  return dir;
}

export const projectRoot = findRoot(dirname(fileURLToPath(import.meta.url)));
export const viewsDir = join(projectRoot, "views");
export const assetsDir = join(projectRoot, "public");
export const messagesDir = join(projectRoot, "src", "i18n", "messages");
export const schemaPath = join(projectRoot, "prisma", "schema.prisma");
/** One folder of migrations per engine: prisma/migrations/sqlite, prisma/migrations/postgresql. */
export const migrationsRoot = join(projectRoot, "prisma", "migrations");
export const generatedDir = join(projectRoot, "src", "generated");
