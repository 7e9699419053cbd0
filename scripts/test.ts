// The test command. Type-checks and lints, then runs the suite under a time zone far from Europe
// (UTC+14), so code that leans on the machine's zone fails, in two halves that share the
// machine (one queue, a few test processes at once):
//   1. every test file on SQLite;
//   2. the suites whose behaviour depends on the engine (postgresSuites below) again on
//      PostgreSQL, on a throwaway cluster started here from Debian's postgresql package.
// The suite runs from a compiled copy of the project (test-tree.ts), each file in its own
// process (test-pool.ts). The last line is "N passed, N failed, N skipped" (and ", N todo"
// when there are any) over both halves, read from each file's own tap summary. A skipped
// or todo test fails the run as a failed one does: a test that did not run proves nothing.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, relative } from "node:path";
import { spawn } from "node:child_process";
import { migrateDatabase } from "../src/db/migrate.ts";
import { projectRoot } from "../src/paths.ts";
import { makeSqliteTemplate, POSTGRES_TEMPLATE, testDir } from "../test/helpers/database.ts";
import { postgresBinDir, startCluster, type Cluster } from "./postgres-cluster.ts";
import { addTotals, describeTotals, noTotals, runPool, stopAll, type Job, type Totals } from "./test-pool.ts";
import { makeTestTree } from "./test-tree.ts";

/**
 * Suites run on PostgreSQL as well; test/cluster/ (several app servers) runs only there.
 * Tests in these files that do not depend on the engine run on SQLite alone
 * (`if (!onPostgres) t.test(…)`).
 */
const postgresSuites = [
  "test/cluster",
  "test/db/engines.test.ts",
  "test/db/read-cache.test.ts",
  "test/durability/kill.test.ts",
  "test/emails/outbox-reliability.test.ts",
  "test/emails/messages.test.ts",
  "test/sms/smpp-outbox.test.ts",
  "test/privacy/retention.test.ts",
  "test/routes/booking-flow.test.ts",
  "test/routes/concurrency.test.ts",
  "test/routes/move.test.ts",
  "test/routes/caseworker.test.ts",
  "test/routes/abuse.test.ts",
  "test/routes/lost-link.test.ts",
  "test/staff/auth.test.ts",
  "test/staff/queue-numbers.test.ts",
  "test/staff/reception.test.ts",
  "test/staff/schedule-exceptions.test.ts",
  "test/staff/schedule-series.test.ts",
  "test/staff/search-names.test.ts",
  "test/staff/waiting-offers.test.ts",
  "test/staff/waiting-offers-races.test.ts",
];
/** Only meaningful with both engines at hand. */
const postgresOnly = ["test/cluster", "test/db/engines.test.ts"];
/**
 * Started first: the files that take longest, so that none of them starts last and keeps
 * the run going alone. The rest follow in name order.
 */
const longFirst = ["test/cluster", "test/browser/public-pages", "test/durability", "test/security/robustness", "test/server.test.ts", "test/browser"];

const args = process.argv.slice(2);
const chosen = args.filter((a) => !a.startsWith("-"));
const unknown = args.filter((a) => a.startsWith("-") && !/^--jobs=\d+$/.test(a));
if (unknown.length > 0) {
  console.error(`Unknown option ${unknown.join(" ")}. Usage: npm test [-- [--jobs=N] [test files or folders…]]`);
  process.exit(2);
}
/**
 * Test processes at once. They wait a good part of their time (for Chromium, for server
 * processes, for a restarted database, for the event loop of the app under test), so a
 * few more than there are cores keep the cores busy.
 */
const slots = Number(args.find((a) => a.startsWith("--jobs="))?.slice(7) ?? availableParallelism() + 2);
/** tap's own timeout per test file, from package.json; the same when a file runs under `npx tap`. */
const timeoutMs = (JSON.parse(readFileSync(join(projectRoot, "package.json"), "utf8")) as { tap: { timeout: number } }).tap.timeout * 1000;

function testFiles(): string[] {
  return (readdirSync(join(projectRoot, "test"), { recursive: true }) as string[])
    .filter((f) => f.endsWith(".test.ts"))
    .map((f) => relative(projectRoot, join(projectRoot, "test", f)))
    .sort();
}
const under = (file: string, entries: string[]) => entries.some((e) => file === e || file.startsWith(`${e}/`));
const rank = (file: string) => {
  const i = longFirst.findIndex((prefix) => file.startsWith(prefix));
  return i === -1 ? longFirst.length : i;
};
const minutes = (ms: number) => `${Math.floor(ms / 60_000)}m${String(Math.round((ms % 60_000) / 1000)).padStart(2, "0")}s`;

function finish(totals: Totals): never {
  console.log(describeTotals(totals));
  process.exit(totals.fail + totals.skip + totals.todo === 0 ? 0 : 1);
}

const all = testFiles().filter((f) => chosen.length === 0 || under(f, chosen.map((c) => c.replace(/\/$/, ""))));
const onSqlite = all.filter((f) => !under(f, postgresOnly));
const onPostgres = all.filter((f) => under(f, postgresSuites));
if (all.length === 0) {
  console.log(`No test file matches ${chosen.join(" ")}.`);
  finish({ ...noTotals(), fail: 1 });
}

const started = Date.now();
// The type check and the linter (eslint.config.js) run while the compiled copy and the
// databases to copy from are made.
const checked = (command: string, args: string[]) => new Promise<number | null>((resolve) => spawn("npx", [command, ...args], { stdio: "inherit" }).on("close", resolve));
const typecheck = checked("tsc", ["-p", "."]);
const lint = checked("eslint", ["--max-warnings=0", "."]);

let cluster: Cluster | null = null;
const work = mkdtempSync(join(testDir, "spreekuur-test-run-"));
const stop = () => {
  stopAll();
  cluster?.stop();
  cluster = null;
  rmSync(work, { recursive: true, force: true });
};
process.on("exit", stop);
process.on("SIGINT", () => process.exit(130));
process.on("SIGTERM", () => process.exit(143));

const tree = join(work, "project");
await makeTestTree(projectRoot, tree);
// Made once for the run (both halves: test/db/engines.test.ts uses both engines).
const templates = { TEST_SQLITE_TEMPLATE: await makeSqliteTemplate(work) };
const totals = noTotals();
let postgresEnv: Record<string, string> | null = null;
if (onPostgres.length > 0) {
  if (!postgresBinDir()) {
    console.log("# PostgreSQL is not installed, so its half of the suite cannot run (Debian: sudo apt-get install -y postgresql).");
    addTotals(totals, { ...noTotals(), fail: 1 });
  } else {
    cluster = await startCluster({ fast: true });
    cluster.createDatabase(POSTGRES_TEMPLATE);
    await migrateDatabase(cluster.url(POSTGRES_TEMPLATE));
    postgresEnv = { TEST_DATABASE: "postgresql", TEST_POSTGRES_URL: cluster.url(POSTGRES_TEMPLATE) };
  }
}

if ((await typecheck) !== 0) {
  console.log("The type check failed; tests were not run.");
  finish({ ...noTotals(), fail: 1 });
}
if ((await lint) !== 0) {
  console.log("The linter found problems (npm run lint); tests were not run.");
  finish({ ...noTotals(), fail: 1 });
}
const prepared = Date.now() - started;

const halves = [
  { name: "SQLite", files: onSqlite, env: templates },
  ...(postgresEnv ? [{ name: "PostgreSQL", files: onPostgres, env: { ...templates, ...postgresEnv } }] : []),
];
const jobs: Job[] = halves
  .flatMap((half) =>
    half.files.map((file) => ({
      file,
      group: half.name,
      name: half.name === "SQLite" ? file : `${file} (${half.name})`,
      script: file.replace(/\.ts$/, ".js"),
      env: { TZ: "Pacific/Kiritimati", ...half.env },
    })),
  )
  // Long files first; of two runs of one file, the PostgreSQL one (it waits more).
  .sort((a, b) => rank(a.file) - rank(b.file) || a.file.localeCompare(b.file) || (a.group === "PostgreSQL" ? -1 : 1));

const finished = await runPool(jobs, { cwd: tree, slots, timeoutMs });
for (const half of halves) {
  const results = finished.filter((f) => f.job.group === half.name);
  const sum = noTotals();
  for (const r of results) addTotals(sum, r.totals);
  const fileTime = results.reduce((ms, r) => ms + r.ms, 0);
  console.log(`# ${half.name}: ${results.length} files, ${describeTotals(sum)} (${minutes(fileTime)} of file time)`);
  addTotals(totals, sum);
}
console.log(`# ${finished.length} test processes, ${slots} at a time; ${minutes(prepared)} to type-check, lint and prepare, ${minutes(Date.now() - started)} in all`);
stop();
finish(totals);
