// `npm start` as a person runs it: a real process on a fresh database.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import t from "tap";
import { projectRoot } from "../src/db/migrate.ts";

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? "", TZ: process.env.TZ ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on("data", () => {
      const m = /Spreekuur is running at (http:\/\/\S+)\//.exec(stdout);
      if (m) resolve(m[1]!);
    });
    void exited.then((code) => reject(new Error(`exited with ${code}: ${stderr}`)));
  });
  return { child, ready, exited, output: () => ({ stdout, stderr }) };
}

t.test("a fresh start creates and migrates the database, seeds it, serves, and stops cleanly", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "spreekuur-start-"));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const dbFile = join(dir, "data", "spreekuur.db");
  const server = start({ DATABASE_URL: `file:${dbFile}`, PORT: "0", LOG_LEVEL: "warn" });
  t.teardown(() => server.child.kill("SIGKILL"));
  const base = await server.ready;
  t.ok(existsSync(dbFile), "the database file was created");
  const office = await fetch(`${base}/nl/offices/zwolle`);
  t.equal(office.status, 200);
  t.match(await office.text(), "Zwolle — Wijkcentrum Holtenbroek");
  server.child.kill("SIGTERM");
  t.equal(await server.exited, 0, "SIGTERM shuts down cleanly");

  // A second start on the same database migrates nothing and seeds nothing new.
  const again = start({ DATABASE_URL: `file:${dbFile}`, PORT: "0", LOG_LEVEL: "info" });
  t.teardown(() => again.child.kill("SIGKILL"));
  const base2 = await again.ready;
  const home = await (await fetch(`${base2}/en/`)).text();
  t.equal([...home.matchAll(/class="card"/g)].length, 4, "still four offices");
  t.match(again.output().stdout, '"migrationsApplied":0');
  again.child.kill("SIGTERM");
  await again.exited;
});

t.test("invalid settings stop the start with a clear message", async (t) => {
  const server = start({ PORT: "eighty", DATABASE_URL: "mysql://nope" });
  t.equal(await server.exited, 1);
  const { stderr } = server.output();
  t.match(stderr, "Invalid settings:");
  t.match(stderr, "PORT: must be a number");
  t.match(stderr, "DATABASE_URL: must be a SQLite file URL");
  await server.ready.catch(() => {});
});
