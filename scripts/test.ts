// The test command. Type-checks, then runs the suite under a time zone far from Europe
// (UTC+14), so code that leans on the machine's zone fails:
//   1. every test file on SQLite;
//   2. the suites whose behaviour depends on the engine (postgresSuites below) again on
//      PostgreSQL, on a throwaway cluster started here from Debian's postgresql package.
// The last line is "N passed, N failed" over both runs, read from tap's own summaries.
import { spawn, spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { createInterface } from "node:readline";
import { migrateDatabase } from "../src/db/migrate.ts";
import { projectRoot } from "../src/paths.ts";
import { POSTGRES_TEMPLATE } from "../test/helpers/database.ts";
import { postgresBinDir, startCluster, type Cluster } from "./postgres-cluster.ts";

/** Suites run on PostgreSQL as well; test/cluster/ (several app servers) runs only there. */
const postgresSuites = [
  "test/cluster",
  "test/db/engines.test.ts",
  "test/db/read-cache.test.ts",
  "test/durability/kill.test.ts",
  "test/emails/outbox-reliability.test.ts",
  "test/emails/messages.test.ts",
  "test/privacy/retention.test.ts",
  "test/routes/booking-flow.test.ts",
  "test/routes/concurrency.test.ts",
  "test/routes/move.test.ts",
  "test/routes/caseworker.test.ts",
  "test/routes/abuse.test.ts",
  "test/staff/auth.test.ts",
  "test/staff/reception.test.ts",
  "test/staff/schedule-exceptions.test.ts",
  "test/staff/schedule-series.test.ts",
  "test/staff/statistics-domain.test.ts",
];
/** Only meaningful with both engines at hand. */
const postgresOnly = ["test/cluster", "test/db/engines.test.ts"];

const args = process.argv.slice(2);
const chosen = args.filter((a) => !a.startsWith("-"));
const tapFlags = args.filter((a) => a.startsWith("-"));

function testFiles(): string[] {
  return (readdirSync(join(projectRoot, "test"), { recursive: true }) as string[])
    .filter((f) => f.endsWith(".test.ts"))
    .map((f) => relative(projectRoot, join(projectRoot, "test", f)))
    .sort();
}
const under = (file: string, entries: string[]) => entries.some((e) => file === e || file.startsWith(`${e}/`));

interface Totals {
  pass: number;
  fail: number;
}

function runTap(files: string[], env: Record<string, string>, label: string): Promise<Totals> {
  return new Promise((resolve) => {
    if (files.length === 0) return resolve({ pass: 0, fail: 0 });
    console.log(`# ${label}: ${files.length} files`);
    const child = spawn("npx", ["tap", "--reporter=tap", ...tapFlags, ...files], { env: { ...process.env, TZ: "Pacific/Kiritimati", ...env }, stdio: ["ignore", "pipe", "inherit"] });
    let summary: Totals | null = null;
    createInterface({ input: child.stdout }).on("line", (line) => {
      process.stdout.write(`${line}\n`);
      // tap ends with e.g. "# { total: 120, pass: 118, fail: 2 }"
      const m = /^# \{ total: (\d+)(.*)\}$/.exec(line);
      if (m) {
        const count = (name: string) => Number(new RegExp(`${name}: (\\d+)`).exec(m[2]!)?.[1] ?? 0);
        summary = { pass: count("pass"), fail: count("fail") };
      }
    });
    child.on("close", (code) => {
      const totals: Totals = summary ?? { pass: 0, fail: 1 };
      if (code !== 0 && totals.fail === 0) totals.fail = 1; // tap failed outside any assertion
      resolve(totals);
    });
  });
}

function finish(totals: Totals): never {
  console.log(`${totals.pass} passed, ${totals.fail} failed`);
  process.exit(totals.fail === 0 ? 0 : 1);
}

const typecheck = spawnSync("npx", ["tsc", "-p", "."], { stdio: "inherit" });
if (typecheck.status !== 0) {
  console.log("The type check failed; tests were not run.");
  finish({ pass: 0, fail: 1 });
}

const all = testFiles().filter((f) => chosen.length === 0 || under(f, chosen));
const onSqlite = all.filter((f) => !under(f, postgresOnly));
const onPostgres = all.filter((f) => under(f, postgresSuites));

let cluster: Cluster | null = null;
const stop = () => {
  cluster?.stop();
  cluster = null;
};
process.on("exit", stop);
process.on("SIGINT", () => process.exit(130));

const totals: Totals = { pass: 0, fail: 0 };
const add = (t: Totals) => {
  totals.pass += t.pass;
  totals.fail += t.fail;
};

add(await runTap(onSqlite, {}, "SQLite"));

if (onPostgres.length > 0) {
  if (!postgresBinDir()) {
    console.log("# PostgreSQL is not installed, so its half of the suite cannot run (Debian: sudo apt-get install -y postgresql).");
    add({ pass: 0, fail: 1 });
  } else {
    cluster = await startCluster({ fast: true });
    cluster.createDatabase(POSTGRES_TEMPLATE);
    await migrateDatabase(cluster.url(POSTGRES_TEMPLATE));
    add(await runTap(onPostgres, { TEST_DATABASE: "postgresql", TEST_POSTGRES_URL: cluster.url(POSTGRES_TEMPLATE) }, `PostgreSQL (port ${cluster.port})`));
    stop();
  }
}
finish(totals);
