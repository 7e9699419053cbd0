// npm run backup [target-file]: a consistent copy of the live database through SQLite's
// online backup API, safe while the server is running. See the README for restoring.
import { chmodSync, mkdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import Database from "better-sqlite3";
import { systemClock } from "../src/clock.ts";
import { ConfigError, configFromProcess } from "../src/config.ts";

try {
  const config = configFromProcess();
  const source = resolve(config.databaseUrl.replace(/^file:/, ""));
  const stamp = systemClock.now().toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  const target = resolve(process.argv[2] ?? join(dirname(source), "backups", `spreekuur-${stamp}.db`));
  mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
  const live = new Database(source, { fileMustExist: true });
  await live.backup(target);
  live.close();
  // The copy holds personal data: readable by its owner only. In rollback-journal mode it
  // is one self-contained file, with no -wal or -shm beside it (the server turns WAL back
  // on when it opens a restored copy).
  chmodSync(target, 0o600);
  const copy = new Database(target, { fileMustExist: true });
  copy.pragma("journal_mode = DELETE");
  const check = copy.pragma("integrity_check", { simple: true });
  const bookings = (copy.prepare("SELECT COUNT(*) AS n FROM Booking").get() as { n: number }).n;
  copy.close();
  if (check !== "ok") throw new Error(`the copy failed its integrity check: ${String(check)}`);
  process.stdout.write(`Backup written to ${target} (${(statSync(target).size / 1024).toFixed(0)} KB, ${bookings} bookings, integrity ok).\n`);
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : `Backup failed: ${(error as Error).message}`}\n`);
  process.exit(1);
}
