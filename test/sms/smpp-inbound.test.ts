// What the SMS provider sends back on the bound link: delivery receipts, replies from
// phones (one cancels a booking; the rest change nothing), and bytes that are no PDU.
import t, { type Test } from "tap";
import { buildTestApp } from "../helpers/app.ts";
import { bookSlot, validBooking } from "../helpers/forms.ts";
import { startSmpp } from "../helpers/smpp.ts";
import { signedIn } from "../helpers/staff.ts";
import { waitFor } from "../helpers/wait.ts";

const slot = "/nl/offices/zwolle/book?slot=2026-12-01T09:00:00.000Z";
const client = { ...validBooking, phone: "06 1234 5678", smsConsent: "yes" };
const handled = (logs: string[]) => logs.filter((line) => line.includes('"msg":"SMS received"')).length;

async function setUp(t: Test) {
  const smpp = await startSmpp(t);
  const test = await buildTestApp(t, { env: smpp.env() });
  await bookSlot(test.app, slot, client);
  await test.app.outbox.runOnce();
  const booking = await test.db.booking.findFirstOrThrow();
  const code = `${booking.code.slice(0, 4)}-${booking.code.slice(4)}`;
  /** Sends a deliver_sm and waits until the app has dealt with it. */
  const deliver = async (fields: Record<string, unknown>) => {
    const before = handled(test.logs);
    t.equal(await smpp.deliver(fields), 0, "every deliver_sm is answered");
    await waitFor("the app handled the deliver_sm", 5000, () => handled(test.logs) > before);
  };
  return { smpp, ...test, booking, code, deliver };
}

t.test("a delivery receipt is recorded on its message and shown on the outbox page", async (t) => {
  const { smpp, db, app, deliver } = await setUp(t);
  const [text] = smpp.texts;
  const row = await db.outboxMessage.findFirstOrThrow({ where: { channel: "sms", kind: "confirmation" } });
  t.equal(row.providerMessageId, text!.messageId);
  await deliver({ source_addr: "31612345678", esm_class: 4, receipted_message_id: text!.messageId, message_state: 2, short_message: `id:${text!.messageId} sub:001 dlvrd:001 stat:DELIVRD err:000` });
  const after = await db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } });
  t.same([after.deliveryStatus, after.deliveryReportedAt?.toISOString()], ["DELIVERED", "2026-11-30T08:00:00.000Z"]);
  // A receipt that says only in its text (no TLVs), for a message we never sent: nothing changes.
  await deliver({ source_addr: "31612345678", esm_class: 4, short_message: "id:nope sub:001 dlvrd:000 stat:UNDELIV err:001" });
  t.equal(await db.outboxMessage.count({ where: { deliveryStatus: { not: null } } }), 1);
  // A late "en route" does not overwrite "delivered".
  await deliver({ source_addr: "31612345678", esm_class: 4, short_message: `id:${text!.messageId} stat:ENROUTE` });
  t.equal((await db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } })).deliveryStatus, "DELIVERED");
  const { browser } = await signedIn(app, db, { role: "OFFICER", offices: ["zwolle"] });
  const page = await browser.get("/staff/outbox");
  t.match(page.body.replace(/\s+/g, " "), /2026-11-30 09:00, delivered to the phone/);
});

t.test("a text in two parts is delivered once both parts are, and failed when one part fails", async (t) => {
  const smpp = await startSmpp(t);
  const test = await buildTestApp(t, { env: smpp.env() });
  const { db, app } = test;
  // Arabic goes as UCS-2: the confirmation takes two parts, each with its own id.
  await bookSlot(app, "/ar/offices/zwolle/book?slot=2026-12-01T09:00:00.000Z", client);
  await bookSlot(app, "/ar/offices/zwolle/book?slot=2026-12-01T09:20:00.000Z", { ...client, phone: "06 8765 4321", email: "other@example.org" });
  await app.outbox.runOnce();
  const [first, second] = smpp.texts;
  t.same([first!.parts, second!.parts], [2, 2], "both confirmations went in two parts");
  const rowOf = (text: typeof first) => db.outboxMessage.findFirstOrThrow({ where: { channel: "sms", providerMessageId: text!.messageId } });
  t.same((await db.smsPart.findMany({ where: { outboxId: (await rowOf(first)).id }, orderBy: { part: "asc" } })).map((p) => p.providerMessageId), first!.partIds, "each part is kept with its id");
  const deliver = async (id: string, stat: string) => {
    const before = handled(test.logs);
    t.equal(await smpp.deliver({ source_addr: "31612345678", esm_class: 4, short_message: `id:${id} sub:001 dlvrd:001 stat:${stat} err:000` }), 0);
    await waitFor("the app handled the receipt", 5000, () => handled(test.logs) > before);
  };
  const status = async (text: typeof first) => (await rowOf(text)).deliveryStatus;

  await deliver(first!.partIds[0]!, "DELIVRD");
  t.equal(await status(first), "ENROUTE", "one part of two through: on its way, not delivered");
  const { browser } = await signedIn(app, db, { role: "OFFICER", offices: ["zwolle"] });
  t.match((await browser.get("/staff/outbox")).body.replace(/\s+/g, " "), /, on its way to the phone/, "the outbox page says so");
  await deliver(first!.partIds[1]!, "DELIVRD");
  t.equal(await status(first), "DELIVERED", "both parts through: delivered");
  await deliver(first!.partIds[1]!, "ENROUTE");
  t.equal(await status(first), "DELIVERED", "a late intermediate receipt changes nothing");

  await deliver(second!.partIds[0]!, "DELIVRD");
  await deliver(second!.partIds[1]!, "UNDELIV");
  t.equal(await status(second), "UNDELIVERABLE", "half a text, without its link, is not delivered");
  t.match((await browser.get("/staff/outbox")).body.replace(/\s+/g, " "), /, not delivered/, "and that it did not arrive");
});

t.test("a reply with a cancel word and the code, from the booking's number, cancels it once", async (t) => {
  const { smpp, db, app, booking, code, deliver, logs } = await setUp(t);
  const unchanged = async (what: string) => {
    const now = await db.booking.findUniqueOrThrow({ where: { id: booking.id } });
    t.same([now.status, now.seat], ["BOOKED", booking.seat], `${what}: nothing changes`);
  };
  const ignored = [
    ["an unknown number", { source_addr: "31687654321", source_addr_ton: 1, short_message: `NEE ${code}` }],
    ["a wrong code", { source_addr: "31612345678", source_addr_ton: 1, short_message: "NEE ABCD-EFGH" }],
    ["no cancel word", { source_addr: "31612345678", source_addr_ton: 1, short_message: code }],
    ["more than a cancel word", { source_addr: "31612345678", source_addr_ton: 1, short_message: `NEE ${code} of toch wel` }],
    ["a word of another language", { source_addr: "31612345678", source_addr_ton: 1, short_message: `НЕТ ${code}` }],
    ["garbage", { source_addr: "31612345678", source_addr_ton: 1, short_message: Buffer.from([0xff, 0x00, 0x1b, 0x7f]) }],
    ["no sender", { source_addr: "", short_message: `NEE ${code}` }],
  ] as const;
  for (const [what, fields] of ignored) {
    await deliver(fields);
    await unchanged(what);
  }
  t.equal(logs.filter((l) => l.includes('"result":"reply-ignored"')).length, ignored.length - 1, "each logged as ignored (one without a sender is not a reply)");

  await deliver({ source_addr: "31612345678", source_addr_ton: 1, short_message: ` nee, ${code.toLowerCase()} ` });
  const cancelled = await db.booking.findUniqueOrThrow({ where: { id: booking.id } });
  t.same([cancelled.status, cancelled.seat, cancelled.cancelledBy], ["CANCELLED", null, "client"], "cancelled as by the client, the place freed");
  const audit = await db.auditEntry.findFirstOrThrow({ where: { action: "booking.cancelled" } });
  t.same([audit.actorType, JSON.parse(audit.detail!)], ["client", { by: "client", withReason: false, via: "sms-reply" }], "audited without the number or text");

  await app.outbox.runOnce();
  const last = smpp.texts.at(-1)!;
  t.equal(last.to, "31612345678", "the cancellation goes by text");
  t.match(last.text, `Afspraak ${code}`);
  t.match(last.text, "gaat niet door");
  t.equal(await db.outboxMessage.count({ where: { kind: "reminder", status: "PENDING" } }), 0, "the reminders are withdrawn");

  const texts = smpp.texts.length;
  await deliver({ source_addr: "31612345678", source_addr_ton: 1, short_message: `NEE ${code}` });
  await app.outbox.runOnce();
  t.equal(smpp.texts.length, texts, "a second reply changes and sends nothing");
  t.equal(await db.auditEntry.count({ where: { action: "booking.cancelled" } }), 1);

  const all = logs.join("");
  t.notMatch(all, "612345678", "no phone number in the log");
  t.notMatch(all, "687654321");
  t.notMatch(all, code, "no booking code or text in the log");
  t.notMatch(all, booking.code);
});

t.test("PDUs that are no PDUs: an unknown command is refused, unreadable bytes drop the link, and the app carries on", async (t) => {
  const { smpp, app, deliver, logs } = await setUp(t);
  t.equal(smpp.binds.length, 1);
  // A header with a command id that does not exist: answered with generic_nack, link kept.
  const before = handled(logs);
  smpp.garbage(Buffer.from([0, 0, 0, 16, 0x0d, 0xea, 0xdb, 0xee, 0, 0, 0, 0, 0, 0, 0, 9]));
  await waitFor("the client answered", 5000, () => smpp.nacks.length === 1);
  t.same(smpp.nacks, [0x03], "ESME_RINVCMDID");
  await waitFor("the app logged it", 5000, () => handled(logs) > before);
  t.ok(smpp.bound(), "the link stays");
  // A length no PDU has: the link cannot be read any further, so it is dropped.
  smpp.garbage(Buffer.from([0xff, 0xff, 0xff, 0xff, 1, 2, 3, 4]));
  await waitFor("the link was dropped", 5000, () => !smpp.bound());
  t.equal((await app.inject({ url: "/nl" })).statusCode, 200, "pages are served");
  await bookSlot(app, "/nl/offices/zwolle/book?slot=2026-12-01T09:20:00.000Z", { ...client, phone: "+31 6 8765 4321" });
  t.same(await app.outbox.runOnce(), { sent: 1, retrying: 0, failed: 0, dropped: 0 }, "the next message binds again and goes");
  t.equal(smpp.binds.length, 2);
  t.equal(smpp.texts.at(-1)!.to, "31687654321");
  await deliver({ source_addr: "31612345678", esm_class: 4, short_message: `id:${smpp.texts.at(-1)!.messageId} stat:DELIVRD` });
  t.equal(await app.db.outboxMessage.count({ where: { deliveryStatus: "DELIVERED" } }), 1, "receipts arrive on the new link");
});
