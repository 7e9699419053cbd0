// Faults on PostgreSQL: an app server killed while it holds a message, and the database
// server itself restarted under load. This file runs its own throwaway PostgreSQL
// cluster, so it can restart it.
import t from "tap";
import { startCluster } from "../../scripts/postgres-cluster.ts";
import { createPrismaClient } from "../../src/db/client.ts";
import { migrateDatabase } from "../../src/db/migrate.ts";
import { formBody, inputValue, slotLinks, validBooking } from "../helpers/forms.ts";
import { startServer, type ServerProcess } from "../helpers/servers.ts";
import { startSmtp } from "../helpers/smtp.ts";
import { within } from "../helpers/wait.ts";

async function bookFirstFree(server: ServerProcess, office: string, email: string): Promise<number> {
  const signal = AbortSignal.timeout(15_000);
  const page = await fetch(`${server.base}/nl/offices/${office}`, { signal });
  if (page.status !== 200) return page.status;
  const href = slotLinks(await page.text())[0];
  if (!href) return 0;
  const form = await fetch(server.base + href, { signal });
  if (form.status !== 200) return form.status;
  const html = await form.text();
  const response = await fetch(`${server.base}/nl/offices/${office}/book`, {
    method: "POST",
    redirect: "manual",
    signal,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: formBody({ ...validBooking, email, slot: inputValue(html, "slot"), formKey: inputValue(html, "formKey") }),
  });
  return response.status;
}

t.test("faults on PostgreSQL", async (t) => {
  const cluster = await startCluster({ fast: true });
  t.teardown(() => cluster.stop());
  cluster.createDatabase("faults");
  const url = cluster.url("faults");
  await migrateDatabase(url);
  const smtp = await startSmtp(t);
  const env = { ...smtp.env(), DATABASE_URL: url };
  const db = await createPrismaClient(url, { poolSize: 2 });
  t.teardown(() => db.$disconnect());

  t.test("a message claimed by a server that is then killed is sent by another once the claim expires", async (t) => {
    // A short lease, so the test need not wait five minutes for it.
    const shortLease = { ...env, OUTBOX_LEASE_SECONDS: "2" };
    const a = await startServer(t, shortLease);
    smtp.stall.add("held@example.org");
    t.equal(await bookFirstFree(a, "zwolle", "held@example.org"), 303);
    const claimed = await within(10_000, async () => smtp.stalled > 0);
    t.ok(claimed !== null, "server A claimed the confirmation and is sending it");
    const row = await db.outboxMessage.findFirstOrThrow({ where: { recipient: "held@example.org", kind: "confirmation" } });
    t.equal(row.status, "SENDING");
    await a.kill("SIGKILL");
    smtp.stall.clear();
    const b = await startServer(t, shortLease);
    const sent = await within(15_000, async () => (await db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } })).status === "SENT");
    t.ok(sent !== null, "server B sent it after the lease ran out");
    t.equal(smtp.to("held@example.org").length, 1, "delivered once");
    await b.kill("SIGTERM");
  });

  t.test("a database restart under load: 503 pages, never a 500 or a hang, and recovery by itself", async (t) => {
    const servers = await Promise.all([startServer(t, env), startServer(t, env)]);
    const statuses: number[] = [];
    const confirmed: string[] = [];
    let n = 0;
    let stop = false;
    t.teardown(() => (stop = true)); // should an assertion throw first
    const load = async (server: ServerProcess, office: string) => {
      while (!stop) {
        const email = `load-${++n}@example.org`;
        const status = await bookFirstFree(server, office, email).catch((error: Error) => (error.name === "TimeoutError" ? -1 : -2));
        statuses.push(status);
        if (status === 303) confirmed.push(email);
        if (status !== 303) await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const streams = [load(servers[0], "amsterdam"), load(servers[1], "den-haag"), load(servers[0], "tilburg")];
    const loaded = await within(10_000, async () => confirmed.length >= 5);
    t.ok(loaded !== null, `bookings succeed under load before the restart (${confirmed.length} confirmed)`);
    const beforeRestart = statuses.length;
    await cluster.restart(1_500);
    const back = await within(20_000, async () => statuses.slice(beforeRestart).filter((s) => s === 303).length >= 5);
    stop = true;
    await Promise.all(streams);
    const during = statuses.slice(beforeRestart);
    t.ok(back !== null, `bookings succeed again ${back} ms after the server was back`);
    t.ok(during.includes(503), "requests during the restart got the 503 page");
    if (!t.same([...new Set(statuses)].filter((s) => ![200, 303, 409, 503].includes(s)).sort(), [], "no 500, no hang, no broken connection")) {
      for (const server of servers) t.comment(server.output().split("\n").filter((line) => line.includes('"level":50')).join("\n").slice(-4000));
    }
    const stored = new Set((await db.booking.findMany({ select: { email: true } })).map((b) => b.email));
    t.same(confirmed.filter((email) => !stored.has(email)), [], `all ${confirmed.length} confirmed bookings are in the database`);
    const sent = await within(30_000, async () => (await db.outboxMessage.count({ where: { kind: "confirmation", status: { in: ["PENDING", "SENDING"] } } })) === 0);
    t.ok(sent !== null, "every confirmation went out after the restart");
    const deliveries = confirmed.map((email) => smtp.to(email).filter((m) => m.parsed.subject?.startsWith("Uw afspraak op")).length);
    t.same(deliveries.filter((n) => n !== 1), [], "each confirmed booking's confirmation arrived exactly once");
    for (const server of servers) {
      if (!t.equal(server.child.exitCode ?? server.child.signalCode, null, "the app server is still running")) {
        t.comment(server.output().slice(-3000));
        continue;
      }
      t.equal((await fetch(`${server.base}/nl/offices/zwolle`)).status, 200, "the server serves again");
    }
  });
});
