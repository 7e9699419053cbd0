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
const seeded = config.seedOnStart ? await seedDatabase(db, systemClock, { admin: config.admin }) : null;

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
process.stdout.write(`\nSpreekuur is running at http://${shownHost}:${port}/\n${app.mailTransport.description}\n`);
if (seeded?.admin) {
  // Printed once, on the terminal only: never to the log.
  process.stdout.write(
    seeded.admin.generatedPassword
      ? `\nAn administrator account was created. Sign in at http://${shownHost}:${port}/staff with\n  email:    ${seeded.admin.email}\n  password: ${seeded.admin.generatedPassword}\nThis password is shown only this once; change it after signing in.\n`
      : `\nAn administrator account was created for ${seeded.admin.email} with the password from ADMIN_PASSWORD.\n`,
  );
}
process.stdout.write("\n");
