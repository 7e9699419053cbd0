// Measuring tools for the benchmarks: processes to start, their peak memory and CPU time,
// and load from autocannon (or wrk, where it is installed, for the plain GET pages: it
// takes far less of the machine's CPU, which matters when two app servers share it).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import autocannon from "autocannon";
import { projectRoot } from "../src/paths.ts";

export const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

export function start(args: string[], env: Record<string, string>, ready: RegExp): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: projectRoot, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    const watch = (d: Buffer) => {
      out += d.toString();
      if (!ready.test(out)) return;
      // From here on the output (request logs) is read and dropped, not kept.
      child.stdout.off("data", watch);
      child.stdout.resume();
      resolve(child);
    };
    child.stdout.on("data", watch);
    child.on("exit", (code) => reject(new Error(`${args.join(" ")} exited with ${code}`)));
  });
}

/** Peak resident set size (VmHWM) of a process, in MB. */
export function peakRss(pid: number): number {
  const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return Number(kb) / 1024;
}

/** CPU time a process has used so far (user + system), in ms. */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

export interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  rss: number;
  note?: string;
}

/** What every browser sends; the app answers cached public pages gzipped. */
export const BROWSER_HEADERS = { "accept-encoding": "gzip, deflate, br", "accept-language": "nl-NL,nl;q=0.9,en;q=0.8" };
export const POST_HEADERS = { ...BROWSER_HEADERS, "content-type": "application/x-www-form-urlencoded" };

export async function measure(name: string, options: autocannon.Options, pids: number[], warmUp = true): Promise<Row> {
  options = { ...options, headers: { ...BROWSER_HEADERS, ...options.headers } };
  if (warmUp) await autocannon({ ...options, duration: 2 });
  const result = await autocannon({ connections: CONNECTIONS, duration: DURATION, ...options });
  return { name, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.timeouts, rss: Math.max(...pids.map(peakRss)) };
}

export const hasWrk = spawnSync("sh", ["-c", "command -v wrk"]).status === 0;

/** Requests per second wrk reaches on one URL (a GET with the browser's headers). */
function wrk(url: string, connections: number, seconds: number): Promise<{ rps: number; p50: number; p99: number; errors: number }> {
  return new Promise((resolve, reject) => {
    const headers = Object.entries(BROWSER_HEADERS).flatMap(([k, v]) => ["-H", `${k}: ${v}`]);
    const child = spawn("wrk", ["-t1", `-c${connections}`, `-d${seconds}s`, "--latency", ...headers, url], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("exit", () => {
      const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
      const ms = (label: string) => {
        const m = new RegExp(`${label}\\s+([\\d.]+)(us|ms|s)`).exec(out);
        return m ? Number(m[1]) * (m[2] === "us" ? 0.001 : m[2] === "s" ? 1000 : 1) : NaN;
      };
      const errors = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0) + Number(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out)?.slice(1).reduce((a, b) => a + Number(b), 0) ?? 0);
      if (Number.isNaN(rps)) reject(new Error(`wrk gave no result: ${out}`));
      else resolve({ rps, p50: Math.round(ms("50%")), p99: Math.round(ms("99%")), errors });
    });
  });
}

/** The same GET spread over several servers at once; the rates are added up. */
export async function measureSpread(name: string, urls: string[], pids: number[]): Promise<Row> {
  const each = Math.max(1, Math.round(CONNECTIONS / urls.length));
  if (!hasWrk) {
    const results = await Promise.all(urls.map((url) => measure(name, { url, connections: each }, pids)));
    return { ...results[0]!, rps: results.reduce((sum, r) => sum + r.rps, 0), errors: results.reduce((sum, r) => sum + r.errors, 0), note: "autocannon" };
  }
  await Promise.all(urls.map((url) => wrk(url, each, 2)));
  const results = await Promise.all(urls.map((url) => wrk(url, each, DURATION)));
  return {
    name,
    rps: results.reduce((sum, r) => sum + r.rps, 0),
    p50: Math.max(...results.map((r) => r.p50)),
    p99: Math.max(...results.map((r) => r.p99)),
    errors: results.reduce((sum, r) => sum + r.errors, 0),
    rss: Math.max(...pids.map(peakRss)),
    note: "wrk",
  };
}
