// Bundles the server and the migration command into dist/ with esbuild, so production
// runs plain Node: no TypeScript loader in the process. Dependencies stay external.
import { build } from "esbuild";

await build({
  entryPoints: { server: "src/server.ts", migrate: "src/db/migrate-cli.ts", backup: "scripts/backup.ts" },
  outdir: "dist",
  outExtension: { ".js": ".mjs" },
  bundle: true,
  // The PostgreSQL engine is its own chunk, loaded (with the pg driver) only when
  // DATABASE_URL names PostgreSQL: a SQLite server does not carry it in memory.
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  platform: "node",
  target: "node24",
  format: "esm",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
  // Some bundled modules use require(); give the ES module bundle one.
  banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
});
