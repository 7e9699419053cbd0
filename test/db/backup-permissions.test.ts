// A backup holds personal data from its first byte: the copy and its journal are never
// readable by others, not even for the moment before the copy is finished.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import t from "tap";
import { projectRoot } from "../../src/paths.ts";
import { buildTestApp } from "../helpers/app.ts";
import { entryArgs } from "../helpers/servers.ts";

t.test("the copy and its journal are the owner's alone from the moment they exist", async (t) => {
  const { config, dir, app } = await buildTestApp(t, { now: "2026-11-30T08:00:00Z" });
  await app.close();
  // About 16 MB more, so that copying takes long enough to be watched.
  const file = config.databaseUrl.replace(/^file:/, "");
  const db = new Database(file);
  db.exec("CREATE TABLE filler (x BLOB)");
  const insert = db.prepare("INSERT INTO filler (x) VALUES (?)");
  db.transaction(() => {
    for (let i = 0; i < 4000; i++) insert.run(randomBytes(4096));
  })();
  db.close();

  const folder = join(dir, "copies");
  const seen = new Map<string, Set<number>>();
  const child = spawn(process.execPath, [...entryArgs("scripts/backup.ts"), join(folder, "copy.db")], {
    cwd: projectRoot,
    // A usual umask, under which files are created readable by everyone.
    env: { PATH: process.env.PATH ?? "", DATABASE_URL: config.databaseUrl, APP_SECRET: "x".repeat(40) },
  });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  let done = false;
  void exited.then(() => (done = true));
  const deadline = Date.now() + 60_000;
  while (!done && Date.now() < deadline) {
    try {
      for (const name of readdirSync(folder)) {
        try {
          const mode = statSync(join(folder, name)).mode & 0o777;
          seen.set(name, (seen.get(name) ?? new Set()).add(mode));
        } catch {
          // Gone between listing and looking (the journal).
        }
      }
    } catch {
      // The folder is not there yet.
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  t.ok(done, "the backup finished within a minute");
  t.equal(await exited, 0, stderr);
  t.ok(seen.has("copy.db"), `the copy was seen while it was made (${[...seen.keys()].join(", ")})`);
  for (const [name, modes] of seen) t.same([...modes].map((m) => m.toString(8)), ["600"], `${name} was never readable by others`);
});
