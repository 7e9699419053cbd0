// The outbox worker never keeps a message from other workers longer than it must: one
// that stops gives back what it claimed and did not send, and a server that cannot
// listen (a second start on a port in use) claims nothing at all.
import { createServer } from "node:net";
import t from "tap";
import { renderOutboxMessage } from "../../src/emails/render.ts";
import type { OutgoingMail } from "../../src/emails/transport.ts";
import { OutboxWorker } from "../../src/emails/worker.ts";
import { buildTestApp } from "../helpers/app.ts";
import { bookSlot, validBooking } from "../helpers/forms.ts";
import { startServer } from "../helpers/servers.ts";

const slots = ["2026-12-01T09:00:00.000Z", "2026-12-01T09:20:00.000Z", "2026-12-01T09:40:00.000Z", "2026-12-01T10:00:00.000Z"];

t.test("a worker told to stop finishes the message it is sending and gives the rest back at once", async (t) => {
  const { app, db, clock, config } = await buildTestApp(t, { now: "2026-11-30T08:00:00Z" });
  for (const [i, slot] of slots.entries()) await bookSlot(app, `/en/offices/zwolle/book?slot=${slot}`, { ...validBooking, email: `client${i}@example.org` });
  const due = await db.outboxMessage.count({ where: { status: "PENDING", kind: "confirmation" } });
  t.equal(due, 4);
  let release: () => void = () => {};
  let started: () => void = () => {};
  const sending = new Promise<void>((resolve) => (started = resolve));
  const sent: OutgoingMail[] = [];
  const transport = {
    description: "held",
    close() {},
    async send(mail: OutgoingMail) {
      sent.push(mail);
      started();
      // The first message is held in hand until the test lets it go.
      if (sent.length === 1) await new Promise<void>((resolve) => (release = resolve));
    },
  };
  const worker = new OutboxWorker({
    db,
    clock,
    transport,
    smsTransport: app.smsTransport,
    log: app.log,
    batchSize: 10,
    render: (row, now) => renderOutboxMessage({ db, eta: app.eta, seal: app.deps.seal, publicUrl: config.publicUrl, from: config.mail.from }, row, now),
  });
  void worker.runOnce();
  await sending;
  t.ok((await db.outboxMessage.count({ where: { status: "SENDING" } })) >= 4, "the batch is claimed");
  const stopped = worker.stop();
  release();
  await stopped;
  t.equal(sent.length, 1, "only the message in hand was sent");
  t.equal(await db.outboxMessage.count({ where: { status: "SENT" } }), 1);
  const back = await db.outboxMessage.findMany({ where: { status: { not: "SENT" } } });
  t.ok(back.length >= 3);
  t.same(back.filter((m) => m.status !== "PENDING" || m.claimToken !== null).map((m) => m.id), [], "every other claimed message is pending again, for any worker");
});

t.test("a second start on a port in use says so and claims no message and no job", async (t) => {
  const { app, db, dir, config } = await buildTestApp(t, { now: "2026-11-30T08:00:00Z" });
  await bookSlot(app, `/en/offices/zwolle/book?slot=${slots[0]}`, { ...validBooking, email: "waiting@example.org" });
  const before = await db.outboxMessage.findMany({ orderBy: { id: "asc" } });
  t.ok(before.length > 0 && before.every((m) => m.status === "PENDING"));
  const busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
  t.teardown(() => new Promise<void>((resolve) => busy.close(() => resolve())));
  const port = (busy.address() as { port: number }).port;
  const failure = await startServer(t, { DATABASE_URL: config.databaseUrl, HOST: "127.0.0.1", PORT: String(port), MAIL_DIR: `${dir}/mail-second` }).then(
    () => null,
    (error: Error) => error.message,
  );
  t.match(failure, `Port ${port} on 127.0.0.1 is in use (is Spreekuur already running?)`, "one clear line");
  t.notMatch(failure ?? "", /\n\s+at /, "no stack trace");
  t.same(await db.outboxMessage.findMany({ orderBy: { id: "asc" } }), before, "no message was claimed or touched");
  t.equal(await db.scheduledJob.count(), 0, "the retention job was not claimed either");
});
