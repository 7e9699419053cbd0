// Every promised message arrives exactly once: mail server down for a while, permanent
// refusals, overlapping workers, a worker that died mid-send.
import t from "tap";
import { createPrismaClient } from "../../src/db/client.ts";
import { renderOutboxMessage } from "../../src/emails/render.ts";
import { createMailTransport } from "../../src/emails/transport.ts";
import { OutboxWorker } from "../../src/emails/worker.ts";
import { buildTestApp } from "../helpers/app.ts";
import { bookSlot, validBooking } from "../helpers/forms.ts";
import { startSmtp } from "../helpers/smtp.ts";

const slots = ["2026-12-01T09:00:00.000Z", "2026-12-01T09:20:00.000Z", "2026-12-01T09:40:00.000Z"];
const minute = 60_000;

t.test("the mail server goes away: nothing is lost, failures show their retry time, and each message arrives once", async (t) => {
  const smtp = await startSmtp(t);
  const { app, db, clock } = await buildTestApp(t, { now: "2026-11-30T08:00:00Z", env: smtp.env() });
  await smtp.stop();
  for (const [i, slot] of slots.entries()) {
    const { response } = await bookSlot(app, `/nl/offices/zwolle/book?slot=${slot}`, { ...validBooking, email: `down${i}@example.org` });
    t.equal(response.statusCode, 303, "booking works while mail is down");
  }
  t.same(await app.outbox.runOnce(), { sent: 0, retrying: 3, failed: 0, dropped: 0 });
  const pending = await db.outboxMessage.findMany({ where: { kind: "confirmation" }, orderBy: { id: "asc" } });
  t.equal(pending.length, 3);
  for (const row of pending) {
    t.same([row.status, row.attempts], ["PENDING", 1]);
    t.match(row.lastError, /ECONNREFUSED/);
    t.equal(row.nextAttemptAt.getTime() - clock.now().getTime(), minute, "retried after a minute");
  }
  clock.advance(minute);
  t.same(await app.outbox.runOnce(), { sent: 0, retrying: 3, failed: 0, dropped: 0 }, "still down");
  const second = await db.outboxMessage.findFirstOrThrow({ where: { kind: "confirmation" } });
  t.equal(second.nextAttemptAt.getTime() - clock.now().getTime(), 2 * minute, "then after two minutes");

  await smtp.start();
  clock.advance(30_000);
  t.equal((await app.outbox.runOnce()).sent, 0, "not before the retry time");
  clock.advance(90_000);
  t.equal((await app.outbox.runOnce()).sent, 3);
  clock.advance(24 * 60 * minute);
  await app.outbox.runOnce();
  for (let i = 0; i < 3; i++) {
    const mails = smtp.to(`down${i}@example.org`).filter((m) => m.parsed.subject?.startsWith("Uw afspraak"));
    t.equal(mails.length, 1, `confirmation ${i} arrived exactly once`);
  }
  t.same(
    (await db.outboxMessage.findMany({ where: { kind: "confirmation" } })).map((r) => [r.status, r.attempts, r.lastError]),
    Array.from({ length: 3 }, () => ["SENT", 3, null]),
  );
});

t.test("a permanent refusal fails that message at once and does not hold up the others", async (t) => {
  const smtp = await startSmtp(t);
  smtp.reject.add("nobody@example.org");
  const { app, db, clock } = await buildTestApp(t, { now: "2026-11-30T08:00:00Z", env: smtp.env() });
  await bookSlot(app, `/en/offices/zwolle/book?slot=${slots[0]}`, { ...validBooking, email: "nobody@example.org" });
  await bookSlot(app, `/en/offices/zwolle/book?slot=${slots[1]}`, { ...validBooking, email: "somebody@example.org" });
  t.same(await app.outbox.runOnce(), { sent: 1, retrying: 0, failed: 1, dropped: 0 });
  const failed = await db.outboxMessage.findFirstOrThrow({ where: { recipient: "nobody@example.org", kind: "confirmation" } });
  t.equal(failed.status, "FAILED");
  t.equal(failed.attempts, 1);
  t.match(failed.lastError, /^550 /, "the server's reason is kept");
  t.equal(smtp.to("somebody@example.org").length, 1);
  clock.advance(48 * 60 * minute);
  await app.outbox.runOnce();
  t.equal((await db.outboxMessage.findUniqueOrThrow({ where: { id: failed.id } })).attempts, 1, "never tried again");
});

t.test("retries back off exponentially and stop at the maximum", async (t) => {
  const smtp = await startSmtp(t);
  const { app, db, clock } = await buildTestApp(t, { now: "2026-11-30T08:00:00Z", env: smtp.env() });
  await smtp.stop();
  await bookSlot(app, `/en/offices/zwolle/book?slot=${slots[0]}`, { ...validBooking, email: "later@example.org" });
  const delays: number[] = [];
  for (let attempt = 1; attempt <= 20; attempt++) {
    await app.outbox.runOnce();
    const row = await db.outboxMessage.findFirstOrThrow({ where: { kind: "confirmation" } });
    t.equal(row.attempts, attempt);
    if (row.status === "FAILED") break;
    delays.push((row.nextAttemptAt.getTime() - clock.now().getTime()) / minute);
    clock.set(row.nextAttemptAt);
  }
  t.same(delays, [1, 2, 4, 8, 16, 32, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60], "minutes between attempts");
  const row = await db.outboxMessage.findFirstOrThrow({ where: { kind: "confirmation" } });
  t.same([row.status, row.attempts], ["FAILED", 20], "gives up after 20 attempts, about 15 hours");
});

t.test("two workers on two connections never send the same message twice", async (t) => {
  const smtp = await startSmtp(t);
  const { app, db, clock, config } = await buildTestApp(t, { now: "2026-11-30T08:00:00Z", env: smtp.env() });
  const office = await db.office.findUniqueOrThrow({ where: { slug: "amsterdam" } });
  const { createBooking } = await import("../../src/domain/booking/create-booking.ts");
  const { newManageToken } = await import("../../src/domain/booking/manage-token.ts");
  // Amsterdam: Tuesdays and Fridays 10:00–13:00, 20-minute slots, two places each.
  const starts = Array.from({ length: 18 }, (_, i) => new Date(Date.UTC(2026, 11, 1, 9, 0) + Math.floor(i / 2) * 20 * minute));
  for (const [i, startsAt] of starts.entries()) {
    const result = await createBooking(
      app.deps,
      { actor: { type: "client" }, office, startsAt, channel: "SELF", rules: "online", token: newManageToken(), locale: "en", language: "en", interpreterNeeded: false, name: `P${i}`, phone: null, email: `p${i}@example.org`, note: null },
      clock.now(),
    );
    t.equal(result.kind, "created");
  }
  const otherDb = await createPrismaClient(config.databaseUrl);
  t.teardown(() => otherDb.$disconnect());
  const worker = (database: typeof db) => {
    const transport = createMailTransport(config.mail);
    t.teardown(() => transport.close());
    return new OutboxWorker({
      db: database,
      clock,
      transport,
      smsTransport: app.smsTransport,
      log: app.log,
      batchSize: 3,
      render: (row, now) => renderOutboxMessage({ db: database, eta: app.eta, seal: app.deps.seal, publicUrl: config.publicUrl, from: config.mail.from }, row, now),
    });
  };
  const [a, b] = await Promise.all([worker(db).runOnce(), worker(otherDb).runOnce()]);
  t.equal(a.sent + b.sent, 18, "all sent between them");
  t.ok(a.sent > 0 && b.sent > 0, `both took part (${a.sent} and ${b.sent})`);
  const ids = smtp.received.map((m) => m.parsed.messageId);
  t.equal(ids.length, 18);
  t.equal(new Set(ids).size, 18, "no message twice");
});

t.test("a message a dead worker had claimed is sent after the lease, a live claim is left alone", async (t) => {
  const smtp = await startSmtp(t);
  const { app, db, clock } = await buildTestApp(t, { now: "2026-11-30T08:00:00Z", env: smtp.env() });
  await bookSlot(app, `/en/offices/zwolle/book?slot=${slots[0]}`, { ...validBooking, email: "stale@example.org" });
  await bookSlot(app, `/en/offices/zwolle/book?slot=${slots[1]}`, { ...validBooking, email: "busy@example.org" });
  const now = clock.now().getTime();
  // As if a worker was killed mid-send six minutes ago, and another one is sending right now.
  await db.outboxMessage.updateMany({ where: { recipient: "stale@example.org", kind: "confirmation" }, data: { status: "SENDING", claimToken: "dead", claimedAt: new Date(now - 6 * minute) } });
  await db.outboxMessage.updateMany({ where: { recipient: "busy@example.org", kind: "confirmation" }, data: { status: "SENDING", claimToken: "alive", claimedAt: new Date(now - minute) } });
  t.same(await app.outbox.runOnce(), { sent: 1, retrying: 0, failed: 0, dropped: 0 });
  t.equal(smtp.to("stale@example.org").length, 1, "taken over after the five-minute lease");
  t.equal(smtp.to("busy@example.org").length, 0, "not while another worker may be sending it");
});

t.test("a refused login is retried: it is the app's settings that are wrong, not the message", async (t) => {
  const { SMTPServer } = await import("smtp-server");
  // A server that refuses every login (535) and, once logged in, the sender (550).
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    logger: false,
    onAuth: (_auth, _session, callback) => callback(Object.assign(new Error("5.7.8 Authentication credentials invalid"), { responseCode: 535 })),
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const port = String((server.server.address() as { port: number }).port);
  const { app, db } = await buildTestApp(t, {
    now: "2026-11-30T08:00:00Z",
    env: { SMTP_HOST: "127.0.0.1", SMTP_PORT: port, SMTP_SECURITY: "none", SMTP_USER: "spreekuur", SMTP_PASSWORD: "expired", MAIL_FROM: "Spreekuur <afspraak@spreekuur.test>" },
  });
  await bookSlot(app, `/en/offices/zwolle/book?slot=${slots[0]}`, { ...validBooking, email: "waiting@example.org" });
  t.same(await app.outbox.runOnce(), { sent: 0, retrying: 1, failed: 0, dropped: 0 }, "a wrong password is the app's problem, not the message's");
  const row = await db.outboxMessage.findFirstOrThrow({ where: { kind: "confirmation" } });
  t.same([row.status, row.attempts], ["PENDING", 1]);
  t.match(row.lastError, /^535 /, "the server's reply is kept for the outbox page");
});

t.test("a sender the server refuses is retried too", async (t) => {
  const { SMTPServer } = await import("smtp-server");
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onMailFrom: (_address, _session, callback) => callback(Object.assign(new Error("5.7.1 Sender address rejected: not owned by you"), { responseCode: 550 })),
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { app, db } = await buildTestApp(t, { now: "2026-11-30T08:00:00Z", env: { SMTP_HOST: "127.0.0.1", SMTP_PORT: String((server.server.address() as { port: number }).port), SMTP_SECURITY: "none", MAIL_FROM: "Spreekuur <afspraak@spreekuur.test>" } });
  await bookSlot(app, `/en/offices/zwolle/book?slot=${slots[0]}`, { ...validBooking, email: "sender@example.org" });
  t.same(await app.outbox.runOnce(), { sent: 0, retrying: 1, failed: 0, dropped: 0 });
  const row = await db.outboxMessage.findFirstOrThrow({ where: { kind: "confirmation" } });
  t.same([row.status, row.attempts], ["PENDING", 1]);
  t.match(row.lastError, /^550 /);
});
