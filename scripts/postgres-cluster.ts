// A throwaway PostgreSQL cluster on a free loopback port, from the server binaries of
// Debian's postgresql package (or any initdb on the PATH). Used by the test command, the
// benchmark and `npm run db:migration`. initdb refuses to run as root, so as root the
// cluster belongs to the postgres user the package creates.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";

export interface Cluster {
  port: number;
  dir: string;
  /** A URL for a database on this cluster. */
  url(database: string): string;
  createDatabase(name: string, template?: string): void;
  /**
   * Restarts the server: a fast shutdown (open connections are ended), `downMs` with no
   * server, then a start on the same port. Does not block the event loop meanwhile.
   */
  restart(downMs?: number): Promise<void>;
  stop(): void;
}

/** The folder holding initdb and pg_ctl, or null when PostgreSQL is not installed. */
export function postgresBinDir(): string | null {
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    for (const version of versions) if (existsSync(join(debian, version, "bin", "initdb"))) return join(debian, version, "bin");
  }
  const found = spawnSync("sh", ["-c", "command -v initdb"], { encoding: "utf8" }).stdout.trim();
  return found ? join(found, "..") : null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export interface ClusterOptions {
  /**
   * Trade durability for speed (fsync off): right for tests, which never cut the power;
   * wrong for benchmarks, which measure the durable cost of a booking.
   */
  fast?: boolean;
}

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const bin = postgresBinDir();
  if (!bin) throw new Error("PostgreSQL is not installed (Debian: apt-get install postgresql)");
  const asRoot = userInfo().uid === 0;
  const dir = mkdtempSync(join(tmpdir(), "spreekuur-pg-"));
  chmodSync(dir, 0o700);
  let owner = "";
  if (asRoot) {
    owner = "postgres";
    const uid = Number(execFileSync("id", ["-u", owner], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", owner], { encoding: "utf8" }).trim());
    chownSync(dir, uid, gid);
  }
  const commandFor = (program: string, args: string[]): [string, string[]] =>
    asRoot ? ["runuser", ["-u", owner, "--", join(bin, program), ...args]] : [join(bin, program), args];
  const run = (program: string, args: string[]) => {
    const result = spawnSync(...commandFor(program, args), { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`${program} failed: ${result.stderr || result.stdout}`);
    return result.stdout;
  };
  const runAsync = (program: string, args: string[]) =>
    new Promise<void>((resolve, reject) => {
      const child = spawn(...commandFor(program, args), { stdio: "ignore" });
      child.on("error", reject);
      child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${program} exited with ${code}`))));
    });
  const data = join(dir, "data");
  // Byte-order collation (C), but Unicode character classes (C.UTF-8) as a production
  // cluster has them: pg_trgm takes the trigrams of names in every script only then.
  run("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--lc-ctype=C.UTF-8", "--no-sync"]);
  const port = await freePort();
  const settings = [
    `-p ${port}`,
    `-k ${dir}`,
    "-c listen_addresses=127.0.0.1",
    "-c max_connections=300",
    ...(options.fast ? ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"] : []),
  ].join(" ");
  const startArgs = ["-D", data, "-o", settings, "-l", join(dir, "log"), "-w", "-t", "60", "start"];
  run("pg_ctl", startArgs);
  const url = (database: string) => `postgresql://postgres@127.0.0.1:${port}/${database}`;
  return {
    port,
    dir,
    url,
    createDatabase(name, template) {
      run("psql", ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "-d", "postgres", "-q", "-c", `CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`]);
    },
    async restart(downMs = 1_000) {
      await runAsync("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
      await new Promise((resolve) => setTimeout(resolve, downMs));
      await runAsync("pg_ctl", startArgs);
    },
    stop() {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
