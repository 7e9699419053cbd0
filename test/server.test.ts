// `npm start` as a person runs it: build, migrate, seed and serve, as real processes on a
// fresh database.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import t from "tap";
import { projectRoot } from "../src/paths.ts";
import { entryArgs } from "./helpers/servers.ts";
import { bounded } from "./helpers/wait.ts";

function run(command: string, args: string[], env: Record<string, string>) {
  const child = spawn(command, args, {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", TZ: process.env.TZ ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  const exitCode = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const name = `${command} ${args.join(" ")}`;
  // Build, migrate and start, on a busy machine too.
  const ready = bounded(
    `${name} serving`,
    90_000,
    new Promise<string>((resolve, reject) => {
      child.stdout.on("data", () => {
        const m = /Spreekuur is running at (http:\/\/\S+)\//.exec(stdout);
        if (m) resolve(m[1]!);
      });
      void exitCode.then((code) => reject(new Error(`exited with ${code}: ${stderr}`)));
    }),
  );
  const exited = () => bounded(`${name} exiting`, 30_000, exitCode);
  // npm starts node as a child: signal the whole process group.
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // already gone
    }
  };
  return { ready, exited, signal, output: () => ({ stdout, stderr }) };
}

t.test("npm start on a fresh database migrates, seeds, serves, prints the admin password once and stops cleanly", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "spreekuur-start-"));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const dbFile = join(dir, "data", "spreekuur.db");
  const env = { DATABASE_URL: `file:${dbFile}`, PORT: "0", LOG_LEVEL: "warn", MAIL_DIR: join(dir, "mail") };
  const first = run("npm", ["start"], env);
  t.teardown(() => first.signal("SIGKILL"));
  const base = await first.ready;
  t.ok(existsSync(dbFile), "the database file was created");
  t.ok(existsSync(join(dir, "data", "app-secret")), "a secret was generated beside it");
  const { stdout } = first.output();
  t.match(stdout, "Database migrated: 20261129024926_init");
  t.match(stdout, `Emails are written to ${join(dir, "mail")} (no SMTP server configured).`);
  t.match(stdout, /email: {4}admin@spreekuur\.local\n {2}password: [a-z2-9]{5}(-[a-z2-9]{5}){3}\n/);
  const office = await fetch(`${base}/nl/offices/zwolle`);
  t.equal(office.status, 200);
  t.match(await office.text(), "Zwolle — Wijkcentrum Holtenbroek");
  first.signal("SIGTERM");
  await first.exited();

  // A second start migrates and seeds nothing, and prints no password.
  const again = run("npm", ["start"], env);
  t.teardown(() => again.signal("SIGKILL"));
  const base2 = await again.ready;
  const home = await (await fetch(`${base2}/en/`)).text();
  t.equal([...home.matchAll(/class="card"/g)].length, 4, "still four offices");
  t.match(again.output().stdout, "Database is up to date.");
  t.notMatch(again.output().stdout, "password:");
  again.signal("SIGTERM");
  await again.exited();
});

t.test("the server refuses a database that is not migrated", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "spreekuur-start-"));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const server = run(process.execPath, entryArgs("src/server.ts"), { DATABASE_URL: `file:${join(dir, "x.db")}`, PORT: "0" });
  t.equal(await server.exited(), 1);
  t.match(server.output().stderr, "The database is not migrated (pending: 20261129024926_init");
  t.match(server.output().stderr, "Run: npm run migrate");
  await server.ready.catch(() => {});
});

t.test("invalid settings stop the start with a clear message", async (t) => {
  const server = run(process.execPath, entryArgs("src/server.ts"), { PORT: "eighty", DATABASE_URL: "mysql://nope" });
  t.equal(await server.exited(), 1);
  const { stderr } = server.output();
  t.match(stderr, "Invalid settings:");
  t.match(stderr, "PORT: must be a number");
  t.match(stderr, "DATABASE_URL: must be a SQLite file URL");
  await server.ready.catch(() => {});
});

t.test("a PostgreSQL server that cannot be reached stops the start and the migration with one clear line", async (t) => {
  const env = { PORT: "0", DATABASE_URL: "postgresql://spreekuur:secret@127.0.0.1:1/spreekuur", APP_SECRET: "x".repeat(40) };
  for (const [what, args] of [
    ["server", entryArgs("src/server.ts")],
    ["migrate", entryArgs("src/db/migrate-cli.ts")],
  ] as const) {
    const child = run(process.execPath, [...args], env);
    t.equal(await child.exited(), 1, `${what} exits`);
    const { stderr } = child.output();
    t.match(stderr, "nothing answers at that address and port (is PostgreSQL running?)", what);
    t.notMatch(stderr, /^\s+at /m, `${what}: no stack trace`);
    t.notMatch(stderr, "secret", `${what}: the password is not printed`);
    await child.ready.catch(() => {});
  }
});
