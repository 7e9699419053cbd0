// npm run bench: the app in production mode on a realistic year of data, side by side
// with a bare Fastify server on the same machine, driven by autocannon. Prints requests
// per second, p50/p99 latency and peak RSS, and each route's ratio to bare Fastify.
// A benchmark, not a test: it never fails on speed.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { systemClock } from "../src/clock.ts";
import { createPrismaClient } from "../src/db/client.ts";
import { migrateDatabase, projectRoot } from "../src/db/migrate.ts";
import { loadAvailability } from "../src/domain/availability/load-availability.ts";
import { addDays, localDateOf } from "../src/domain/availability/local-date.ts";
import { BENCH_PASSWORD, seedYear } from "./seed-year.ts";

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
// BENCH_CPU_PROF=<folder> writes a V8 CPU profile of the app (open it in Chrome DevTools).
const CPU_PROFILE = process.env.BENCH_CPU_PROF;
// BENCH_ROUTES=b measures only the booking POST (and the bare route); default: a,b,c.
const ROUTES = (process.env.BENCH_ROUTES ?? "a,b,c").split(",");
const wanted = (route: string) => ROUTES.includes(route);

function start(args: string[], env: Record<string, string>, ready: RegExp): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: projectRoot, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    const watch = (d: Buffer) => {
      out += d;
      if (!ready.test(out)) return;
      // From here on the output (request logs) is read and dropped, not kept.
      child.stdout!.off("data", watch);
      child.stdout!.resume();
      resolve(child);
    };
    child.stdout!.on("data", watch);
    child.on("exit", (code) => reject(new Error(`${args.join(" ")} exited with ${code}`)));
  });
}

/** Peak resident set size (VmHWM) of a process, in MB. */
function peakRss(pid: number): number {
  const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return Number(kb) / 1024;
}

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  rss: number;
  note?: string;
}

/** What every browser sends; the app answers cached public pages gzipped. */
const BROWSER_HEADERS = { "accept-encoding": "gzip, deflate, br", "accept-language": "nl-NL,nl;q=0.9,en;q=0.8" };
const POST_HEADERS = { ...BROWSER_HEADERS, "content-type": "application/x-www-form-urlencoded" };

async function measure(name: string, options: autocannon.Options, pid: number, warmUp = true): Promise<Row> {
  options = { ...options, headers: { ...BROWSER_HEADERS, ...options.headers } };
  if (warmUp) await autocannon({ ...options, duration: 2 });
  const result = await autocannon({ connections: CONNECTIONS, duration: DURATION, ...options });
  return { name, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.timeouts, rss: peakRss(pid) };
}

const dir = mkdtempSync(join(tmpdir(), "spreekuur-bench-"));
const databaseUrl = `file:${join(dir, "bench.db")}`;
const children: ChildProcess[] = [];
try {
  process.stdout.write("Seeding a year of data (4 offices, 5,000 past and 1,000 future bookings)…\n");
  await migrateDatabase(databaseUrl);
  const db = createPrismaClient(databaseUrl);
  const { offices, zwolle } = await seedYear(db, systemClock);
  const now = systemClock.now();
  const today = localDateOf(now, "Europe/Amsterdam");
  // Every free place online booking may take, one per POST.
  const places: Array<{ slug: string; slot: string }> = [];
  const capacityAt = new Map<string, number>();
  for (const office of offices) {
    for (const s of await loadAvailability(db, office, { from: addDays(today, -400), to: addDays(today, 84) }, now)) {
      for (const slot of s.slots) {
        capacityAt.set(`${office.id} ${slot.startsAt.toISOString()}`, slot.capacity);
        if (slot.bookable) for (let i = 0; i < slot.free; i++) places.push({ slug: office.slug, slot: slot.startsAt.toISOString() });
      }
    }
  }
  // The busiest coming day at Zwolle, for the day list.
  const next = await db.booking.findFirstOrThrow({ where: { officeId: zwolle.id, startsAt: { gt: now } }, orderBy: { startsAt: "asc" } });
  const dayListDate = localDateOf(next.startsAt, zwolle.timeZone);
  await db.$disconnect();

  const appPort = 3900 + Math.floor(Math.random() * 50);
  // The production bundle (npm run bench builds it), as `npm start` runs it.
  const profile = CPU_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${CPU_PROFILE}`] : [];
  const app = await start([...profile, "--max-semi-space-size=4", "--max-old-space-size=128", "dist/server.mjs"], {
    MALLOC_ARENA_MAX: "2",
    MALLOC_TRIM_THRESHOLD_: "131072",
    HOST: "127.0.0.1",
    PORT: String(appPort),
    DATABASE_URL: databaseUrl,
    APP_SECRET: randomBytes(32).toString("hex"),
    TEMPLATE_CACHE: "true",
    LOG_LEVEL: "info",
    SEED_ON_START: "false",
    MAIL_DIR: join(dir, "mail"),
    // All load comes from one address here; real visitors each have their own.
    RATE_LIMIT_BOOKINGS: "100000",
    RATE_LIMIT_MANAGE: "100000",
  }, /running at/);
  children.push(app);
  const base = `http://127.0.0.1:${appPort}`;

  // Reception signs in once; the day list is measured with that session.
  const loginPage = await fetch(`${base}/staff/login`);
  const nonce = /name="_login" value="([^"]+)"/.exec(await loginPage.text())![1]!;
  const loginCookie = loginPage.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const signIn = await fetch(`${base}/staff/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: loginCookie },
    body: new URLSearchParams({ email: "desk@bench.test", password: BENCH_PASSWORD, _login: nonce, next: "/staff" }),
  });
  const session = signIn.headers.getSetCookie().map((c) => c.split(";")[0] ?? "").find((c) => c.startsWith("spreekuur_staff="))!;

  const barePort = appPort + 100;
  const bare = await start(["--import", "tsx", "bench/bare-fastify.ts", String(barePort), join(dir, "bare.db")], {}, /ready/);
  children.push(bare);

  // What each measured page weighs on the wire, as a browser receives it.
  const weight = async (url: string, headers: Record<string, string> = {}) => {
    const response = await fetch(url, { headers: { ...BROWSER_HEADERS, ...headers } });
    const body = Buffer.from(await response.arrayBuffer());
    return `${response.headers.get("content-encoding") ?? "identity"}, ${(Number(response.headers.get("content-length") ?? body.length) / 1024).toFixed(1)} KB`;
  };
  process.stdout.write(`Office page: ${await weight(`${base}/nl/offices/zwolle`)}; day list: ${await weight(`${base}/staff/offices/${zwolle.id}/day?date=${dayListDate}`, { cookie: session })}\n`);

  const rows = new Map<string, Row>();
  if (wanted("a")) rows.set("a", await measure("(a) office page with free slots", { url: `${base}/nl/offices/zwolle` }, app.pid!));
  if (wanted("c")) rows.set("c", await measure("(c) staff day list", { url: `${base}/staff/offices/${zwolle.id}/day?date=${dayListDate}`, headers: { cookie: session } }, app.pid!));
  const bareBase = base.replace(String(appPort), String(barePort));
  rows.set("d", await measure("(d) bare Fastify JSON route", { url: `${bareBase}/ping` }, bare.pid!));
  if (wanted("b")) {
    // (e) The durable floor of any booking POST: a form, one row synced to disk.
    let n = 0;
    const slot = encodeURIComponent(places[0]!.slot);
    rows.set(
      "e",
      await measure("(e) bare Fastify form POST + one durable insert", {
        url: bareBase,
        requests: [{ method: "POST", setupRequest: (request: autocannon.Request) => ({ ...request, path: "/book", headers: POST_HEADERS, body: `formKey=k${n++}&name=Bench&slot=${slot}` }) }],
      }, bare.pid!),
    );
  }

  // (b) Each POST takes a different free place with a fresh form key. There are only so
  // many places (about 1,500), so the rate is counted from the first request to the last
  // answer, rather than from autocannon's per-second samples, which a run shorter than a
  // few seconds leaves half empty.
  const statuses = new Map<number, number>();
  if (wanted("b")) {
    // Each round books every free place once; between rounds the bench's own bookings are
    // cancelled (their seats freed) so the next round finds the same places free again.
    const rounds = Math.max(1, Number(process.env.BENCH_POST_ROUNDS ?? 3));
    const latencies: { p50: number[]; p99: number[] } = { p50: [], p99: [] };
    let sent = 0;
    let failures = 0;
    let seconds = 0;
    for (let round = 0; round < rounds; round++) {
      if (round > 0) {
        const reset = createPrismaClient(databaseUrl);
        await reset.booking.updateMany({ where: { name: "Bench", seat: { not: null } }, data: { seat: null, status: "CANCELLED" } });
        await reset.$disconnect();
      }
      // Bodies are made before the run, so the load generator's own work does not slow it.
      const requests = places.map((place) => ({
        path: `/nl/offices/${place.slug}/book`,
        body: new URLSearchParams({ slot: place.slot, formKey: randomBytes(32).toString("base64url"), name: "Bench", language: "ar", interpreter: "no", consent: "yes" }).toString(),
      }));
      let cursor = 0;
      let started = 0n;
      let lastAnswer = 0n;
      const post = await autocannon({
        url: base,
        connections: CONNECTIONS,
        amount: places.length,
        requests: [
          {
            method: "POST",
            setupRequest: (request: autocannon.Request) => {
              if (cursor === 0) started = process.hrtime.bigint();
              const next = requests[cursor++ % requests.length]!;
              return { ...request, ...next, headers: POST_HEADERS };
            },
            onResponse: (status: number) => {
              lastAnswer = process.hrtime.bigint();
              statuses.set(status, (statuses.get(status) ?? 0) + 1);
            },
          },
        ],
      });
      seconds += Number(lastAnswer - started) / 1e9;
      sent += post.requests.sent;
      failures += post.errors + post.timeouts;
      latencies.p50.push(post.latency.p50);
      latencies.p99.push(post.latency.p99);
    }
    const booked = statuses.get(303) ?? 0;
    rows.set("b", {
      name: "(b) booking POST, a different free place each",
      rps: sent / seconds,
      p50: Math.max(...latencies.p50),
      p99: Math.max(...latencies.p99),
      errors: failures + (sent - booked),
      rss: peakRss(app.pid!),
      note: `${booked} booked of ${places.length * rounds} places (${rounds} rounds of ${places.length}) in ${seconds.toFixed(2)} s`,
    });
  }

  // Over capacity: more active bookings on a slot than the slot has places.
  const check = createPrismaClient(databaseUrl);
  const seats = await check.booking.groupBy({ by: ["officeId", "startsAt"], where: { seat: { not: null } }, _count: { _all: true }, _max: { seat: true } });
  const over = seats.filter((slot) => slot._count._all > (capacityAt.get(`${slot.officeId} ${slot.startsAt.toISOString()}`) ?? 0)).length;
  const outbox = await check.outboxMessage.groupBy({ by: ["status"], _count: { _all: true } });
  await check.$disconnect();

  const bareRps = rows.get("d")!.rps;
  const targets: Record<string, number> = { a: 0.4, b: 0.15, c: 0.3 };
  const pad = (s: string | number, n: number) => String(s).padEnd(n);
  process.stdout.write(`\n${CONNECTIONS} connections, ${DURATION} s per route, Node ${process.version}, ${new Date(now).toISOString()}\n\n`);
  process.stdout.write(`${pad("route", 48)}${pad("req/s", 10)}${pad("p50 ms", 8)}${pad("p99 ms", 8)}${pad("errors", 8)}${pad("peak RSS MB", 13)}ratio (target)\n`);
  for (const key of ["a", "b", "c", "d", "e"]) {
    const row = rows.get(key);
    if (!row) continue;
    const ratio = key === "d" ? "1.00" : `${(row.rps / bareRps).toFixed(2)}${targets[key] ? ` (≥ ${targets[key].toFixed(2)})` : ""}`;
    process.stdout.write(`${pad(row.name, 48)}${pad(row.rps.toFixed(0), 10)}${pad(row.p50, 8)}${pad(row.p99, 8)}${pad(row.errors, 8)}${pad(row.rss.toFixed(0), 13)}${ratio}\n`);
  }
  if (rows.has("b")) {
    process.stdout.write(`\nBooking POST: ${rows.get("b")!.note}; responses ${JSON.stringify(Object.fromEntries(statuses))}; slots over capacity: ${over}\n`);
    const floor = rows.get("e");
    if (floor) process.stdout.write(`Booking POST against the durable floor (e): ${(rows.get("b")!.rps / floor.rps).toFixed(2)}\n`);
    if (outbox.length > 0) process.stdout.write(`Outbox after the run: ${outbox.map((o) => `${o.status} ${o._count._all}`).join(", ")}\n`);
  }
} finally {
  for (const child of children) child.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
}
