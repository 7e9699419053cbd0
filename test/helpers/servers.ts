// Real app server processes (src/server.ts, as `npm start` runs it after migrating), for
// tests of what crosses processes: several servers on one database, a SIGKILL.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../../src/paths.ts";
import type { TestContext } from "./app.ts";

export interface ServerProcess {
  child: ChildProcess;
  base: string;
  /** Everything it printed so far. */
  output(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Settings every test server shares: no limits or shedding in the way, a fixed secret. */
export const serverDefaults = {
  PORT: "0",
  LOG_LEVEL: "warn",
  APP_SECRET: "servers-test-secret-that-is-long-enough",
  RATE_LIMIT_BOOKINGS: "100000",
  RATE_LIMIT_MANAGE: "100000",
  // On a busy machine a freshly started server may shed requests with 503 (the overload
  // guard, tested on its own); here every request must reach the app.
  OVERLOAD_MAX_DELAY_MS: "0",
  MAX_IN_FLIGHT: "10000",
  DATABASE_POOL_SIZE: "8",
};

/**
 * Node's arguments to start one of the project's entry points (e.g. "src/server.ts") as a
 * process of its own. In the test command's compiled copy of the project
 * (scripts/test-tree.ts) its JavaScript lies beside it, and starts without a loader
 * compiling every module first; elsewhere it runs through tsx.
 */
export function entryArgs(source: string): string[] {
  const compiled = source.replace(/\.ts$/, ".js");
  return existsSync(join(projectRoot, compiled)) ? ["--enable-source-maps", compiled] : ["--import", "tsx", source];
}

/** How long a server may take to print that it is running (on a busy machine, too). */
const startLimitMs = 60_000;

export function startServer(t: TestContext, env: Record<string, string>): Promise<ServerProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, entryArgs("src/server.ts"), {
      cwd: projectRoot,
      env: { PATH: process.env.PATH ?? "", TZ: process.env.TZ ?? "", ...serverDefaults, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    const exited = new Promise<void>((done) => child.on("exit", () => done()));
    const kill = async (signal: NodeJS.Signals = "SIGKILL") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    };
    t.teardown(() => kill());
    const tooLong = setTimeout(() => {
      reject(new Error(`the server did not start within ${startLimitMs / 1000} s: ${out}`));
      void kill();
    }, startLimitMs);
    child.stdout.on("data", (d) => {
      out += d;
      const m = /Spreekuur is running at (http:\/\/\S+)\//.exec(out);
      if (m) {
        clearTimeout(tooLong);
        resolve({ child, base: m[1]!, output: () => out, kill });
      }
    });
    child.stderr.on("data", (d) => (out += d));
    child.on("exit", (code, signal) => {
      clearTimeout(tooLong);
      reject(new Error(`server exited (${code ?? signal}) before it was ready: ${out}`));
    });
  });
}
