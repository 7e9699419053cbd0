// Prisma's WebAssembly schema engine, driven through the better-sqlite3 driver adapter, so
// migrations run without Prisma's downloadable native binaries. The package entry imports
// its .wasm as an ES module, which Node 20 cannot do; we instantiate it by hand instead.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as bindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";

type SchemaEngine = bindings.SchemaEngine;

let initialised = false;

function initWasm(): void {
  if (initialised) return;
  const require = createRequire(import.meta.url);
  const pkgDir = dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
  const module = new WebAssembly.Module(readFileSync(join(pkgDir, "schema_engine_bg.wasm")));
  const instance = new WebAssembly.Instance(module, { "./schema_engine_bg.js": bindings as unknown as WebAssembly.ModuleImports });
  bindings.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  initialised = true;
}

/**
 * The engine replays whole migration files on the shadow database through executeRaw,
 * which better-sqlite3 runs as one prepared statement and refuses when the file holds
 * several. Those go through executeScript instead.
 */
function acceptScripts(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    try {
      return await executeRaw(query);
    } catch (error) {
      if (!(error instanceof RangeError) || query.args.length > 0) throw error;
      await adapter.executeScript(query.sql);
      return 0;
    }
  };
  return adapter;
}

/**
 * Opens the engine for one database, runs `work`, then frees the engine and closes every
 * connection it opened: the engine keeps them open otherwise, and a later write from
 * Prisma Client in the same process would time out waiting for the lock.
 */
export async function withSchemaEngine<T>(
  databaseUrl: string,
  datamodel: { path: string; content: string },
  work: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  initWasm();
  const opened: SqlDriverAdapter[] = [];
  const inner = new PrismaBetterSqlite3({ url: databaseUrl });
  const recording: SqlMigrationAwareDriverAdapterFactory = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    async connect() {
      const adapter = await inner.connect();
      opened.push(adapter);
      return adapter;
    },
    async connectToShadowDb() {
      const adapter = await inner.connectToShadowDb();
      opened.push(adapter);
      return acceptScripts(adapter);
    },
  };
  const engine = await bindings.SchemaEngine.new(
    { datamodels: [[datamodel.path, datamodel.content]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(recording),
  );
  try {
    return await work(engine);
  } finally {
    engine.free();
    await Promise.all(opened.map((adapter) => adapter.dispose().catch(() => {})));
  }
}
