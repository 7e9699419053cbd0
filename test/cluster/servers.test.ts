// Three app servers on one PostgreSQL database, as behind a load balancer. Every
// guarantee a single server gives must hold across them: bookings, the outbox, the
// periodic job, the read caches, the limits and staff sessions.
import { randomBytes } from "node:crypto";
import t from "tap";
import { createPrismaClient } from "../../src/db/client.ts";
import { createTestDatabase } from "../helpers/database.ts";
import { formBody, inputValue, slotLinks, validBooking } from "../helpers/forms.ts";
import { startServer, type ServerProcess } from "../helpers/servers.ts";
import { startSmtp } from "../helpers/smtp.ts";
import { within } from "../helpers/wait.ts";

const ADMIN = { email: "admin@spreekuur.test", password: "a long password for the cluster test" };

t.test("three app servers on one PostgreSQL database", async (t) => {
  const smtp = await startSmtp(t);
  const database = await createTestDatabase();
  t.teardown(() => database.drop());
  const env = {
    ...smtp.env(),
    DATABASE_URL: database.url,
    LOG_LEVEL: "info",
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    RATE_LIMIT_MANAGE: "12",
  };
  // Started at the same moment on an empty database: each seeds, migrates nothing, and
  // runs the outbox worker and the retention job.
  const servers = await Promise.all([1, 2, 3].map(() => startServer(t, env)));
  const [a, b, c] = servers as [ServerProcess, ServerProcess, ServerProcess];
  const db = await createPrismaClient(database.url, { poolSize: 2 });
  t.teardown(() => db.$disconnect());

  t.test("the database was seeded once", async (t) => {
    t.equal(await db.office.count(), 4);
    t.equal(await db.staffUser.count(), 1);
  });

  t.test("the retention job ran on exactly one of them", async (t) => {
    const ran = await within(10_000, async () => servers.some((s) => s.output().includes("retention: expired personal data erased")));
    t.ok(ran !== null, "it ran");
    await new Promise((resolve) => setTimeout(resolve, 500));
    t.equal(servers.filter((s) => s.output().includes("retention: expired personal data erased")).length, 1, "once, not once per server");
    const job = await db.scheduledJob.findUniqueOrThrow({ where: { name: "retention" } });
    t.ok(job.dueAt.getTime() > Date.now() + 23 * 3600_000, "next due in a day");
  });

  t.test("200 clients racing for one slot over three servers book exactly its capacity", async (t) => {
    const page = await (await fetch(`${a.base}/en/offices/den-haag`)).text();
    const href = slotLinks(page)[0]!;
    const startsAt = new Date(new URL(href, a.base).searchParams.get("slot")!);
    const office = await db.office.findUniqueOrThrow({ where: { slug: "den-haag" }, include: { series: true } });
    const capacity = office.series[0]!.capacity;
    t.ok(capacity >= 2, `the slot holds ${capacity}`);
    const forms = await Promise.all(Array.from({ length: 200 }, (_, i) => fetch(servers[i % 3]!.base + href).then((r) => r.text())));
    const responses = await Promise.all(
      forms.map((form, i) =>
        fetch(`${servers[(i + 1) % 3]!.base}/en/offices/den-haag/book`, {
          method: "POST",
          redirect: "manual",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: formBody({ ...validBooking, name: `Racer ${i}`, email: `racer-${i}@example.org`, slot: inputValue(form, "slot"), formKey: inputValue(form, "formKey") }),
        }).then((r) => r.status),
      ),
    );
    t.equal(responses.filter((s) => s === 303).length, capacity, "as many booked as there are places");
    t.equal(responses.filter((s) => s === 409).length, 200 - capacity, "every other client is told the time was just taken");
    const seats = await db.booking.findMany({ where: { officeId: office.id, startsAt, status: "BOOKED" }, select: { seat: true }, orderBy: { seat: "asc" } });
    t.same(seats.map((s) => s.seat), Array.from({ length: capacity }, (_, i) => i + 1));
  });

  t.test("every confirmation is sent exactly once although all three run the worker", async (t) => {
    const expected = await db.outboxMessage.count({ where: { kind: "confirmation" } });
    t.ok(expected >= 2);
    const done = await within(20_000, async () => (await db.outboxMessage.count({ where: { kind: "confirmation", status: "SENT" } })) === expected);
    t.ok(done !== null, "all sent");
    await new Promise((resolve) => setTimeout(resolve, 500));
    const confirmations = smtp.received.filter((m) => m.to.some((to) => to.startsWith("racer-")));
    t.equal(confirmations.length, expected, "one delivery per message");
    t.equal(new Set(confirmations.map((m) => m.parsed.messageId)).size, expected, "no message twice");
  });

  t.test("a booking made on one server shows as taken on another's office page within a second", async (t) => {
    const before = await (await fetch(`${b.base}/nl/offices/zwolle`)).text();
    const href = slotLinks(before)[0]!;
    // Read again: now it is B's kept copy.
    t.ok(slotLinks(await (await fetch(`${b.base}/nl/offices/zwolle`)).text()).includes(href));
    const form = await (await fetch(a.base + href)).text();
    const booked = await fetch(`${a.base}/nl/offices/zwolle/book`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: formBody({ ...validBooking, slot: inputValue(form, "slot"), formKey: inputValue(form, "formKey") }),
    });
    t.equal(booked.status, 303);
    const seen = await within(1_000, async () => !slotLinks(await (await fetch(`${b.base}/nl/offices/zwolle`)).text()).includes(href));
    t.ok(seen !== null, `server B shows the place taken after ${seen} ms`);
  });

  t.test("the manage-link limit counts a visitor's requests on every server together", async (t) => {
    const token = () => randomBytes(32).toString("base64url");
    const statuses = await Promise.all(Array.from({ length: 30 }, (_, i) => fetch(`${servers[i % 3]!.base}/nl/booking/${token()}/confirmation`).then((r) => r.status)));
    t.equal(statuses.filter((s) => s !== 429).length, 12, "12 a minute in all, sent at once to three servers");
    t.equal(statuses.filter((s) => s === 404).length, 12);
  });

  t.test("28 wrong passwords sent at once to three servers: five are checked, the rest wait", async (t) => {
    const forms = await Promise.all(
      Array.from({ length: 28 }, async (_, i) => {
        const server = servers[i % 3]!;
        const form = await fetch(`${server.base}/staff/login`);
        const cookie = (form.headers.get("set-cookie") ?? "").split(";")[0]!;
        const nonce = /name="_login" value="([^"]+)"/.exec(await form.text())![1]!;
        return { server, cookie, nonce, password: `wrong ${i}` };
      }),
    );
    const sent = Date.now();
    const attempts = await Promise.all(
      forms.map(async ({ server, cookie, nonce, password }) => {
        const response = await fetch(`${server.base}/staff/login`, {
          method: "POST",
          redirect: "manual",
          headers: { "content-type": "application/x-www-form-urlencoded", cookie },
          body: formBody({ email: ADMIN.email, password, _login: nonce }),
        });
        return response.status;
      }),
    );
    // After five failures the next attempt must wait 1 s, the one after it 2 s more, and
    // so on (login-throttle.ts). On a machine so busy that the burst outlasts a wait, the
    // attempt after it is rightly checked: allow exactly those.
    const elapsed = Date.now() - sent;
    const waitsOver = [1000, 3000, 7000, 15_000].filter((ms) => elapsed >= ms).length;
    const checked = attempts.filter((s) => s === 401).length;
    t.equal(checked + attempts.filter((s) => s === 429).length, 28, "every attempt is refused: checked, or told to wait unchecked");
    t.ok(checked >= 5 && checked <= 5 + waitsOver, `${checked} checked in ${elapsed} ms: five, and one more for each wait that passed (${waitsOver})`);
    if (waitsOver === 0) t.equal(checked, 5, "five checked, the rest must wait");
    await db.limitCounter.deleteMany();
  });

  t.test("a staff session works on every server, and signing out on one ends it on all", async (t) => {
    const form = await fetch(`${a.base}/staff/login`);
    const loginCookie = (form.headers.get("set-cookie") ?? "").split(";")[0]!;
    const nonce = /name="_login" value="([^"]+)"/.exec(await form.text())![1]!;
    const signIn = await fetch(`${a.base}/staff/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: loginCookie },
      body: formBody({ email: ADMIN.email, password: ADMIN.password, _login: nonce }),
    });
    t.equal(signIn.status, 303);
    const session = signIn.headers.getSetCookie().find((c) => c.startsWith("spreekuur_staff="))!.split(";")[0]!;
    const home = async (server: ServerProcess) => (await fetch(`${server.base}/staff`, { redirect: "manual", headers: { cookie: session } })).status;
    t.same(await Promise.all(servers.map(home)), [200, 200, 200], "signed in on A, known on A, B and C");
    const page = await (await fetch(`${c.base}/staff`, { headers: { cookie: session } })).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
    const out = await fetch(`${c.base}/staff/logout`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: session },
      body: formBody({ _csrf: csrf }),
    });
    t.equal(out.status, 303, "signed out on C");
    const gone = await within(1_000, async () => (await Promise.all([a, b].map(home))).every((s) => s === 303));
    t.ok(gone !== null, `A and B refuse the session ${gone} ms later`);
  });
});
