// Messages through a real SMTP server, parsed back; calendar files read by an
// independent parser (node-ical).
import ical, { type VEvent } from "node-ical";
import t from "tap";
import { moveBooking } from "../../src/domain/booking/move-booking.ts";
import { buildTestApp } from "../helpers/app.ts";
import { onPostgres } from "../helpers/database.ts";
import { bookSlot, location, slotLinks, validBooking } from "../helpers/forms.ts";
import { calendarOf, startSmtp, type Received } from "../helpers/smtp.ts";

function event(mail: Received): VEvent & { method?: string } {
  const parsed = ical.sync.parseICS(calendarOf(mail));
  const found = Object.values(parsed).find((c) => c && c.type === "VEVENT") as VEvent | undefined;
  if (!found) throw new Error("no VEVENT");
  const vcalendar = Object.values(parsed).find((c) => c && c.type === "VCALENDAR") as { method?: string } | undefined;
  return Object.assign(found, { method: vcalendar?.method });
}

const bodyText = (mail: Received) => mail.parsed.text ?? "";

t.test("a booking with an email gets a confirmation in its language, with both parts and a calendar file", async (t) => {
  const smtp = await startSmtp(t);
  const { app, db } = await buildTestApp(t, { now: "2026-11-30T08:00:00Z", env: smtp.env() });
  const office = await app.inject({ url: "/en/offices/zwolle" });
  const { response, token } = await bookSlot(app, slotLinks(office.body)[0]!, { ...validBooking, name: "Amina", email: "amina@example.org" });
  t.equal(response.statusCode, 303);
  t.same(await app.outbox.runOnce(), { sent: 1, retrying: 0, failed: 0, dropped: 0 });

  t.equal(smtp.received.length, 1);
  const mail = smtp.received[0]!;
  t.same(mail.to, ["amina@example.org"]);
  t.equal(mail.parsed.from?.text, '"Spreekuur" <afspraak@spreekuur.test>');
  t.equal(mail.parsed.subject, "Your appointment on Tuesday 1 December at 10:00");
  t.notMatch(`${mail.parsed.subject} ${mail.parsed.from?.text}`, /migra|return|terug|IOM/i, "neutral subject and sender");
  const text = bodyText(mail);
  t.match(text, "Hello Amina,");
  t.match(text, "Date: Tuesday, 1 December 2026");
  t.match(text, "Time: 10:00–10:20");
  t.match(text, "Place: Zwolle — Holtenbroek community centre, Rembrandtlaan 2, 8031 RK Zwolle");
  const booking = await db.booking.findFirstOrThrow();
  const code = `${booking.code.slice(0, 4)}-${booking.code.slice(4)}`;
  t.match(text, `Booking code: ${code}`);
  t.match(text, `https://spreekuur.test/en/booking/${token}`, "the manage link");
  t.match(text, "In het Nederlands\nAfspraak gemaakt.\nDatum: dinsdag 1 december 2026\nTijd: 10:00–10:20", "key facts repeated in Dutch");
  t.match(text, `Afspraakcode: ${code}`);
  const html = String(mail.parsed.html);
  t.match(html, '<html lang="en" dir="ltr">');
  t.match(html, `href="https://spreekuur.test/en/booking/${token}"`);
  t.match(html, '<div lang="nl" dir="ltr"');

  const vevent = event(mail);
  t.equal(vevent.method, "REQUEST");
  t.equal(vevent.uid, `booking-${booking.code.toLowerCase()}@spreekuur.test`);
  t.equal(Number(vevent.sequence), 0);
  t.equal(vevent.start.toISOString(), "2026-12-01T09:00:00.000Z");
  t.equal(vevent.end?.toISOString(), "2026-12-01T09:20:00.000Z");
  t.equal((vevent.start as Date & { tz?: string }).tz, "Europe/Amsterdam");
  t.match(typeof vevent.location === "object" ? vevent.location.val : vevent.location, "Rembrandtlaan 2, 8031 RK Zwolle");
  t.match(calendarOf(mail), /DTSTART;TZID=Europe\/Amsterdam:20261201T100000/);
  t.match(calendarOf(mail), /BEGIN:VTIMEZONE\r?\nTZID:Europe\/Amsterdam/);

  const row = await db.outboxMessage.findFirstOrThrow({ where: { kind: "confirmation" } });
  t.same({ status: row.status, attempts: row.attempts, payload: row.payload }, { status: "SENT", attempts: 1, payload: null }, "sent once; its content is not kept");
  t.equal(await app.outbox.runOnce().then((r) => r.sent), 0, "nothing is sent twice");
  t.equal(smtp.received.length, 1);
});

t.test("calendar files keep local time on both sides of the March 2027 change", async (t) => {
  const smtp = await startSmtp(t);
  const { app } = await buildTestApp(t, { now: "2027-03-15T08:00:00Z", env: smtp.env() });
  const before = "/nl/offices/zwolle/book?slot=2027-03-23T09:00:00.000Z"; // Tuesday 23 March 10:00 CET
  const after = "/nl/offices/zwolle/book?slot=2027-03-30T08:00:00.000Z"; // Tuesday 30 March 10:00 CEST
  for (const [href, email] of [[before, "before@example.org"], [after, "after@example.org"]] as const) {
    const { response } = await bookSlot(app, href, { ...validBooking, email });
    t.equal(response.statusCode, 303);
  }
  await app.outbox.runOnce();
  const winter = event(smtp.to("before@example.org")[0]!);
  const summer = event(smtp.to("after@example.org")[0]!);
  t.equal(winter.start.toISOString(), "2027-03-23T09:00:00.000Z", "10:00 at UTC+1");
  t.equal(summer.start.toISOString(), "2027-03-30T08:00:00.000Z", "10:00 at UTC+2");
  t.match(calendarOf(smtp.to("after@example.org")[0]!), /DTSTART;TZID=Europe\/Amsterdam:20270330T100000/);
  const vtimezone = /BEGIN:VTIMEZONE[\s\S]*END:VTIMEZONE/.exec(calendarOf(smtp.to("after@example.org")[0]!))?.[0] ?? "";
  t.match(vtimezone, "BEGIN:DAYLIGHT");
  t.match(vtimezone, "BEGIN:STANDARD");
  t.match(bodyText(smtp.to("after@example.org")[0]!), "Tijd: 10:00–10:20");
});

t.test("cancelling sends a cancellation with METHOD:CANCEL and withdraws the reminder", async (t) => {
  const smtp = await startSmtp(t);
  const { app, db, clock } = await buildTestApp(t, { now: "2026-11-30T08:00:00Z", env: smtp.env() });
  // Thursday 3 December 13:00: the reminder is due Wednesday 2 December 10:00.
  const { response, token } = await bookSlot(app, "/nl/offices/zwolle/book?slot=2026-12-03T12:00:00.000Z", { ...validBooking, email: "c@example.org" });
  t.equal(location(response), `/nl/booking/${token}/confirmation`);
  await app.outbox.runOnce();
  const reminder = await db.outboxMessage.findFirstOrThrow({ where: { kind: "reminder" } });
  t.equal(reminder.status, "PENDING");
  t.equal(reminder.dueAt.toISOString(), "2026-12-02T09:00:00.000Z", "10:00 local the day before");

  clock.set("2026-12-01T12:00:00Z");
  await app.inject({ method: "POST", url: `/nl/booking/${token}/cancel` });
  await app.outbox.runOnce();
  const mails = smtp.to("c@example.org");
  t.same(mails.map((m) => m.parsed.subject), ["Uw afspraak op donderdag 3 december om 13:00", "Afgezegd: uw afspraak op donderdag 3 december om 13:00"]);
  const cancelled = event(mails[1]!);
  t.equal(cancelled.method, "CANCEL");
  t.equal(cancelled.status, "CANCELLED");
  t.equal(Number(cancelled.sequence), 1, "SEQUENCE goes up");
  t.equal(cancelled.uid, event(mails[0]!).uid, "same UID");
  t.match(bodyText(mails[1]!), "Uw afspraak is afgezegd, zoals u vroeg.");
  t.match(bodyText(mails[1]!), "Een nieuwe afspraak maken\nhttps://spreekuur.test/nl/offices/zwolle\n", "a link to book again");
  t.match(bodyText(mails[1]!), `Uw afspraak\nhttps://spreekuur.test/nl/booking/${token}\n`, "and the manage link, as in every message");
  t.match(String(mails[1]!.parsed.html), `href="https://spreekuur.test/nl/booking/${token}"`);
  t.notMatch(bodyText(mails[1]!), "In het Nederlands", "no repeat in Dutch for a Dutch message");
  t.equal((await db.outboxMessage.findUniqueOrThrow({ where: { id: reminder.id } })).status, "WITHDRAWN");

  clock.set("2026-12-02T10:00:00Z");
  await app.outbox.runOnce();
  t.equal(smtp.to("c@example.org").length, 2, "no reminder for a cancelled booking");
});

t.test("the reminder goes out the day before at the configured time", async (t) => {
  const smtp = await startSmtp(t);
  const { app, db, clock } = await buildTestApp(t, { now: "2026-11-30T08:00:00Z", env: { ...smtp.env(), REMINDER_TIME: "16:30" } });
  await bookSlot(app, "/en/offices/zwolle/book?slot=2026-12-03T12:00:00.000Z", { ...validBooking, email: "r@example.org" });
  await bookSlot(app, "/en/offices/zwolle/book?slot=2026-12-03T12:20:00.000Z", { ...validBooking, email: "" });
  await app.outbox.runOnce();
  t.equal(await db.outboxMessage.count({ where: { kind: "reminder" } }), 1, "only bookings with an email get one");

  clock.set("2026-12-02T15:29:00Z");
  await app.outbox.runOnce();
  t.equal(smtp.to("r@example.org").length, 1, "not before it is due");
  clock.set("2026-12-02T15:30:00Z"); // 16:30 in Zwolle
  await app.outbox.runOnce();
  const mails = smtp.to("r@example.org");
  t.equal(mails.length, 2);
  t.equal(mails[1]!.parsed.subject, "Reminder: your appointment on Thursday 3 December at 13:00");
  t.match(bodyText(mails[1]!), "This is a reminder of your appointment.");
  t.match(bodyText(mails[1]!), /https:\/\/spreekuur\.test\/en\/booking\/[\w-]{22}\b/, "with the manage link");
  t.same(mails[1]!.parsed.attachments, [], "no calendar file with a reminder");

  // Booked after the reminder moment: the confirmation is enough.
  clock.set("2026-12-09T16:00:00Z"); // Wednesday 17:00, after 16:30
  const late = await bookSlot(app, "/en/offices/zwolle/book?slot=2026-12-10T12:00:00.000Z", { ...validBooking, email: "late@example.org" });
  t.equal(late.response.statusCode, 303);
  t.equal(await db.outboxMessage.count({ where: { kind: "reminder", recipient: "late@example.org" } }), 0);
});

t.test("a moved booking gets a message with the old and new time, a new calendar version and a new reminder", async (t) => {
  const smtp = await startSmtp(t);
  const { app, db } = await buildTestApp(t, { now: "2026-11-30T08:00:00Z", env: smtp.env() });
  const { token } = await bookSlot(app, "/en/offices/zwolle/book?slot=2026-12-03T12:00:00.000Z", { ...validBooking, email: "m@example.org" });
  await app.outbox.runOnce();
  const booking = await db.booking.findFirstOrThrow();
  const moved = await moveBooking(app.deps, { actor: { type: "staff", id: 1 }, bookingId: booking.id, startsAt: new Date("2026-12-08T10:20:00Z"), rules: "desk" }, app.clock.now());
  t.equal(moved.kind, "moved");
  await app.outbox.runOnce();
  const mail = smtp.to("m@example.org")[1]!;
  t.equal(mail.parsed.subject, "New time for your appointment: Tuesday 8 December at 11:20");
  t.match(bodyText(mail), "The old time was Thursday, 3 December 2026 at 13:00.");
  t.match(bodyText(mail), `https://spreekuur.test/en/booking/${token}`, "the manage link, although staff moved it");
  const vevent = event(mail);
  t.equal(vevent.method, "REQUEST");
  t.equal(Number(vevent.sequence), 1);
  t.equal(vevent.start.toISOString(), "2026-12-08T10:20:00.000Z");
  const reminders = await db.outboxMessage.findMany({ where: { kind: "reminder" }, orderBy: { id: "asc" } });
  t.same(reminders.map((r) => [r.status, r.dueAt.toISOString()]), [["WITHDRAWN", "2026-12-02T09:00:00.000Z"], ["PENDING", "2026-12-07T09:00:00.000Z"]]);
  const after = await db.booking.findUniqueOrThrow({ where: { id: booking.id } });
  t.same([after.seat, after.sequence, after.startsAt.toISOString()], [1, 1, "2026-12-08T10:20:00.000Z"]);
});

t.test("a caseworker gets a copy, or every message when the client is to be reached only through them", async (t) => {
  const smtp = await startSmtp(t);
  const { app, db } = await buildTestApp(t, { now: "2026-11-30T08:00:00Z", env: smtp.env() });
  const office = await db.office.findUniqueOrThrow({ where: { slug: "zwolle" } });
  const { createBooking } = await import("../../src/domain/booking/create-booking.ts");
  const { newManageToken } = await import("../../src/domain/booking/manage-token.ts");
  const base = {
    actor: { type: "client" as const },
    office,
    channel: "CASEWORKER" as const,
    rules: "online" as const,
    locale: "nl",
    language: "ti",
    interpreterNeeded: true,
    phone: null,
    note: null,
  };
  const referrer = { orgType: "refugee-council", orgName: "VluchtelingenWerk Zwolle", name: "Joke", email: "joke@vwn.example" };
  await createBooking(app.deps, { ...base, token: newManageToken(), startsAt: new Date("2026-12-01T09:00:00Z"), name: "Selam", email: "selam@example.org", referrer: { ...referrer, contactViaReferrer: false } }, app.clock.now());
  await createBooking(app.deps, { ...base, token: newManageToken(), startsAt: new Date("2026-12-01T09:20:00Z"), name: "Yonas", email: "yonas@example.org", referrer: { ...referrer, contactViaReferrer: true } }, app.clock.now());
  await app.outbox.runOnce();
  t.equal(smtp.to("selam@example.org").length, 1, "the client hears directly");
  t.equal(smtp.to("yonas@example.org").length, 0, "contact only via the caseworker: the client hears nothing");
  const copies = smtp.to("joke@vwn.example");
  t.equal(copies.length, 2);
  const [copy, only] = copies.map(bodyText);
  t.match(copy!, "U hebt een afspraak gemaakt voor Selam.");
  t.match(only!, "U hebt een afspraak gemaakt voor Yonas.");
  t.match(only!, "Wij nemen geen contact op met Yonas zelf.");
  t.match(copies[0]!.parsed.subject ?? "", /^Afspraak [A-Z2-9]{4}-[A-Z2-9]{4} gemaakt: dinsdag 1 december om 10:00$/);
  const reminders = await db.outboxMessage.findMany({ where: { kind: "reminder" }, select: { recipient: true, audience: true }, orderBy: { id: "asc" } });
  t.same(reminders, [{ recipient: "selam@example.org", audience: "client" }, { recipient: "joke@vwn.example", audience: "caseworker" }]);
});

// The file transport and the calendar file's format are the same on either engine, so these
// two run on SQLite alone (the test command runs this file on PostgreSQL too, for the outbox).
if (!onPostgres) t.test("without SMTP settings messages are written as .eml files", async (t) => {
  const { app, dir } = await buildTestApp(t, { now: "2026-11-30T08:00:00Z" });
  const { readdirSync, readFileSync } = await import("node:fs");
  const { simpleParser } = await import("mailparser");
  await bookSlot(app, "/nl/offices/zwolle/book?slot=2026-12-01T09:00:00.000Z", { ...validBooking, email: "file@example.org" });
  t.equal((await app.outbox.runOnce()).sent, 1);
  t.match(app.mailTransport.description, `Emails are written to ${dir}/mail`);
  const files = readdirSync(`${dir}/mail`);
  t.equal(files.length, 1);
  t.match(files[0]!, /^outbox-\d+-\d+_spreekuur\.test\.eml$/);
  const parsed = await simpleParser(readFileSync(`${dir}/mail/${files[0]}`));
  t.equal(parsed.subject, "Uw afspraak op dinsdag 1 december om 10:00");
  t.equal(parsed.to && !Array.isArray(parsed.to) ? parsed.to.text : "", "file@example.org");
});

t.test("the confirmation page offers the same calendar file to download", async (t) => {
  const { app, db } = await buildTestApp(t, { now: "2026-11-30T08:00:00Z" });
  const { token } = await bookSlot(app, "/en/offices/zwolle/book?slot=2026-12-01T09:00:00.000Z");
  const page = await app.inject({ url: `/en/booking/${token}/confirmation` });
  t.match(page.body, `href="/en/booking/${token}/appointment.ics" download`);
  const ics = await app.inject({ url: `/en/booking/${token}/appointment.ics` });
  t.equal(ics.statusCode, 200);
  t.match(ics.headers["content-type"], "text/calendar");
  const parsed = Object.values(ical.sync.parseICS(ics.body)).find((c) => c?.type === "VEVENT") as VEvent;
  const booking = await db.booking.findFirstOrThrow();
  t.equal(parsed.uid, `booking-${booking.code.toLowerCase()}@spreekuur.test`);
  t.equal(parsed.start.toISOString(), "2026-12-01T09:00:00.000Z");
  t.equal((await app.inject({ url: `/en/booking/${"A".repeat(43)}/appointment.ics` })).statusCode, 404);
});

t.test("a reminder a worker had claimed is not sent once the booking is cancelled or moved", async (t) => {
  const smtp = await startSmtp(t);
  const { app, db, clock } = await buildTestApp(t, { now: "2026-11-30T08:00:00Z", env: smtp.env() });
  const { token } = await bookSlot(app, "/nl/offices/zwolle/book?slot=2026-12-03T12:00:00.000Z", { ...validBooking, email: "gone@example.org" });
  await bookSlot(app, "/nl/offices/zwolle/book?slot=2026-12-03T12:20:00.000Z", { ...validBooking, email: "moved@example.org" });
  await app.outbox.runOnce();
  // Wednesday 10:00, the reminders are due; a worker claims them and dies mid-send.
  clock.set("2026-12-02T09:00:00Z");
  await db.outboxMessage.updateMany({ where: { kind: "reminder" }, data: { status: "SENDING", claimToken: "dead", claimedAt: clock.now() } });
  // Meanwhile one client cancels, and staff move the other booking to the next Tuesday.
  clock.set("2026-12-02T09:01:00Z");
  await app.inject({ method: "POST", url: `/nl/booking/${token}/cancel` });
  const other = await db.booking.findFirstOrThrow({ where: { email: "moved@example.org" } });
  t.equal((await moveBooking(app.deps, { actor: { type: "staff", id: 1 }, bookingId: other.id, startsAt: new Date("2026-12-08T09:00:00Z"), rules: "desk" }, clock.now())).kind, "moved");
  // After the lease another worker takes the claims over.
  clock.set("2026-12-02T09:10:00Z");
  await app.outbox.runOnce();
  t.same(smtp.to("gone@example.org").map((m) => m.parsed.subject), ["Uw afspraak op donderdag 3 december om 13:00", "Afgezegd: uw afspraak op donderdag 3 december om 13:00"], "no reminder after the cancellation");
  t.same(
    smtp.to("moved@example.org").map((m) => m.parsed.subject),
    ["Uw afspraak op donderdag 3 december om 13:20", "Nieuwe tijd voor uw afspraak: dinsdag 8 december om 10:00"],
    "no reminder of the old time",
  );
  const stale = await db.outboxMessage.findMany({ where: { kind: "reminder", dueAt: new Date("2026-12-02T09:00:00Z") }, select: { status: true } });
  t.same(stale, [{ status: "WITHDRAWN" }, { status: "WITHDRAWN" }], "both claimed reminders are withdrawn");
});

if (!onPostgres) t.test("calendar files hold only RFC 5545 properties (or X- ones)", async (t) => {
  const smtp = await startSmtp(t);
  const { app } = await buildTestApp(t, { now: "2026-11-30T08:00:00Z", env: smtp.env() });
  const { token } = await bookSlot(app, "/en/offices/zwolle/book?slot=2026-12-01T09:00:00.000Z", { ...validBooking, email: "rfc@example.org" });
  await app.inject({ method: "POST", url: `/en/booking/${token}/cancel` });
  await app.outbox.runOnce();
  const download = await app.inject({ url: `/en/booking/${token}/appointment.ics` });
  const known = new Set([
    "BEGIN", "END", "VERSION", "PRODID", "METHOD", "CALSCALE", "TZID", "TZURL", "TZOFFSETFROM", "TZOFFSETTO", "TZNAME", "DTSTART", "RRULE",
    "UID", "SEQUENCE", "DTSTAMP", "DTEND", "SUMMARY", "LOCATION", "DESCRIPTION", "ORGANIZER", "ATTENDEE", "STATUS", "URL", "LAST-MODIFIED",
    "ACTION", "TRIGGER",
  ]);
  for (const [what, ics] of [["confirmation", calendarOf(smtp.received[0]!)], ["cancellation", calendarOf(smtp.received[1]!)], ["download", download.body]] as const) {
    const names = ics.split(/\r?\n(?![ \t])/).filter(Boolean).map((line) => /^[A-Z0-9-]+/i.exec(line)?.[0] ?? line);
    t.same(names.filter((name) => !known.has(name) && !name.startsWith("X-")), [], `${what}: no unknown properties`);
  }
});
