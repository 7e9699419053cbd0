// A soak: the production bundle under a steady mix of what its users do, for a bounded
// time (SOAK_MINUTES, 20 by default; SOAK_RATE actions a second, 10 by default): office
// and home pages, bookings through the form, moves and cancellations through the manage
// link, staff searches, and sign-ins. Every minute it prints the server's resident memory;
// at the end the p99 per route, every 5xx, and whether every confirmed booking is in the
// database and was mailed exactly once (to an SMTP server in this process).
//
// Usage: npm run bench:soak   (SQLite; BENCH_DB=postgres for a throwaway PostgreSQL cluster)
// Not part of npm test: it runs for twenty minutes.
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SMTPServer } from "smtp-server";
import { startCluster, type Cluster } from "../scripts/postgres-cluster.ts";
import { systemClock } from "../src/clock.ts";
import { createPrismaClient } from "../src/db/client.ts";
import { migrateDatabase } from "../src/db/migrate.ts";
import { hashManageToken } from "../src/domain/booking/manage-token.ts";
import { hashPassword } from "../src/domain/accounts/passwords.ts";
import { start } from "./measure.ts";
import { BENCH_PASSWORD, seedYear } from "./seed-year.ts";

const MINUTES = Number(process.env.SOAK_MINUTES ?? 20);
const RATE = Number(process.env.SOAK_RATE ?? 10);
const WARM_UP_MINUTES = Math.min(5, Math.floor(MINUTES / 4));
const ON_POSTGRES = /^postgres/i.test(process.env.BENCH_DB ?? "");
const OFFICER = { email: "officer@bench.test", password: BENCH_PASSWORD };

/** The share of each action in the mix. */
const mix: Array<[Action, number]> = [
  ["office page", 30],
  ["home page", 10],
  ["book", 20],
  ["move", 8],
  ["cancel", 7],
  ["staff search", 15],
  ["sign in", 10],
];
type Action = "office page" | "home page" | "book" | "move" | "cancel" | "staff search" | "sign in";

const latencies = new Map<string, number[]>();
const statuses = new Map<string, Map<number, number>>();
const serverErrors: string[] = [];
const confirmed: Array<{ token: string; email: string }> = [];
const active: Array<{ token: string }> = [];
const received = new Map<string, number>();

/** Sends a request, reads its whole answer, and counts its time under `route`. */
async function timed(route: string, request: () => Promise<Response>): Promise<{ response: Response; html: string }> {
  const started = performance.now();
  const response = await request();
  const html = await response.text().catch(() => "");
  (latencies.get(route) ?? latencies.set(route, []).get(route)!).push(performance.now() - started);
  const counts = statuses.get(route) ?? statuses.set(route, new Map()).get(route)!;
  counts.set(response.status, (counts.get(response.status) ?? 0) + 1);
  if (response.status >= 500) serverErrors.push(`${route}: ${response.status}`);
  return { response, html };
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const cookiesOf = (response: Response) => response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
const form = (fields: Record<string, string>, cookie?: string) => ({
  headers: { "content-type": "application/x-www-form-urlencoded", ...(cookie ? { cookie } : {}) },
  body: new URLSearchParams(fields).toString(),
});

const dir = mkdtempSync(join(tmpdir(), "spreekuur-soak-"));
const children: ChildProcess[] = [];
let cluster: Cluster | null = null;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  onRcptTo(address, _session, callback) {
    received.set(address.address, (received.get(address.address) ?? 0) + 1);
    callback();
  },
  onData(stream, _session, callback) {
    stream.resume();
    stream.on("end", () => callback());
  },
});
try {
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const smtpPort = (smtp.server.address() as { port: number }).port;
  if (ON_POSTGRES) {
    cluster = await startCluster();
    cluster.createDatabase("soak");
  }
  const databaseUrl = cluster ? cluster.url("soak") : `file:${join(dir, "soak.db")}`;
  process.stdout.write(`Seeding a year of data on ${ON_POSTGRES ? "PostgreSQL" : "SQLite"}…\n`);
  await migrateDatabase(databaseUrl);
  const db = await createPrismaClient(databaseUrl, { poolSize: 2 });
  const { offices } = await seedYear(db, systemClock);
  await db.staffUser.create({
    data: { email: OFFICER.email, name: "Officer", role: "OFFICER", passwordHash: await hashPassword(OFFICER.password), createdAt: new Date(), offices: { create: offices.map((o) => ({ officeId: o.id })) } },
  });
  const names = (await db.booking.findMany({ where: { name: { not: null } }, select: { name: true }, take: 200 })).map((b) => b.name!.split(" ")[0]!);

  const port = 4100 + Math.floor(Math.random() * 50);
  const env = {
    MALLOC_ARENA_MAX: "2",
    HOST: "127.0.0.1",
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    APP_SECRET: "soak-secret-that-is-long-enough-0123456789",
    LOG_LEVEL: "warn",
    SEED_ON_START: "false",
    SMTP_HOST: "127.0.0.1",
    SMTP_PORT: String(smtpPort),
    SMTP_SECURITY: "none",
    // All load comes from one address here; real visitors each have their own.
    RATE_LIMIT_BOOKINGS: "100000",
    RATE_LIMIT_MANAGE: "100000",
  };
  const app = await start(["--max-semi-space-size=4", "--max-old-space-size=128", "dist/server.mjs"], env, /running at/);
  children.push(app);
  const base = `http://127.0.0.1:${port}`;
  const rss = () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${app.pid}/status`, "utf8"))?.[1]) / 1024;

  async function signIn(): Promise<string | null> {
    const { response: page, html } = await timed("GET /staff/login", () => fetch(`${base}/staff/login`));
    const nonce = /name="_login" value="([^"]+)"/.exec(html)?.[1];
    if (!nonce) return null;
    const { response: answer } = await timed("POST /staff/login", () =>
      fetch(`${base}/staff/login`, { method: "POST", redirect: "manual", ...form({ email: OFFICER.email, password: OFFICER.password, _login: nonce }, cookiesOf(page)) }),
    );
    return answer.headers.getSetCookie().map((c) => c.split(";")[0] ?? "").find((c) => c.startsWith("spreekuur_staff=")) ?? null;
  }

  // Right after its start the server may shed a request while it warms up (README,
  // "Performance"): wait until it serves the sign-in page before the soak begins.
  for (let i = 0; i < 60 && (await fetch(`${base}/staff/login`)).status !== 200; i++) await new Promise((resolve) => setTimeout(resolve, 500));
  let lastSignIn = Date.now();
  let staffSession = await signIn();
  let made = 0;
  const actions: Record<Action, () => Promise<void>> = {
    "office page": async () => void (await timed("GET office", () => fetch(`${base}/nl/offices/${pick(offices).slug}`))),
    "home page": async () => void (await timed("GET home", () => fetch(`${base}/${pick(["nl", "en", "ar", "ti"])}/`))),
    book: async () => {
      const office = pick(offices);
      const page = await timed("GET office", () => fetch(`${base}/nl/offices/${office.slug}`));
      const slots = [...page.html.matchAll(/class="slot" href="([^"]+)"/g)].map((m) => m[1]!.replaceAll("&amp;", "&"));
      if (slots.length === 0) return;
      const href = pick(slots);
      const { html } = await timed("GET booking form", () => fetch(`${base}${href}`));
      const formKey = /name="formKey" value="([^"]+)"/.exec(html)?.[1];
      const slot = /name="slot" value="([^"]+)"/.exec(html)?.[1];
      if (!formKey || !slot) return;
      const email = `soak-${++made}@example.org`;
      const { response: answer } = await timed("POST booking", () =>
        fetch(`${base}${href.split("?")[0]}`, { method: "POST", redirect: "manual", ...form({ slot, formKey, name: `Soak ${made}`, email, phone: "", language: "ar", interpreter: "no", note: "", consent: "yes" }) }),
      );
      const token = /\/booking\/([A-Za-z0-9_-]{22}|[A-Za-z0-9_-]{43})\/confirmation$/.exec(answer.headers.get("location") ?? "")?.[1];
      if (answer.status === 303 && token) {
        confirmed.push({ token, email });
        active.push({ token });
      }
    },
    move: async () => {
      const booking = active.length > 0 ? pick(active) : null;
      if (!booking) return;
      const page = await timed("GET move", () => fetch(`${base}/nl/booking/${booking.token}/move`));
      const links = [...page.html.matchAll(/href="[^"]*\/move\?slot=([^"&]+)"/g)].map((m) => m[1]!);
      if (links.length === 0) return;
      await timed("POST move", () => fetch(`${base}/nl/booking/${booking.token}/move`, { method: "POST", redirect: "manual", ...form({ slot: decodeURIComponent(pick(links)) }) }));
    },
    cancel: async () => {
      const booking = active.splice(Math.floor(Math.random() * active.length), 1)[0];
      if (!booking) return;
      await timed("POST cancel", () => fetch(`${base}/nl/booking/${booking.token}/cancel`, { method: "POST", redirect: "manual" }));
    },
    "staff search": async () => {
      if (!staffSession) staffSession = await signIn();
      if (!staffSession) return;
      const session = staffSession;
      await timed("GET staff search", () => fetch(`${base}/staff/bookings?q=${encodeURIComponent(pick(names))}`, { redirect: "manual", headers: { cookie: session } }));
    },
    // One address may try to sign in 30 times in 15 minutes, and the soak is one address.
    "sign in": async () => {
      if (Date.now() - lastSignIn < 40_000) return actions["staff search"]();
      lastSignIn = Date.now();
      staffSession = (await signIn()) ?? staffSession;
    },
  };
  const total = mix.reduce((sum, [, weight]) => sum + weight, 0);
  const choose = (): Action => {
    let r = Math.random() * total;
    for (const [action, weight] of mix) if ((r -= weight) < 0) return action;
    return mix[0]![0];
  };

  process.stdout.write(`Soaking for ${MINUTES} min at ${RATE} actions/s…\n`);
  const started = Date.now();
  const rssByMinute: number[] = [];
  const pending = new Set<Promise<void>>();
  let failures = 0;
  for (let tick = 0; Date.now() - started < MINUTES * 60_000; tick++) {
    const action = choose();
    const run = actions[action]().catch((error: Error) => {
      failures++;
      if (failures <= 5) process.stdout.write(`  ${action} failed: ${error.message}\n`);
    });
    pending.add(run);
    void run.finally(() => pending.delete(run));
    const minute = Math.floor((Date.now() - started) / 60_000);
    if (minute >= rssByMinute.length) {
      rssByMinute.push(rss());
      process.stdout.write(`  minute ${minute}: RSS ${rssByMinute.at(-1)!.toFixed(0)} MB, ${confirmed.length} booked, ${serverErrors.length} 5xx\n`);
    }
    // A steady rate: the next action at its time, however long the last one took.
    const due = started + ((tick + 1) * 1000) / RATE;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
  }
  await Promise.all(pending);
  rssByMinute.push(rss());

  // The outbox has sent everything (or says why not) before the mail is counted.
  const check = await createPrismaClient(databaseUrl, { poolSize: 2 });
  for (let i = 0; i < 120 && (await check.outboxMessage.count({ where: { status: "PENDING", dueAt: { lte: new Date() } } })) > 0; i++) await new Promise((resolve) => setTimeout(resolve, 500));
  let missing = 0;
  let notOnce = 0;
  for (const { token, email } of confirmed) {
    const booking = await check.booking.findUnique({ where: { manageTokenHash: hashManageToken(token) }, select: { id: true } });
    if (!booking) {
      missing++;
      continue;
    }
    const sent = await check.outboxMessage.count({ where: { bookingId: booking.id, status: "SENT", dueAt: { lte: new Date() } } });
    const confirmation = await check.outboxMessage.count({ where: { bookingId: booking.id, kind: "confirmation", status: "SENT" } });
    if (confirmation !== 1 || (received.get(email) ?? 0) !== sent) notOnce++;
  }
  await check.$disconnect();

  const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))] ?? NaN;
  process.stdout.write(`\n| route | requests | answers | p50 ms | p99 ms |\n|---|---:|---|---:|---:|\n`);
  for (const [route, values] of [...latencies].sort()) {
    const answers = [...statuses.get(route)!].sort().map(([status, count]) => `${count}× ${status}`).join(", ");
    process.stdout.write(`| ${route} | ${values.length} | ${answers} | ${percentile(values, 50).toFixed(1)} | ${percentile(values, 99).toFixed(1)} |\n`);
  }
  // The first minutes fill the caches (pages, templates, prepared statements): memory
  // is judged after them.
  const settled = rssByMinute.slice(Math.min(WARM_UP_MINUTES, rssByMinute.length - 1));
  const low = Math.min(...settled);
  const high = Math.max(...settled);
  process.stdout.write(`\nRSS by minute (MB): ${rssByMinute.map((r) => r.toFixed(0)).join(" ")}\n`);
  process.stdout.write(`RSS after the first ${WARM_UP_MINUTES} minutes: ${low.toFixed(0)}–${high.toFixed(0)} MB (${(((high - low) / low) * 100).toFixed(1)} % apart; flat means within 10 %)\n`);
  process.stdout.write(`5xx answers: ${serverErrors.length}${serverErrors.length > 0 ? ` (${[...new Set(serverErrors)].join(", ")})` : ""}\n`);
  process.stdout.write(`Actions that failed in the client: ${failures}\n`);
  process.stdout.write(`Confirmed bookings: ${confirmed.length}; missing from the database: ${missing}; not mailed exactly once: ${notOnce}\n`);
  const ok = confirmed.length > 0 && serverErrors.length === 0 && missing === 0 && notOnce === 0 && (high - low) / low <= 0.1;
  process.stdout.write(ok ? "The soak held.\n" : "The soak did NOT hold.\n");
  process.exitCode = ok ? 0 : 1;
} finally {
  for (const child of children) child.kill("SIGTERM");
  smtp.close();
  cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
}
