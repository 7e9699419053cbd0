// npm run backup [target-file]: a consistent copy of the live database through SQLite's
// online backup API, safe while the server is running. See the README for restoring.
// Copies in the default folder (data/backups) older than RETENTION_DAYS are deleted: they
// hold personal data the retention job has erased from the live database since.
import { chmodSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import Database from "better-sqlite3";
import { systemClock } from "../src/clock.ts";
import { ConfigError, configFromProcess } from "../src/config.ts";

// The copy holds personal data from its first byte: every file this command creates (the
// copy, SQLite's journal beside it, the folder) is the owner's alone from the start, not
// made private once it is complete.
process.umask(0o077);

try {
  const config = configFromProcess();
  if (!config.databaseUrl.startsWith("file:")) {
    throw new Error("this command backs up a SQLite database. For PostgreSQL use pg_dump, e.g. pg_dump --format=custom --file=spreekuur.dump \"$DATABASE_URL\" (see the README)");
  }
  const source = resolve(config.databaseUrl.replace(/^file:/, ""));
  const stamp = systemClock.now().toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  const folder = join(dirname(source), "backups");
  const target = resolve(process.argv[2] ?? join(folder, `spreekuur-${stamp}.db`));
  mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
  const live = new Database(source, { fileMustExist: true });
  await live.backup(target);
  live.close();
  // A target that existed before keeps its mode: make it private too. In rollback-journal
  // mode the copy is one self-contained file, with no -wal or -shm beside it (the server
  // turns WAL back on when it opens a restored copy).
  chmodSync(target, 0o600);
  const copy = new Database(target, { fileMustExist: true });
  copy.pragma("journal_mode = DELETE");
  const check = copy.pragma("integrity_check", { simple: true });
  const bookings = (copy.prepare("SELECT COUNT(*) AS n FROM Booking").get() as { n: number }).n;
  copy.close();
  if (check !== "ok") throw new Error(`the copy failed its integrity check: ${String(check)}`);
  process.stdout.write(`Backup written to ${target} (${(statSync(target).size / 1024).toFixed(0)} KB, ${bookings} bookings, integrity ok).\n`);
  if (!process.argv[2]) {
    const oldest = systemClock.now().getTime() - config.retentionDays * 86_400_000;
    const expired = readdirSync(folder).filter((name) => /^spreekuur-\d{8}-\d{6}\.db$/.test(name) && statSync(join(folder, name)).mtimeMs < oldest);
    for (const name of expired) rmSync(join(folder, name));
    if (expired.length > 0) process.stdout.write(`Deleted ${expired.length} backup(s) older than ${config.retentionDays} days.\n`);
  }
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : `Backup failed: ${(error as Error).message}`}\n`);
  process.exit(1);
}
