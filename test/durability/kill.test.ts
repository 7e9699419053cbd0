// The server process is killed (SIGKILL) in the middle of a stream of bookings and
// started again: every booking that got a success page exists, and every one of their
// confirmation emails reaches the mail server.
import t from "tap";
import { createPrismaClient } from "../../src/db/client.ts";
import { createTestDatabase } from "../helpers/database.ts";
import { formBody, inputValue, slotLinks, validBooking } from "../helpers/forms.ts";
import { startServer as startProcess } from "../helpers/servers.ts";
import { startSmtp } from "../helpers/smtp.ts";
import { waitFor, within } from "../helpers/wait.ts";

/** Books one free place; resolves with the client's email when a success page came back. */
async function bookOne(base: string, office: string, email: string): Promise<string | null> {
  const page = await (await fetch(`${base}/nl/offices/${office}`)).text();
  const href = slotLinks(page)[0];
  if (!href) return null;
  const form = await (await fetch(base + href)).text();
  const response = await fetch(`${base}/nl/offices/${office}/book`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: formBody({ ...validBooking, email, slot: inputValue(form, "slot"), formKey: inputValue(form, "formKey") }),
  });
  return response.status === 303 ? email : null;
}

t.test("SIGKILL in the middle of a stream of bookings loses no booking and no promised email", async (t) => {
  const smtp = await startSmtp(t);
  const database = await createTestDatabase();
  t.teardown(() => database.drop());
  const databaseUrl = database.url;
  const env = { ...smtp.env(), DATABASE_URL: databaseUrl, OUTBOX_LEASE_SECONDS: "2" };
  const startServer = (e: Record<string, string>) => startProcess(t, e);
  const succeeded: string[] = [];
  let n = 0;
  const stream = async (base: string, office: string, until: () => boolean) => {
    while (!until()) {
      const email = `client-${++n}@example.org`;
      try {
        const ok = await bookOne(base, office, email);
        if (ok) succeeded.push(ok);
      } catch {
        return; // the server went away under us
      }
    }
  };

  const first = await startServer(env);
  let killed = false;
  t.teardown(() => (killed = true)); // stops the streams should the wait below fail
  // Three clients at once; the process is killed while they are mid-request.
  const streams = ["amsterdam", "den-haag", "zwolle"].map((office) => stream(first.base, office, () => killed));
  await waitFor("12 bookings with a success page before the kill", 60_000, () => succeeded.length >= 12);
  first.child.kill("SIGKILL");
  killed = true;
  await Promise.all(streams);
  const beforeRestart = succeeded.length;
  t.ok(beforeRestart >= 12, `${beforeRestart} bookings got a success page before the kill`);

  const second = await startServer(env);
  let more = 0;
  await Promise.all(["amsterdam", "den-haag"].map((office) => stream(second.base, office, () => ++more > 12)));
  t.ok(succeeded.length > beforeRestart, "booking goes on after the restart");

  // Every booking that got a success page exists.
  const db = await createPrismaClient(databaseUrl);
  t.teardown(() => db.$disconnect());
  const stored = new Set((await db.booking.findMany({ select: { email: true } })).map((b) => b.email));
  t.same(succeeded.filter((email) => !stored.has(email)), [], "no booking that was confirmed is missing");

  // The restarted worker sends what the killed one left (taking over its claims).
  const open = () => db.outboxMessage.count({ where: { kind: "confirmation", status: { in: ["PENDING", "SENDING"] } } });
  const drained = await within(60_000, async () => (await open()) === 0, 250);
  t.ok(drained !== null, `the outbox is empty within a minute (${drained === null ? `${await open()} confirmations still open` : `${drained} ms`})`);
  const confirmations = smtp.received.filter((m) => m.parsed.subject?.startsWith("Uw afspraak op"));
  const perRecipient = new Map<string, Set<string>>();
  const deliveries = new Map<string, number>();
  for (const mail of confirmations) {
    const to = mail.to[0]!;
    perRecipient.set(to, (perRecipient.get(to) ?? new Set()).add(mail.parsed.messageId ?? ""));
    deliveries.set(to, (deliveries.get(to) ?? 0) + 1);
  }
  t.same(succeeded.filter((email) => !perRecipient.has(email)), [], "every confirmed booking's confirmation arrived");
  t.same([...perRecipient].filter(([, ids]) => ids.size !== 1).map(([to]) => to), [], "exactly one message per booking (one Message-ID each)");
  // SMTP cannot be made transactional with the database: a message accepted by the mail
  // server in the instant before the kill is sent again after the restart, with the same
  // Message-ID, so the receiving server can recognise it. At most one per kill.
  const repeats = [...deliveries].filter(([, count]) => count > 1);
  t.ok(repeats.length <= 1 && repeats.every(([, count]) => count === 2), `repeated deliveries: ${JSON.stringify(repeats)}`);
  const sent = await db.outboxMessage.count({ where: { kind: "confirmation", status: "SENT" } });
  t.equal(sent, stored.size, "every booking's confirmation is recorded as sent");
});
