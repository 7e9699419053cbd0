// Starts Spreekuur: validates settings, checks the database is migrated (`npm run
// migrate`, the first step of `npm start`), seeds it, listens, and shuts down cleanly on
// SIGINT/SIGTERM.
import pino from "pino";
import { buildApp } from "./app.ts";
import { systemClock } from "./clock.ts";
import { ConfigError, configFromProcess, type Config } from "./config.ts";
import { createPrismaClient } from "./db/client.ts";
import { describeDatabaseError } from "./db/errors.ts";
import { pendingMigrations } from "./db/migrate.ts";
import { seedDatabase } from "./domain/install/seed.ts";

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
const pending = await pendingMigrations(config.databaseUrl).catch((error: unknown) => {
  console.error(`The database cannot be used: ${describeDatabaseError(error)}.`);
  process.exit(1);
});
if (pending.length > 0) {
  console.error(`The database is not migrated (pending: ${pending.join(", ")}). Run: npm run migrate`);
  process.exit(1);
}
const db = await createPrismaClient(config.databaseUrl, {
  poolSize: config.databasePoolSize,
  onProblem: (error) => console.error(`Lost the connection that hears other servers' changes (${describeDatabaseError(error)}); reconnecting.`),
});
const seeded = config.seedOnStart ? await seedDatabase(db, systemClock, { admin: config.admin }) : null;

// Log lines go out in blocks of about 4 KB instead of one system call per line (a
// tenth of a busy page's cost), and at least once a second when it is quiet; whatever
// is still buffered is written on exit.
const logStream = pino.destination({ dest: 1, sync: false, minLength: 4096, maxLength: 16 * 1024 * 1024 });
setInterval(() => logStream.flush(), 1000).unref();
process.on("exit", () => {
  try {
    logStream.flushSync();
  } catch {
    // Standard output is gone (a closed pipe): there is nowhere left to write to.
  }
});
const app = await buildApp({ config, db, clock: systemClock, logStream });

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

try {
  await app.listen({ host: config.host, port: config.port });
} catch (error) {
  const code = (error as { code?: string }).code;
  console.error(
    code === "EADDRINUSE"
      ? `Port ${config.port} on ${config.host} is in use (is Spreekuur already running?). Set PORT to another port.`
      : `Cannot listen on ${config.host}:${config.port}: ${(error as Error).message}`,
  );
  await app.close();
  await db.$disconnect();
  process.exit(1);
}
const address = app.server.address();
const port = typeof address === "object" && address ? address.port : config.port;
const shownHost = ["0.0.0.0", "::", "127.0.0.1"].includes(config.host) ? "localhost" : config.host;
const lines = [`Spreekuur is running at http://${shownHost}:${port}/`, app.mailTransport.description, app.smsTransport.description];
if (seeded?.admin) {
  // Printed once, on the terminal only: never to the log.
  lines.push(
    "",
    ...(seeded.admin.generatedPassword
      ? [
          `An administrator account was created. Sign in at http://${shownHost}:${port}/staff with`,
          `  email:    ${seeded.admin.email}`,
          `  password: ${seeded.admin.generatedPassword}`,
          "This password is shown only this once; change it after signing in.",
        ]
      : [`An administrator account was created for ${seeded.admin.email} with the password from ADMIN_PASSWORD.`]),
  );
}
process.stdout.write(`\n${lines.join("\n")}\n\n`);
