// Starts Spreekuur: validates settings, migrates and seeds the database, listens, and
// shuts down cleanly on SIGINT/SIGTERM.
import { buildApp } from "./app.ts";
import { systemClock } from "./clock.ts";
import { ConfigError, configFromProcess, type Config } from "./config.ts";
import { createPrismaClient } from "./db/client.ts";
import { migrateDatabase } from "./db/migrate.ts";
import { seedDatabase } from "./db/seed.ts";

function loadSettings(): Config {
  try {
    return configFromProcess();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

const config = loadSettings();
const applied = await migrateDatabase(config.databaseUrl);
const db = createPrismaClient(config.databaseUrl);
if (config.seedOnStart) await seedDatabase(db, systemClock);

const app = await buildApp({ config, db, clock: systemClock });
app.log.info({ migrationsApplied: applied.length }, "database ready");

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, "shutting down");
  await app.close();
  await db.$disconnect();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));

await app.listen({ host: config.host, port: config.port });
const address = app.server.address();
const port = typeof address === "object" && address ? address.port : config.port;
const shownHost = ["0.0.0.0", "::", "127.0.0.1"].includes(config.host) ? "localhost" : config.host;
process.stdout.write(`\nSpreekuur is running at http://${shownHost}:${port}/\n${app.mailTransport.description}\n\n`);
