// npm run bench: the app in production mode on a realistic year of data, side by side
// with a bare Fastify server on the same machine and database engine. Prints requests
// per second, p50/p99 latency and peak RSS, and each route's ratio to bare Fastify.
// BENCH_DB=postgres runs both on a PostgreSQL cluster started here (durable settings),
// and also measures the office page on two app servers at once.
// A benchmark, not a test: it never fails on speed.
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type autocannon from "autocannon";
import { startCluster, type Cluster } from "../scripts/postgres-cluster.ts";
import { systemClock } from "../src/clock.ts";
import { createPrismaClient } from "../src/db/client.ts";
import { migrateDatabase } from "../src/db/migrate.ts";
import { loadAvailability } from "../src/domain/availability/load-availability.ts";
import { addDays, localDateOf } from "../src/local-date.ts";
import { measureBookingPost } from "./booking-post.ts";
import { BROWSER_HEADERS, CONNECTIONS, DURATION, measure, measureSpread, POST_HEADERS, start, type Row } from "./measure.ts";
import { BENCH_PASSWORD, seedYear } from "./seed-year.ts";

const ON_POSTGRES = /^postgres/i.test(process.env.BENCH_DB ?? "");
// BENCH_CPU_PROF=<folder> writes a V8 CPU profile of the app (open it in Chrome DevTools).
const CPU_PROFILE = process.env.BENCH_CPU_PROF;
// BENCH_ROUTES=b measures only the booking POST (and the bare routes); default: a,b,c.
const ROUTES = (process.env.BENCH_ROUTES ?? "a,b,c").split(",");
const wanted = (route: string) => ROUTES.includes(route);

/** A staff page right after start-up may be shed (503) while the server warms up: try again. */
async function signInPage(base: string): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    const page = await fetch(`${base}/staff/login`);
    if (page.status === 200 || attempt === 20) return page;
    process.stdout.write(`(the sign-in page answered ${page.status}${page.headers.get("retry-after") ? `, Retry-After ${page.headers.get("retry-after")}` : ""}; trying again)\n`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

const dir = mkdtempSync(join(tmpdir(), "spreekuur-bench-"));
const children: ChildProcess[] = [];
let cluster: Cluster | null = null;
try {
  if (ON_POSTGRES) {
    cluster = await startCluster();
    cluster.createDatabase("bench");
    cluster.createDatabase("bare");
  }
  const databaseUrl = cluster ? cluster.url("bench") : `file:${join(dir, "bench.db")}`;
  const bareTarget = cluster ? cluster.url("bare") : join(dir, "bare.db");
  process.stdout.write(`Seeding a year of data on ${ON_POSTGRES ? "PostgreSQL" : "SQLite"} (4 offices, 5,000 past and 1,000 future bookings)…\n`);
  await migrateDatabase(databaseUrl);
  const db = await createPrismaClient(databaseUrl, { poolSize: 2 });
  const { offices, zwolle } = await seedYear(db, systemClock);
  const now = systemClock.now();
  const today = localDateOf(now, "Europe/Amsterdam");
  // Every free place online booking may take, one per POST: the first free place of
  // every slot, then the second, and so on, so that consecutive POSTs go to different
  // slots as real clients' mostly do (a queue on one slot is test/routes/concurrency's).
  const seatsOfSlots: Array<Array<{ slug: string; slot: string }>> = [];
  const capacityAt = new Map<string, number>();
  for (const office of offices) {
    for (const s of await loadAvailability(db, office, { from: addDays(today, -400), to: addDays(today, 84) }, now)) {
      for (const slot of s.slots) {
        capacityAt.set(`${office.id} ${slot.startsAt.toISOString()}`, slot.capacity);
        if (slot.bookable && slot.free > 0) seatsOfSlots.push(Array.from({ length: slot.free }, () => ({ slug: office.slug, slot: slot.startsAt.toISOString() })));
      }
    }
  }
  const places = Array.from({ length: Math.max(0, ...seatsOfSlots.map((s) => s.length)) }, (_, i) => seatsOfSlots.flatMap((seats) => seats[i] ?? [])).flat();
  // The busiest coming day at Zwolle, for the day list.
  const next = await db.booking.findFirstOrThrow({ where: { officeId: zwolle.id, startsAt: { gt: now } }, orderBy: { startsAt: "asc" } });
  const dayListDate = localDateOf(next.startsAt, zwolle.timeZone);
  await db.$disconnect();

  const appPort = 3900 + Math.floor(Math.random() * 50);
  const appEnv = (port: number) => ({
    MALLOC_ARENA_MAX: "2",
    MALLOC_TRIM_THRESHOLD_: "131072",
    HOST: "127.0.0.1",
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    APP_SECRET: "bench-secret-shared-by-every-app-server-0123456789",
    TEMPLATE_CACHE: "true",
    LOG_LEVEL: "info",
    SEED_ON_START: "false",
    MAIL_DIR: join(dir, "mail"),
    // All load comes from one address here; real visitors each have their own.
    RATE_LIMIT_BOOKINGS: "100000",
    RATE_LIMIT_MANAGE: "100000",
  });
  // The production bundle (npm run bench builds it), as `npm start` runs it.
  const nodeFlags = ["--max-semi-space-size=4", "--max-old-space-size=128"];
  const profile = CPU_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${CPU_PROFILE}`] : [];
  const app = await start([...profile, ...nodeFlags, "dist/server.mjs"], appEnv(appPort), /running at/);
  children.push(app);
  const base = `http://127.0.0.1:${appPort}`;

  // Reception signs in once; the day list is measured with that session.
  let session: string | undefined;
  for (let attempt = 1; !session && attempt <= 20; attempt++) {
    const loginPage = await signInPage(base);
    const nonce = /name="_login" value="([^"]+)"/.exec(await loginPage.text())?.[1];
    if (!nonce) throw new Error(`the sign-in page (status ${loginPage.status}) holds no sign-in form`);
    const loginCookie = loginPage.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const signIn = await fetch(`${base}/staff/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: loginCookie },
      body: new URLSearchParams({ email: "desk@bench.test", password: BENCH_PASSWORD, _login: nonce, next: "/staff" }),
    });
    session = signIn.headers.getSetCookie().map((c) => c.split(";")[0] ?? "").find((c) => c.startsWith("spreekuur_staff="));
    if (!session) {
      process.stdout.write(`(signing in answered ${signIn.status}; trying again)\n`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  if (!session) throw new Error("reception could not sign in");

  const barePort = appPort + 100;
  const bare = await start(["--import", "tsx", "bench/bare-fastify.ts", String(barePort), bareTarget], {}, /ready/);
  children.push(bare);
  const bareBase = `http://127.0.0.1:${barePort}`;

  // What each measured page weighs on the wire, as a browser receives it.
  const weight = async (url: string, headers: Record<string, string> = {}) => {
    const response = await fetch(url, { headers: { ...BROWSER_HEADERS, ...headers } });
    const body = Buffer.from(await response.arrayBuffer());
    return `${response.headers.get("content-encoding") ?? "identity"}, ${(Number(response.headers.get("content-length") ?? body.length) / 1024).toFixed(1)} KB`;
  };
  process.stdout.write(`Office page: ${await weight(`${base}/nl/offices/zwolle`)}; day list: ${await weight(`${base}/staff/offices/${zwolle.id}/day?date=${dayListDate}`, { cookie: session })}\n`);

  const rows = new Map<string, Row>();
  if (wanted("a")) rows.set("a", await measure("(a) office page with free slots", { url: `${base}/nl/offices/zwolle` }, [app.pid!]));
  if (wanted("c")) rows.set("c", await measure("(c) staff day list", { url: `${base}/staff/offices/${zwolle.id}/day?date=${dayListDate}`, headers: { cookie: session } }, [app.pid!]));
  rows.set("d", await measure("(d) bare Fastify JSON route", { url: `${bareBase}/ping` }, [bare.pid!]));
  if (wanted("b")) {
    // (e) The durable floor of any booking POST: a form, one row synced to disk.
    let n = 0;
    const slot = encodeURIComponent(places[0]!.slot);
    rows.set(
      "e",
      await measure("(e) bare Fastify form POST + one durable insert", {
        url: bareBase,
        requests: [{ method: "POST", setupRequest: (request: autocannon.Request) => ({ ...request, path: "/book", headers: POST_HEADERS, body: `formKey=k${n++}-${randomBytes(4).toString("hex")}&name=Bench&slot=${slot}` }) }],
      }, [bare.pid!]),
    );
  }

  let statuses = new Map<number, number>();
  if (wanted("b")) {
    const post = await measureBookingPost(base, databaseUrl, places, app.pid!);
    rows.set("b", post.row);
    statuses = post.statuses;
  }

  // Two app servers on the same database, each given half the connections.
  if (ON_POSTGRES && wanted("a")) {
    const one = await measureSpread("(a1) office page, one app server", [`${base}/nl/offices/zwolle`], [app.pid!]);
    const second = await start([...nodeFlags, "dist/server.mjs"], appEnv(appPort + 1), /running at/);
    children.push(second);
    const two = await measureSpread("(a2) office page, two app servers", [`${base}/nl/offices/zwolle`, `http://127.0.0.1:${appPort + 1}/nl/offices/zwolle`], [app.pid!, second.pid!]);
    rows.set("a1", one);
    rows.set("a2", { ...two, note: `${(two.rps / one.rps).toFixed(2)} × one server (${one.note})` });
  }

  // Over capacity: more active bookings on a slot than the slot has places.
  const check = await createPrismaClient(databaseUrl, { poolSize: 1 });
  const seats = await check.booking.groupBy({ by: ["officeId", "startsAt"], where: { seat: { not: null } }, _count: { _all: true } });
  const over = seats.filter((slot) => slot._count._all > (capacityAt.get(`${slot.officeId} ${slot.startsAt.toISOString()}`) ?? 0)).length;
  const outbox = await check.outboxMessage.groupBy({ by: ["status"], _count: { _all: true } });
  await check.$disconnect();

  const bareRps = rows.get("d")!.rps;
  const targets: Record<string, number> = { a: 0.4, c: 0.3 };
  const pad = (s: string | number, n: number) => String(s).padEnd(n);
  process.stdout.write(`\n${ON_POSTGRES ? "PostgreSQL" : "SQLite"}, ${CONNECTIONS} connections, ${DURATION} s per route, Node ${process.version}, ${new Date(now).toISOString()}\n\n`);
  process.stdout.write(`${pad("route", 48)}${pad("req/s", 10)}${pad("p50 ms", 8)}${pad("p99 ms", 8)}${pad("errors", 8)}${pad("peak RSS MB", 13)}ratio to (d) (target)\n`);
  for (const key of ["a", "b", "c", "d", "e", "a1", "a2"]) {
    const row = rows.get(key);
    if (!row) continue;
    const ratio = key === "d" ? "1.00" : `${(row.rps / bareRps).toFixed(2)}${targets[key] ? ` (≥ ${targets[key].toFixed(2)})` : ""}`;
    process.stdout.write(`${pad(row.name, 48)}${pad(row.rps.toFixed(0), 10)}${pad(row.p50, 8)}${pad(row.p99, 8)}${pad(row.errors, 8)}${pad(row.rss.toFixed(0), 13)}${ratio}\n`);
  }
  if (rows.has("b")) {
    process.stdout.write(`\nBooking POST: ${rows.get("b")!.note}; responses ${JSON.stringify(Object.fromEntries(statuses))}; slots over capacity: ${over}\n`);
    const floor = rows.get("e");
    const target = ON_POSTGRES ? 0.5 : 0.3;
    if (floor) process.stdout.write(`Booking POST against the durable floor (e): ${(rows.get("b")!.rps / floor.rps).toFixed(2)} (target ≥ ${target})\n`);
    if (outbox.length > 0) process.stdout.write(`Outbox after the run: ${outbox.map((o) => `${o.status} ${o._count._all}`).join(", ")}\n`);
  }
  if (rows.has("a2")) process.stdout.write(`Office page on two app servers: ${rows.get("a2")!.note} (target ≥ 1.6)\n`);
} finally {
  for (const child of children) child.kill("SIGTERM");
  await new Promise((resolve) => setTimeout(resolve, 500));
  cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
}
