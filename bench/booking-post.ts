// (b) The booking POST: each request takes a different free place with a fresh form key.
// There are only so many places (about 1,500), so the rate is counted from the first
// request to the last answer, rather than from autocannon's per-second samples, which a
// run shorter than a few seconds leaves half empty. Each round books every free place
// once; between rounds the bench's own bookings are cancelled (their seats freed) so the
// next round finds the same places free again.
import { randomBytes } from "node:crypto";
import autocannon from "autocannon";
import { createPrismaClient } from "../src/db/client.ts";
import { CONNECTIONS, cpuMs, peakRss, POST_HEADERS, type Row } from "./measure.ts";

export async function measureBookingPost(base: string, databaseUrl: string, places: Array<{ slug: string; slot: string }>, pid: number): Promise<{ row: Row; statuses: Map<number, number> }> {
  const rounds = Math.max(1, Number(process.env.BENCH_POST_ROUNDS ?? 3));
  const statuses = new Map<number, number>();
  const latencies: { p50: number[]; p99: number[] } = { p50: [], p99: [] };
  let sent = 0;
  let failures = 0;
  let seconds = 0;
  let cpu = 0;
  for (let round = 0; round < rounds; round++) {
    if (round > 0) {
      const reset = await createPrismaClient(databaseUrl, { poolSize: 1 });
      await reset.booking.updateMany({ where: { name: "Bench", seat: { not: null } }, data: { seat: null, status: "CANCELLED" } });
      await reset.$disconnect();
    }
    // Bodies are made before the run, so the load generator's own work does not slow it.
    const requests = places.map((place) => ({
      path: `/nl/offices/${place.slug}/book`,
      body: new URLSearchParams({ slot: place.slot, formKey: randomBytes(32).toString("base64url"), name: "Bench", language: "ar", interpreter: "no", consent: "yes" }).toString(),
    }));
    let cursor = 0;
    const cpuBefore = cpuMs(pid);
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
    cpu += cpuMs(pid) - cpuBefore;
    sent += post.requests.sent;
    failures += post.errors + post.timeouts;
    latencies.p50.push(post.latency.p50);
    latencies.p99.push(post.latency.p99);
  }
  const booked = statuses.get(303) ?? 0;
  return {
    statuses,
    row: {
      name: "(b) booking POST, a different free place each",
      rps: sent / seconds,
      p50: Math.max(...latencies.p50),
      p99: Math.max(...latencies.p99),
      errors: failures + (sent - booked),
      rss: peakRss(pid),
      note: `${booked} booked of ${places.length * rounds} places (${rounds} rounds of ${places.length}) in ${seconds.toFixed(2)} s, ${(cpu / sent).toFixed(2)} ms of app CPU each (${((100 * cpu) / 1000 / seconds).toFixed(0)}% of one core)`,
    },
  };
}
