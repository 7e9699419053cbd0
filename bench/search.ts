// npm run bench:search — the staff booking search on 100,000 bookings with names in many
// scripts: median and p95 milliseconds of searchBookings for a rare name, a common
// fragment, a booking code and a query that matches nothing, over all four offices and
// over one, and the process's memory. SQLite in a fresh file; BENCH_DB=postgres (or a
// postgresql:// URL in BENCH_DB) runs it on PostgreSQL as well, on a throwaway cluster
// unless a URL is given. BENCH_BOOKINGS and BENCH_RUNS change the size and the count.
// A benchmark, not a test: it never fails on speed.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startCluster, type Cluster } from "../scripts/postgres-cluster.ts";
import { ManualClock } from "../src/clock.ts";
import { createPrismaClient, statementCount } from "../src/db/client.ts";
import { migrateDatabase } from "../src/db/migrate.ts";
import { searchNameOf } from "../src/db/search-name.ts";
import { searchBookings } from "../src/domain/agenda/search-bookings.ts";
import { seedDatabase } from "../src/domain/install/seed.ts";

const TOTAL = Number(process.env.BENCH_BOOKINGS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const BENCH_DB = process.env.BENCH_DB ?? "";
const now = new ManualClock("2026-11-30T08:00:00Z");

// Given names and family names as clients type them: Arabic, Farsi/Dari and Pashto in
// Arabic script, Tigrinya in Ge'ez, Russian, Ukrainian and Mongolian in Cyrillic,
// Georgian, Turkish, Albanian, Bosnian, Polish and Dutch in Latin with diacritics, and
// transliterations of all of these.
const given = [
  "محمد", "أحمد", "فاطمة", "عائشة", "يوسف", "مريم", "علی", "زهرا", "حسین", "نرگس", "گل‌بی‌بی", "احمد شاه",
  "ተስፋይ", "ሃብቶም", "ለተብርሃን", "ዮናስ", "ሰላም", "ፍሕወት", "Мухаммад", "Алексей", "Ольга", "Наталія", "Олександр", "Батбаяр",
  "Оюунчимэг", "გიორგი", "ნინო", "Ömer", "Ayşe", "Çağla", "İbrahim", "Şükrü", "Arbër", "Dëshira", "Emina", "Đorđe",
  "Željka", "Małgorzata", "Zoë", "Sjoerd", "Mohammed", "Muhammad", "Amina", "Fatima", "Ahmad", "Yonas", "Tesfay", "Olena",
];
const family = [
  "الحسن", "عبد الله", "الخطيب", "حداد", "رحیمی", "احمدزی", "محمدی", "ገብረሂወት", "ተኽለ", "ወልደሚካኤል", "Иванов", "Шевченко",
  "Коваленко", "Бат-Эрдэнэ", "ბერიძე", "მაისურაძე", "Yılmaz", "Öztürk", "Çelik", "Hoxha", "Krasniqi", "Hadžić", "Kovačević", "Wójcik",
  "de Vries", "van den Berg", "Haddad", "Rahimi", "Ahmadzai", "Gebrehiwet", "Tekle", "Ivanova", "Shevchenko", "Beridze", "Nguyễn", "Al-Hassan",
];

/** A fixed sequence of pseudo-random numbers, so every run seeds the same names. */
function generator(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return Math.floor((state / 2_147_483_648) * n);
  };
}

const RARE_NAME = "Ömer Yılmaz-Brandsma";

async function seed(databaseUrl: string) {
  await migrateDatabase(databaseUrl);
  const db = await createPrismaClient(databaseUrl, { poolSize: 2 });
  await seedDatabase(db, now);
  const offices = await db.office.findMany({ orderBy: { id: "asc" } });
  const pick = generator(42);
  const rare = { code: "", officeId: 0 };
  for (let start = 0; start < TOTAL; start += 1000) {
    const rows = Array.from({ length: Math.min(1000, TOTAL - start) }, (_, k) => {
      const i = start + k;
      // Past appointments every 20 minutes back from today (a few in the coming days),
      // each on a place of its own so the unique seat index holds.
      const future = i % 50 === 0;
      const minutes = future ? (i / 50) * 20 : -(i + 1) * 20;
      const startsAt = new Date(now.now().getTime() + (future ? 86_400_000 : 0) + minutes * 60_000);
      const isRare = i === Math.floor(TOTAL * 0.7);
      let name = isRare ? RARE_NAME : `${given[pick(given.length)]} ${family[pick(family.length)]}`;
      // Some are typed in capitals or with stray spaces.
      if (i % 17 === 0 && !isRare) name = name.toUpperCase();
      if (i % 23 === 0 && !isRare) name = ` ${name.replace(" ", "  ")} `;
      const code = `B${String(i).padStart(7, "0")}`.replace(/[01]/g, (d) => (d === "0" ? "Z" : "Y"));
      const officeId = offices[i % offices.length]!.id;
      if (isRare) Object.assign(rare, { code, officeId });
      return {
        code,
        manageTokenHash: randomBytes(32).toString("hex"),
        officeId,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 20 * 60_000),
        seat: 1,
        status: future ? ("BOOKED" as const) : ("ATTENDED" as const),
        channel: "SELF" as const,
        locale: "nl",
        language: "ar",
        interpreterNeeded: false,
        name,
        searchName: searchNameOf(name),
        createdAt: now.now(),
      };
    });
    await db.booking.createMany({ data: rows });
  }
  // What autovacuum does on a live server soon after a bulk insert: statistics for the
  // planner, and the visibility map that lets PostgreSQL read an index without the table.
  if (/^postgres/i.test(databaseUrl)) await db.$executeRawUnsafe('VACUUM ANALYZE "Booking"');
  return { db, rare };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
/** Peak resident memory of this process since the last resetPeakRss() (Linux: VmHWM). */
function peakRss(): number {
  const line = readFileSync("/proc/self/status", "utf8").match(/VmHWM:\s+(\d+) kB/);
  return line ? Number(line[1]) * 1024 : process.memoryUsage().rss;
}
function resetPeakRss() {
  try {
    writeFileSync("/proc/self/clear_refs", "5");
  } catch {
    // Not Linux: the peak then includes the seeding.
  }
}

/** In a process of its own (so the seeding's memory is not counted): the timings. */
async function measureSearches(databaseUrl: string, rare: { code: string; officeId: number }) {
  const db = await createPrismaClient(databaseUrl, { poolSize: 2 });
  const officeIds = (await db.office.findMany({ orderBy: { id: "asc" } })).map((o) => o.id);
  const queries: Array<[string, string]> = [
    ["rare name (1 booking)", "brandsma"],
    // Decomposed Ö, capitals, a double space and full-width letters: NFKC folds them all.
    ["rare name, typed otherwise", "O\u0308MER  yılmaz-ＢＲＡＮＤＳＭＡ"],
    ["common fragment (many)", "moha"],
    ["Tigrinya fragment (many)", "ተስፋ"],
    ["booking code", `${rare.code.slice(0, 4).toLowerCase()} ${rare.code.slice(4).toLowerCase()}`],
    ["no match", "xqzv"],
  ];
  process.stdout.write(`${"query".padEnd(30)}${"offices".padEnd(9)}${"rows".padEnd(6)}${"median ms".padEnd(11)}${"p95 ms".padEnd(9)}statements\n`);
  for (const [label, query] of queries) {
    for (const scope of [officeIds, [rare.officeId]]) {
      const input = { officeIds: scope, query };
      for (let i = 0; i < Math.min(20, RUNS); i++) await searchBookings(db, input);
      const times: number[] = [];
      const before = statementCount(db);
      let rows = 0;
      for (let i = 0; i < RUNS; i++) {
        const start = process.hrtime.bigint();
        rows = (await searchBookings(db, input)).rows.length;
        times.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
      const statements = (statementCount(db) - before) / RUNS;
      times.sort((a, b) => a - b);
      process.stdout.write(
        `${label.padEnd(30)}${String(scope.length).padEnd(9)}${String(rows).padEnd(6)}${percentile(times, 50).toFixed(2).padEnd(11)}${percentile(times, 95).toFixed(2).padEnd(9)}${statements}\n`,
      );
    }
  }
  const rss = process.memoryUsage().rss;
  // The worst moment for memory: eight staff members search a common fragment at once.
  resetPeakRss();
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: 8 }, () => searchBookings(db, { officeIds, query: "moha" })));
  const together = Number(process.hrtime.bigint() - start) / 1e6;
  process.stdout.write(`RSS after the runs ${mb(rss)}; 8 searches at once: ${together.toFixed(1)} ms in all, peak RSS ${mb(peakRss())} meanwhile\n`);
  await db.$disconnect();
}

async function measure(engine: string, databaseUrl: string) {
  process.stdout.write(`\n${engine}: seeding ${TOTAL.toLocaleString("en")} bookings…\n`);
  const { db, rare } = await seed(databaseUrl);
  await db.$disconnect();
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
    stdio: "inherit",
    env: { ...process.env, BENCH_MEASURE: JSON.stringify({ databaseUrl, rare }) },
  });
  if (child.status !== 0) throw new Error(`the measuring process failed (${child.status ?? child.signal})`);
}

if (process.env.BENCH_MEASURE) {
  const { databaseUrl, rare } = JSON.parse(process.env.BENCH_MEASURE) as { databaseUrl: string; rare: { code: string; officeId: number } };
  await measureSearches(databaseUrl, rare);
} else {
  const dir = mkdtempSync(join(tmpdir(), "spreekuur-search-"));
  let cluster: Cluster | null = null;
  try {
    process.stdout.write(`Staff search, ${RUNS} runs per query after a warm-up, over all four offices and over one\n`);
    await measure("SQLite", `file:${join(dir, "search.db")}`);
    if (/^postgres/i.test(BENCH_DB)) {
      let url = BENCH_DB;
      if (!/^postgres(ql)?:\/\//i.test(url)) {
        cluster = await startCluster();
        cluster.createDatabase("search");
        url = cluster.url("search");
      }
      await measure("PostgreSQL", url);
    }
  } finally {
    cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
