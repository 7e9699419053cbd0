// npm run backup: a consistent copy of a database that is being written to.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import t from "tap";
import { systemClock } from "../../src/clock.ts";
import { projectRoot } from "../../src/paths.ts";
import { buildTestApp } from "../helpers/app.ts";
import { book } from "../helpers/bookings.ts";
import { entryArgs } from "../helpers/servers.ts";

function backup(env: Record<string, string>, args: string[] = []) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [...entryArgs("scripts/backup.ts"), ...args], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH ?? "", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

t.test("a backup taken while bookings are written is complete and consistent", async (t) => {
  const { app, config, dir } = await buildTestApp(t, { now: "2026-11-30T08:00:00Z" });
  const slots = Array.from({ length: 18 }, (_, i) => new Date(Date.UTC(2026, 11, 1, 9, 0) + Math.floor(i / 2) * 20 * 60_000).toISOString());
  for (const slot of slots.slice(0, 6)) await book(app, "amsterdam", slot);
  // Keep writing while the backup runs.
  let writing = true;
  const writer = (async () => {
    for (const slot of slots.slice(6)) {
      if (!writing) break;
      await book(app, "amsterdam", slot);
    }
  })();
  const target = join(dir, "copies", "copy.db");
  const result = await backup({ DATABASE_URL: config.databaseUrl, APP_SECRET: "x".repeat(40) }, [target]);
  writing = false;
  await writer;
  t.equal(result.code, 0, result.stderr);
  t.match(result.stdout, `Backup written to ${target}`);
  t.match(result.stdout, "integrity ok");
  const copy = new Database(target, { readonly: true });
  t.equal(copy.pragma("integrity_check", { simple: true }), "ok");
  const n = (copy.prepare("SELECT COUNT(*) AS n FROM Booking").get() as { n: number }).n;
  const offices = (copy.prepare("SELECT COUNT(*) AS n FROM Office").get() as { n: number }).n;
  copy.close();
  t.ok(n >= 6 && n <= 18, `the copy holds the bookings committed when it was taken (${n})`);
  t.equal(offices, 4);
  t.equal(statSync(target).mode & 0o777, 0o600, "only the owner can read the copy");
  t.same(readdirSync(join(dir, "copies")), ["copy.db"], "one self-contained file, no -wal or -shm beside it");

  const defaults = await backup({ DATABASE_URL: config.databaseUrl, APP_SECRET: "x".repeat(40) });
  t.equal(defaults.code, 0);
  const made = readdirSync(join(dir, "backups"));
  t.match(made[0], /^spreekuur-\d{8}-\d{6}\.db$/, "named by date in data/backups next to the database");
  t.equal(statSync(join(dir, "backups")).mode & 0o777, 0o700, "the folder is the owner's alone");
});

t.test("copies older than the retention period are deleted; other files are left alone", async (t) => {
  const { config, dir } = await buildTestApp(t, { now: "2026-11-30T08:00:00Z" });
  const folder = join(dir, "backups");
  mkdirSync(folder, { recursive: true });
  const day = 86_400_000;
  const aged = (name: string, days: number) => {
    writeFileSync(join(folder, name), "old copy");
    const at = new Date(systemClock.now().getTime() - days * day);
    utimesSync(join(folder, name), at, at);
  };
  aged("spreekuur-20250101-120000.db", 40);
  aged("spreekuur-20250301-120000.db", 10);
  aged("notes.txt", 400);
  const result = await backup({ DATABASE_URL: config.databaseUrl, APP_SECRET: "x".repeat(40), RETENTION_DAYS: "30" });
  t.equal(result.code, 0, result.stderr);
  t.match(result.stdout, "Deleted 1 backup(s) older than 30 days.");
  const left = readdirSync(folder).sort();
  t.equal(left.length, 3);
  t.same(left.filter((name) => !/^spreekuur-2026/.test(name)), ["notes.txt", "spreekuur-20250301-120000.db"]);
});

t.test("a missing database is a clear error", async (t) => {
  const result = await backup({ DATABASE_URL: "file:/nonexistent/nowhere.db", APP_SECRET: "x".repeat(40) });
  t.equal(result.code, 1);
  t.match(result.stderr, "Backup failed:");
  t.notOk(existsSync("/nonexistent/nowhere.db"));
});
