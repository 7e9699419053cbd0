// Runs test files, each in a process of its own (`node --enable-source-maps file.js`, as a
// node-tap file runs on its own), a few at a time from one queue, and reports them as one
// TAP stream: each file a subtest, in the order they finish. Each file's result is its own
// closing summary ("# { total: 12, pass: 11, fail: 1 }"); a file that ends without one, or
// exits with an error, counts as a failure.
//
// tap's own runner starts every test process with two module loaders of its own (for
// t.mockImport and for coverage, neither used here), which cost as much as a small test
// file; and it runs one list with one environment, where the suite has two (SQLite and
// PostgreSQL) that should share the machine.
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";

export interface Totals {
  pass: number;
  fail: number;
  skip: number;
  todo: number;
}

export const noTotals = (): Totals => ({ pass: 0, fail: 0, skip: 0, todo: 0 });

export function addTotals(into: Totals, more: Totals): void {
  into.pass += more.pass;
  into.fail += more.fail;
  into.skip += more.skip;
  into.todo += more.todo;
}

export const describeTotals = (t: Totals) => `${t.pass} passed, ${t.fail} failed, ${t.skip} skipped${t.todo > 0 ? `, ${t.todo} todo` : ""}`;

export interface Job {
  /** The test file, relative to the project. */
  file: string;
  /** Which run of the suite it belongs to, e.g. "PostgreSQL". */
  group: string;
  /** What the report calls it, e.g. "test/routes/move.test.ts (PostgreSQL)". */
  name: string;
  /** The file to run, relative to `cwd`. */
  script: string;
  env: Record<string, string>;
}

export interface Finished {
  job: Job;
  totals: Totals;
  ms: number;
}

export interface PoolOptions {
  cwd: string;
  /** Test processes at once. */
  slots: number;
  /** A test file's time limit (tap's own root-test timeout); the process is killed a little after. */
  timeoutMs: number;
}

/** tap's closing summary of a file, e.g. "# { total: 120, pass: 117, fail: 1, skip: 1, todo: 1 }". */
function summaryOf(line: string): Totals | null {
  const m = /^# \{ total: \d+(.*)\}$/.exec(line);
  if (!m) return null;
  const count = (name: string) => Number(new RegExp(`\\b${name}: (\\d+)`).exec(m[1]!)?.[1] ?? 0);
  return { pass: count("pass"), fail: count("fail"), skip: count("skip"), todo: count("todo") };
}

const running = new Set<ChildProcess>();

/** Ends every test process still running, with whatever it started (servers, browsers). */
export function stopAll(): void {
  for (const child of running) {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

/** How many files have been reported so far: each is numbered as it finishes. */
let reported = 0;

function runOne(job: Job, options: PoolOptions): Promise<Finished> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, ["--enable-source-maps", job.script], {
      cwd: options.cwd,
      env: { ...process.env, TAP_TIMEOUT: String(options.timeoutMs / 1000), ...job.env },
      stdio: ["ignore", "pipe", "pipe"],
      // Its own process group, so a file that overruns is ended with all it started.
      detached: true,
    });
    running.add(child);
    const lines: string[] = [];
    const errors: string[] = [];
    let totals: Totals | null = null;
    createInterface({ input: child.stdout }).on("line", (line) => {
      lines.push(line);
      totals = summaryOf(line) ?? totals;
    });
    createInterface({ input: child.stderr }).on("line", (line) => errors.push(line));
    // tap ends a file that runs past its timeout itself; this is for one that cannot.
    const overrun = setTimeout(() => {
      errors.push(`killed: still running ${Math.round((options.timeoutMs + 30_000) / 1000)} s after it started`);
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
    }, options.timeoutMs + 30_000);
    child.on("close", (code, signal) => {
      clearTimeout(overrun);
      running.delete(child);
      const ms = Date.now() - started;
      const result: Totals = totals ?? { ...noTotals(), fail: 1 };
      if ((code !== 0 || signal) && result.fail === 0) result.fail = 1; // failed outside any assertion
      const out = [`# Subtest: ${job.name}`];
      for (const line of lines) if (line !== "TAP version 14") out.push(line === "" ? "" : `    ${line}`);
      for (const line of errors) out.push(`    # stderr: ${line}`);
      if (code !== 0 || signal) out.push(`    # exited with ${signal ?? `code ${code}`}`);
      out.push(`${result.fail === 0 ? "ok" : "not ok"} ${++reported} - ${job.name} # time=${ms}ms`, "");
      process.stdout.write(`${out.join("\n")}\n`);
      resolve({ job, totals: result, ms });
    });
  });
}

/** Runs the jobs in the order given, `slots` at a time; resolves with every result. */
export async function runPool(jobs: Job[], options: PoolOptions): Promise<Finished[]> {
  process.stdout.write("TAP version 14\n");
  const queue = [...jobs];
  const finished: Finished[] = [];
  const slot = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) finished.push(await runOne(job, options));
  };
  await Promise.all(Array.from({ length: Math.min(options.slots, jobs.length) }, slot));
  process.stdout.write(`1..${finished.length}\n`);
  return finished;
}
