// `npm run migrate` (and the first step of `npm start`): creates the database when
// missing and applies pending migrations. A process of its own, so the server never
// loads the schema engine.
import { ConfigError, configFromProcess } from "../config.ts";
import { describeDatabaseError } from "./errors.ts";
import { migrateDatabase } from "./migrate.ts";

try {
  const config = configFromProcess();
  const applied = await migrateDatabase(config.databaseUrl);
  process.stdout.write(applied.length > 0 ? `Database migrated: ${applied.join(", ")}\n` : "Database is up to date.\n");
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : `Migration failed: ${describeDatabaseError(error)}`}\n`);
  process.exit(1);
}
