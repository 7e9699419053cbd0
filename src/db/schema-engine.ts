// Prisma's WebAssembly schema engine, driven through a driver adapter (better-sqlite3 or
// pg), so migrations run without Prisma's downloadable native binaries. The package entry
// imports its .wasm as an ES module, which Node 20 cannot do; we instantiate it by hand.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as bindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type pg from "pg";
import { engineOfUrl, schemaPathFor, schemaText } from "./schema-source.ts";

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
 * SQLite: the engine replays whole migration files on the shadow database through
 * executeRaw, which better-sqlite3 runs as one prepared statement and refuses when the
 * file holds several. Those go through executeScript instead.
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

const PG_CHAR = 18;
const PG_TEXT = 25;

/**
 * PostgreSQL: the pg adapter runs a script by splitting it at every ";", which breaks a
 * function body written between $$ quotes; the server takes a whole script in one simple
 * query, so it goes as written. And the adapter refuses the one-byte "char" type of the
 * system catalogues that the engine reads to describe a database (for a diff): it is
 * text, and is passed on as text.
 */
function pgForSchemaEngine(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const pool = (adapter as unknown as { underlyingDriver(): pg.Pool }).underlyingDriver();
  adapter.executeScript = async (script) => {
    await pool.query(script);
  };
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<pg.QueryResult>;
  (pool as unknown as { query: typeof query }).query = async (...args) => {
    const result = await query(...args);
    for (const field of result.fields ?? []) if (field.dataTypeID === PG_CHAR) field.dataTypeID = PG_TEXT;
    return result;
  };
  return adapter;
}

function adapterFactory(databaseUrl: string): { factory: SqlMigrationAwareDriverAdapterFactory; prepare: (adapter: SqlDriverAdapter) => SqlDriverAdapter } {
  return engineOfUrl(databaseUrl) === "postgresql"
    ? { factory: new PrismaPg({ connectionString: databaseUrl, max: 2 }), prepare: pgForSchemaEngine }
    : { factory: new PrismaBetterSqlite3({ url: databaseUrl }), prepare: acceptScripts };
}

/**
 * Opens the engine for one database, runs `work`, then frees the engine and closes every
 * connection it opened: the engine keeps them open otherwise, and a later write from
 * Prisma Client in the same process would time out waiting for the lock (SQLite).
 */
export async function withSchemaEngine<T>(databaseUrl: string, work: (engine: SchemaEngine, datamodel: { path: string; content: string }) => Promise<T>): Promise<T> {
  initWasm();
  const engineName = engineOfUrl(databaseUrl);
  const datamodel = { path: schemaPathFor(engineName), content: schemaText(engineName) };
  const opened: SqlDriverAdapter[] = [];
  const { factory: inner, prepare } = adapterFactory(databaseUrl);
  const recording: SqlMigrationAwareDriverAdapterFactory = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    async connect() {
      const adapter = prepare(await inner.connect());
      opened.push(adapter);
      return adapter;
    },
    async connectToShadowDb() {
      const adapter = prepare(await inner.connectToShadowDb());
      opened.push(adapter);
      return adapter;
    },
  };
  const engine = await bindings.SchemaEngine.new({ datamodels: [[datamodel.path, datamodel.content]] }, () => {}, bindMigrationAwareSqlAdapterFactory(recording));
  try {
    return await work(engine, datamodel);
  } finally {
    engine.free();
    await Promise.all(opened.map((adapter) => adapter.dispose().catch(() => {})));
  }
}
