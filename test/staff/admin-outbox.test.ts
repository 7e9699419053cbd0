// The outbox page: failures with their reason, "retry now", office scoping, and reading
// a message back when the embedded file transport writes .eml files.
import t from "tap";
import { buildTestApp } from "../helpers/app.ts";
import { bookSlot, location, mainText, validBooking } from "../helpers/forms.ts";
import { startSmtp } from "../helpers/smtp.ts";
import { Browser, signedIn } from "../helpers/staff.ts";

const zwolleSlot = "/en/offices/zwolle/book?slot=2026-12-01T09:00:00.000Z";
const tilburgSlot = "/en/offices/tilburg/book?slot=2026-12-02T12:00:00.000Z";
const rowOf = (html: string, id: number) => {
  const row = new RegExp(`<tr id="message-${id}">([\\s\\S]*?)</tr>`).exec(html)?.[1];
  return row === undefined ? null : row.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim();
};

t.test("a permanently refused message shows its error; retry now sends it once the address works", async (t) => {
  const smtp = await startSmtp(t);
  smtp.reject.add("bounce@example.org");
  const { app, db, clock } = await buildTestApp(t, { env: smtp.env() });
  await bookSlot(app, zwolleSlot, { ...validBooking, email: "bounce@example.org" });
  t.same(await app.outbox.runOnce(), { sent: 0, retrying: 0, failed: 1, dropped: 0 });
  const failed = await db.outboxMessage.findFirstOrThrow({ where: { kind: "confirmation" } });
  const reminder = await db.outboxMessage.findFirstOrThrow({ where: { kind: "reminder" } });

  const { browser: officer, user } = await signedIn(app, db, { role: "OFFICER", offices: ["zwolle"] });
  const page = await officer.get("/staff/outbox");
  t.equal(page.statusCode, 200);
  t.equal(
    rowOf(page.body, failed.id),
    "2026-11-30 09:00 Confirmation Client bounce@example.org Failed 1 550 5.1.1 Recipient address rejected: user unknown – – Retry now (2026-11-30 09:00)",
  );
  t.equal(rowOf(page.body, reminder.id), "2026-11-30 09:00 Reminder Client bounce@example.org Waiting 0 – 2026-11-30 10:00 –", "a reminder that is not due yet cannot be pushed");
  t.notMatch(page.body, `/staff/outbox/${failed.id}/message`, "no message view with SMTP");
  t.ok(rowOf((await officer.get("/staff/outbox?status=FAILED")).body, failed.id));
  t.equal(rowOf((await officer.get("/staff/outbox?status=SENT")).body, failed.id), null, "filtered by status");
  t.equal((await officer.get("/staff/outbox?status=LOST")).statusCode, 422);

  smtp.reject.delete("bounce@example.org");
  clock.advance(60_000);
  const retried = await officer.post(`/staff/outbox/${failed.id}/retry`);
  t.equal(location(retried), "/staff/outbox?done=retried");
  t.match(mainText((await officer.get(location(retried))).body), "The message is being sent again now.");
  const pending = await db.outboxMessage.findUniqueOrThrow({ where: { id: failed.id } });
  t.same([pending.status, pending.attempts, pending.nextAttemptAt], ["PENDING", 0, clock.now()], "due now, back-off starts over");
  t.same(await app.outbox.runOnce(), { sent: 1, retrying: 0, failed: 0, dropped: 0 });
  t.equal(smtp.to("bounce@example.org").length, 1, "delivered once");
  t.equal((await db.outboxMessage.findUniqueOrThrow({ where: { id: failed.id } })).status, "SENT");

  const audit = await db.auditEntry.findFirstOrThrow({ where: { entityType: "outbox" } });
  t.same(
    { action: audit.action, actorId: audit.actorId, entityId: audit.entityId, officeId: audit.officeId, detail: JSON.parse(audit.detail!) as unknown },
    { action: "outbox.retried", actorId: user.id, entityId: failed.id, officeId: pending.bookingId ? (await db.booking.findUniqueOrThrow({ where: { id: pending.bookingId } })).officeId : null, detail: { kind: "confirmation", previousStatus: "FAILED", attempts: 1 } },
  );
  t.equal((await officer.post(`/staff/outbox/${failed.id}/retry`)).statusCode, 409, "a sent message is not sent again");
  t.equal((await officer.post(`/staff/outbox/${reminder.id}/retry`)).statusCode, 409, "nor a reminder before its time");
  t.equal((await db.outboxMessage.findUniqueOrThrow({ where: { id: reminder.id } })).nextAttemptAt.toISOString(), "2026-11-30T09:00:00.000Z");
  t.equal((await officer.post("/staff/outbox/999999/retry")).statusCode, 404);
  t.equal((await officer.get(`/staff/outbox/${failed.id}/message`)).statusCode, 404, "no files to show with SMTP");
});

t.test("an officer of Tilburg does not see Zwolle's messages; an admin sees all", async (t) => {
  const smtp = await startSmtp(t);
  smtp.reject.add("zwolle-client@example.org");
  const { app, db } = await buildTestApp(t, { env: smtp.env() });
  await bookSlot(app, zwolleSlot, { ...validBooking, email: "zwolle-client@example.org" });
  await bookSlot(app, tilburgSlot, { ...validBooking, email: "tilburg-client@example.org" });
  await app.outbox.runOnce();
  const zwolleMessage = await db.outboxMessage.findFirstOrThrow({ where: { recipient: "zwolle-client@example.org", kind: "confirmation" } });

  const { browser: tilburg } = await signedIn(app, db, { role: "OFFICER", offices: ["tilburg"] });
  const page = await tilburg.get("/staff/outbox");
  t.match(page.body, "tilburg-client@example.org");
  t.notMatch(page.body, "zwolle-client@example.org");
  t.match(mainText(page.body), "2 messages.", "Tilburg's confirmation and reminder");
  t.equal((await tilburg.post(`/staff/outbox/${zwolleMessage.id}/retry`)).statusCode, 403);
  t.equal((await db.outboxMessage.findUniqueOrThrow({ where: { id: zwolleMessage.id } })).status, "FAILED", "unchanged");

  const { browser: admin } = await signedIn(app, db, { role: "ADMIN" });
  const all = await admin.get("/staff/outbox");
  t.match(all.body, "tilburg-client@example.org");
  t.match(all.body, "zwolle-client@example.org");
  t.match(mainText(all.body), "4 messages.");
});

t.test("with the file transport, a sent message can be read behind sign-in, in scope", async (t) => {
  const { app, db } = await buildTestApp(t);
  const { token } = await bookSlot(app, zwolleSlot, { ...validBooking, name: "Amina", email: "file@example.org" });
  t.equal((await app.outbox.runOnce()).sent, 1);
  const sent = await db.outboxMessage.findFirstOrThrow({ where: { kind: "confirmation" } });
  const booking = await db.booking.findFirstOrThrow();
  const url = `/staff/outbox/${sent.id}/message`;

  const anonymous = await new Browser(app).get(url);
  t.equal(anonymous.statusCode, 303);
  t.equal(anonymous.headers.location, `/staff/login?next=${encodeURIComponent(url)}`);

  const { browser: officer } = await signedIn(app, db, { role: "OFFICER", offices: ["zwolle"] });
  t.match((await officer.get("/staff/outbox")).body, `<a href="${url}">View`);
  const view = await officer.get(url);
  t.equal(view.statusCode, 200);
  const text = mainText(view.body);
  t.match(text, "Subject Your appointment on Tuesday 1 December at 10:00 From &quot;Spreekuur&quot; &lt;no-reply@localhost&gt; To file@example.org Date 2026-11-30 09:00 Text Hello Amina,");
  t.match(text, `Booking code: ${booking.code.slice(0, 4)}-${booking.code.slice(4)}`);
  // The manage links are in the message sent, but not on the page.
  const { readdirSync, readFileSync } = await import("node:fs");
  const dir = app.config.mail.dir;
  t.ok(readdirSync(dir).some((f) => readFileSync(`${dir}/${f}`, "utf8").includes(token)), "the message itself carries the link");
  t.notMatch(view.body, token, "the page does not");
  t.notMatch(view.body, token.slice(0, 12));
  t.match(text, "/en/booking/••••••••", "the link is there, masked");
  t.match(text, "The links in this message that open the client&#39;s booking are hidden.");
  const views = async () => db.auditEntry.findMany({ where: { action: "outbox.viewed" }, orderBy: { id: "asc" } });
  const officerId = (await db.staffUser.findFirstOrThrow({ where: { role: "OFFICER" } })).id;
  t.same((await views()).map((e) => [e.actorType, e.actorId, e.entityType, e.entityId, e.officeId, e.detail]), [["staff", officerId, "outbox", sent.id, booking.officeId, null]], "the reading is audited");
  await officer.get(url);
  t.equal((await views()).length, 2, "every reading");

  const { browser: tilburg } = await signedIn(app, db, { role: "OFFICER", offices: ["tilburg"] });
  t.equal((await tilburg.get(url)).statusCode, 403, "not another office's message");
  const reminder = await db.outboxMessage.findFirstOrThrow({ where: { kind: "reminder" } });
  t.equal((await officer.get(`/staff/outbox/${reminder.id}/message`)).statusCode, 404, "not written yet");
  t.equal((await officer.get("/staff/outbox/999999/message")).statusCode, 404);
  t.equal((await officer.get("/staff/outbox/..%2F..%2Fetc/message")).statusCode, 404);
  t.equal((await views()).length, 2, "refused and missing messages are not readings");
});

t.test("retry now on a message waiting for its next attempt makes it due at once and keeps its count", async (t) => {
  const smtp = await startSmtp(t);
  const { app, db, clock } = await buildTestApp(t, { env: smtp.env() });
  await smtp.stop();
  await bookSlot(app, zwolleSlot, { ...validBooking, email: "later@example.org" });
  t.same(await app.outbox.runOnce(), { sent: 0, retrying: 1, failed: 0, dropped: 0 });
  const waiting = await db.outboxMessage.findFirstOrThrow({ where: { kind: "confirmation" } });
  t.same([waiting.status, waiting.attempts, waiting.nextAttemptAt.toISOString()], ["PENDING", 1, "2026-11-30T08:01:00.000Z"]);

  const { browser: admin } = await signedIn(app, db, { role: "ADMIN" });
  const row = rowOf((await admin.get("/staff/outbox?status=PENDING")).body, waiting.id);
  t.match(row, /^2026-11-30 09:00 Confirmation Client later@example.org Waiting 1 ESOCKET: connect ECONNREFUSED 127.0.0.1:\d+ 2026-11-30 09:01 – Retry now/);
  await smtp.start();
  clock.advance(10_000);
  t.equal(location(await admin.post(`/staff/outbox/${waiting.id}/retry`)), "/staff/outbox?done=retried");
  const due = await db.outboxMessage.findUniqueOrThrow({ where: { id: waiting.id } });
  t.same([due.status, due.attempts, due.nextAttemptAt], ["PENDING", 1, clock.now()]);
  t.equal((await app.outbox.runOnce()).sent, 1, "sent before the minute was up");
  t.equal(smtp.to("later@example.org").length, 1);
});
