// Text messages through the outbox to a real SMPP server in-process: bind (with the right
// password and a wrong one), submit, an outage of several minutes with back-off, a
// throttling error, a permanent refusal (shown on the staff outbox page).
import t from "tap";
import { buildTestApp } from "../helpers/app.ts";
import { bookSlot, validBooking } from "../helpers/forms.ts";
import { startSmpp } from "../helpers/smpp.ts";
import { signedIn } from "../helpers/staff.ts";

const slot = "/ar/offices/zwolle/book?slot=2026-12-01T09:00:00.000Z";
const otherSlot = "/nl/offices/zwolle/book?slot=2026-12-01T09:20:00.000Z";
const client = { ...validBooking, phone: "06 1234 5678", smsConsent: "yes" };
const smsRows = (app: Awaited<ReturnType<typeof buildTestApp>>) => app.db.outboxMessage.findMany({ where: { channel: "sms" }, orderBy: { id: "asc" } });

t.test("a booking with consent sends its confirmation as a text message, once", async (t) => {
  const smpp = await startSmpp(t);
  const test = await buildTestApp(t, { env: smpp.env() });
  const { app } = test;
  const { response, token } = await bookSlot(app, slot, client);
  t.equal(response.statusCode, 303);
  const rows = await smsRows(test);
  t.same(rows.map((r) => [r.kind, r.recipient, r.locale, r.status]), [["confirmation", "+31612345678", "ar", "PENDING"], ["reminder", "+31612345678", "ar", "PENDING"]]);
  t.same(await app.outbox.runOnce(), { sent: 1, retrying: 0, failed: 0, dropped: 0 });
  t.same(smpp.binds, [{ systemId: "spreekuur", accepted: true }]);
  t.equal(smpp.texts.length, 1);
  const [text] = smpp.texts;
  t.equal(text!.to, "31612345678");
  t.equal(text!.dataCoding, 8, "Arabic goes as UCS-2");
  t.ok(text!.parts <= 2);
  const booking = await app.db.booking.findFirstOrThrow();
  t.match(text!.text, `${booking.code.slice(0, 4)}-${booking.code.slice(4)}`);
  t.match(text!.text, `https://spreekuur.test/b/${token}`, "the short manage link");
  const sent = await app.db.outboxMessage.findUniqueOrThrow({ where: { id: rows[0]!.id } });
  t.same([sent.status, sent.attempts, sent.providerMessageId, sent.payload], ["SENT", 1, text!.messageId, null]);
  t.same(await app.outbox.runOnce(), { sent: 0, retrying: 0, failed: 0, dropped: 0 }, "nothing goes twice");
  t.equal(smpp.texts.length, 1);
  t.equal(smpp.binds.length, 1, "the one session stays bound");

  // A Dutch client without consent gets no text.
  await bookSlot(app, otherSlot, { ...validBooking, phone: "0687654321", email: "x@example.org" });
  t.equal((await smsRows(test)).length, 2);
  const all = test.logs.join("");
  t.notMatch(all, "612345678", "no phone number in the log");
  t.notMatch(all, token, "no token in the log");
});

t.test("a wrong password: the bind is refused and the message waits to be tried again", async (t) => {
  const smpp = await startSmpp(t);
  const test = await buildTestApp(t, { env: smpp.env({ SMS_PASSWORD: "wrong" }) });
  await bookSlot(test.app, slot, client);
  t.same(await test.app.outbox.runOnce(), { sent: 0, retrying: 1, failed: 0, dropped: 0 });
  t.same(smpp.binds, [{ systemId: "spreekuur", accepted: false }]);
  const [row] = await smsRows(test);
  t.same([row!.status, row!.attempts, row!.lastError], ["PENDING", 1, "bind refused: ESME_RINVPASWD"]);
  t.equal(smpp.texts.length, 0);
});

t.test("an outage of several minutes: retried with back-off, sent once when the provider is back", async (t) => {
  const smpp = await startSmpp(t);
  const test = await buildTestApp(t, { env: smpp.env() });
  const { app, clock } = test;
  await bookSlot(app, slot, client);
  t.same(await app.outbox.runOnce(), { sent: 1, retrying: 0, failed: 0, dropped: 0 });
  await smpp.stop();
  await bookSlot(app, otherSlot, { ...client, phone: "+31 6 8765 4321" });
  const waits: number[] = [];
  for (let i = 0; i < 3; i++) {
    t.same(await app.outbox.runOnce(), { sent: 0, retrying: 1, failed: 0, dropped: 0 }, `attempt ${i + 1} fails`);
    const row = await app.db.outboxMessage.findFirstOrThrow({ where: { channel: "sms", kind: "confirmation", recipient: "+31687654321" } });
    t.equal(row.status, "PENDING");
    t.equal(row.attempts, i + 1);
    waits.push(row.nextAttemptAt.getTime() - clock.now().getTime());
    t.same(await app.outbox.runOnce(), { sent: 0, retrying: 0, failed: 0, dropped: 0 }, "not before its time");
    clock.advance(waits[i]!);
  }
  t.same(waits, [60_000, 120_000, 240_000], "back-off doubles");
  await smpp.start();
  t.same(await app.outbox.runOnce(), { sent: 1, retrying: 0, failed: 0, dropped: 0 });
  t.same(smpp.texts.map((m) => m.to), ["31612345678", "31687654321"], "each message once");
  const row = await app.db.outboxMessage.findFirstOrThrow({ where: { channel: "sms", kind: "confirmation", recipient: "+31687654321" } });
  t.same([row.status, row.attempts, row.lastError], ["SENT", 4, null]);
});

t.test("throttling: ESME_RTHROTTLED is tried again later", async (t) => {
  const smpp = await startSmpp(t);
  const test = await buildTestApp(t, { env: smpp.env() });
  await bookSlot(test.app, slot, client);
  smpp.failNext("ESME_RTHROTTLED");
  t.same(await test.app.outbox.runOnce(), { sent: 0, retrying: 1, failed: 0, dropped: 0 });
  const [row] = await smsRows(test);
  t.same([row!.status, row!.lastError], ["PENDING", "submit_sm refused: ESME_RTHROTTLED"]);
  test.clock.advance(60_000);
  t.same(await test.app.outbox.runOnce(), { sent: 1, retrying: 0, failed: 0, dropped: 0 });
  t.equal(smpp.texts.length, 1);
});

t.test("a permanent refusal fails the message and the outbox page shows it", async (t) => {
  const smpp = await startSmpp(t);
  smpp.refuse.set("31612345678", "ESME_RINVDSTADR");
  const test = await buildTestApp(t, { env: smpp.env() });
  await bookSlot(test.app, slot, client);
  t.same(await test.app.outbox.runOnce(), { sent: 0, retrying: 0, failed: 1, dropped: 0 });
  const [row] = await smsRows(test);
  t.same([row!.status, row!.attempts, row!.lastError], ["FAILED", 1, "submit_sm refused: ESME_RINVDSTADR"]);
  const { browser } = await signedIn(test.app, test.db, { role: "OFFICER", offices: ["zwolle"] });
  const page = await (browser).get("/staff/outbox?status=FAILED");
  t.equal(page.statusCode, 200);
  const html = new RegExp(`<tr id="message-${row!.id}">([\\s\\S]*?)</tr>`).exec(page.body)?.[1] ?? "";
  t.equal(
    html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim(),
    "2026-11-30 09:00 Confirmation Client +31612345678 (by text message) Failed 1 submit_sm refused: ESME_RINVDSTADR – – Retry now (2026-11-30 09:00)",
  );
});
