// A booking's detail page and the staff actions on it: cancel with a reason, move,
// attended / no-show / undo — each visible in the history, emails through real SMTP.
import t from "tap";
import { formatBookingCode } from "../../src/i18n/format.ts";
import { buildTestApp } from "../helpers/app.ts";
import { mainText, postForm } from "../helpers/forms.ts";
import { startSmtp } from "../helpers/smtp.ts";
import { signedIn } from "../helpers/staff.ts";
import { bookPublic, statusMessage, tableRows } from "./bookings-helpers.ts";

const now = "2026-11-30T08:00:00Z"; // Monday 30 November 2026, 09:00 in Zwolle
const tuesday10 = "2026-12-01T09:00:00.000Z";
const thursday13 = "2026-12-03T12:00:00.000Z";

t.test("the detail page shows every field and the history", async (t) => {
  const { app, db } = await buildTestApp(t, { now });
  const { booking } = await bookPublic(app, db, "zwolle", tuesday10, { name: "Amina", email: "amina@example.org", phone: "+31 6 1234 5678", note: "I come with my son.", language: "ar", interpreter: "yes" });
  const { browser } = await signedIn(app, db, { role: "OFFICER", offices: ["zwolle"] });
  const page = await browser.get(`/staff/bookings/${booking.id}`);
  t.equal(page.statusCode, 200);
  t.equal(page.headers["cache-control"], "no-store");
  const code = formatBookingCode(booking.code);
  t.match(page.body, `<h1>Booking ${code}</h1>`);
  const text = mainText(page.body);
  for (const fact of [
    `Booking code ${code}`,
    "Office Zwolle — Wijkcentrum Holtenbroek",
    "Date Tuesday, 1 December 2026",
    "Time 10:00–10:20",
    "Status Planned",
    "Booked via Client online",
    "Language of the conversation العربية",
    "Interpreter needed Yes",
    "Language of the messages English",
    "Booked on Monday, 30 November 2026 09:00",
    "Checked in – Outcome recorded –",
    "Name or alias Amina",
    "Phone number +31612345678",
    "Email address amina@example.org",
    "Note I come with my son.",
  ]) t.match(text, fact);
  t.same(tableRows(page.body, 'id="history-title"'), [["Mon 30 Nov 09:00", "client", "Booked (Client online)"]]);
  t.same(tableRows(page.body, 'id="messages-title"'), [
    ["Confirmation", "Client", "Waiting", "Mon 30 Nov 09:00", "–"],
    ["Reminder", "Client", "Waiting", "Mon 30 Nov 09:00", "–"],
  ]);
  t.match(page.body, 'action="/staff/bookings/' + booking.id + '/cancel"');
  t.match(page.body, 'href="/staff/bookings/' + booking.id + '/move"');
  t.notMatch(page.body, "/outcome", "no outcome buttons before the day of the appointment");
});

t.test("cancelling with a reason: validation, the client's email with the reason, the history", async (t) => {
  const smtp = await startSmtp(t);
  const { app, db } = await buildTestApp(t, { now, env: smtp.env() });
  const { booking } = await bookPublic(app, db, "zwolle", tuesday10, { name: "Amina", email: "amina@example.org" });
  await app.outbox.runOnce();
  t.equal(smtp.to("amina@example.org").length, 1, "the confirmation");
  const { browser } = await signedIn(app, db, { role: "OFFICER", offices: ["zwolle"], name: "Olga Officer" });
  const url = `/staff/bookings/${booking.id}`;

  for (const [reason, message] of [
    ["", "Give a reason for cancelling."],
    ["   ", "Give a reason for cancelling."],
    ["x".repeat(301), "The reason is too long. Use at most 300 characters."],
    ["bad\u0001char", "The reason contains characters that are not allowed."],
  ] as const) {
    const refused = await browser.post(`${url}/cancel`, { reason });
    t.equal(refused.statusCode, 422, JSON.stringify(reason));
    t.match(refused.body, `<p class="field-error" id="error-reason"><span class="visually-hidden">Error: </span>${message}</p>`);
    t.match(refused.body, "<title>Error: Booking");
  }
  t.equal((await browser.post(`${url}/cancel`, {})).statusCode, 422, "no reason field at all");
  t.equal((await db.booking.findUniqueOrThrow({ where: { id: booking.id } })).status, "BOOKED", "nothing changed");

  const done = await browser.post(`${url}/cancel`, { reason: "  The officer is ill\ntoday. " });
  t.equal(done.statusCode, 303);
  t.equal(done.headers.location, `${url}?done=cancelled`);
  const after = await browser.get(done.headers.location as string);
  t.equal(statusMessage(after.body), "The booking has been cancelled. Told by email");
  t.match(mainText(after.body), "Status Cancelled");
  t.match(mainText(after.body), "Reason for cancelling The officer is ill today.");
  t.notMatch(after.body, `action="${url}/cancel"`, "no cancel form on a cancelled booking");
  t.same(tableRows(after.body, 'id="history-title"'), [
    ["Mon 30 Nov 09:00", "client", "Booked (Client online)"],
    ["Mon 30 Nov 09:00", "Olga Officer", "Cancelled, with a reason"],
  ]);

  await app.outbox.runOnce();
  const mails = smtp.to("amina@example.org");
  t.equal(mails.length, 2);
  const mail = mails[1]!;
  t.equal(mail.parsed.subject, "Cancelled: your appointment on Tuesday 1 December at 10:00");
  t.match(mail.parsed.text, "We are sorry: we had to cancel your appointment.");
  t.match(mail.parsed.text, "The staff member wrote: “The officer is ill today.”");
  const audit = await db.auditEntry.findFirstOrThrow({ where: { entityId: booking.id, action: "booking.cancelled" } });
  t.notMatch(audit.detail ?? "", "ill", "the reason itself is not in the audit log");

  const messages = tableRows((await browser.get(url)).body, 'id="messages-title"');
  t.same(messages.map((m) => [m[0], m[2], m[4] !== "–"]), [["Confirmation", "Sent", true], ["Reminder", "Withdrawn", false], ["Cancellation", "Sent", true]]);
  const again = await browser.post(`${url}/cancel`, { reason: "Again" });
  t.equal(again.headers.location, `${url}?done=notCancellable`);
  t.equal(smtp.to("amina@example.org").length, 2);
});

t.test("moving to another free slot: the client's 'moved' email and the new time on the page", async (t) => {
  const smtp = await startSmtp(t);
  const { app, db } = await buildTestApp(t, { now, env: smtp.env() });
  const { booking } = await bookPublic(app, db, "zwolle", tuesday10, { name: "Amina", email: "amina@example.org" });
  await bookPublic(app, db, "zwolle", "2026-12-03T12:20:00.000Z", { name: "Other" });
  const { browser } = await signedIn(app, db, { role: "OFFICER", offices: ["zwolle"], name: "Olga Officer" });
  const url = `/staff/bookings/${booking.id}`;

  const picker = await browser.get(`${url}/move`);
  t.equal(picker.statusCode, 200);
  t.match(picker.body, "Now: Tuesday 1 December, 10:00, Zwolle — Wijkcentrum Holtenbroek.");
  const offered = [...picker.body.matchAll(/name="slot" value="([^"]+)"/g)].map((m) => m[1]);
  t.notOk(offered.includes(tuesday10), "not the booking's own time");
  t.ok(offered.includes("2026-12-01T09:20:00.000Z"));
  t.ok(offered.includes(thursday13));
  t.notOk(offered.includes("2026-12-03T12:20:00.000Z"), "not a full slot");
  t.equal(offered[0], "2026-12-01T09:20:00.000Z", "in time order");

  const full = await browser.post(`${url}/move`, { slot: "2026-12-03T12:20:00.000Z" });
  t.equal(full.statusCode, 409);
  t.match(full.body, "That time was just taken. Choose another time.");
  const nothing = await browser.post(`${url}/move`, { slot: "not a time" });
  t.equal(nothing.statusCode, 422);
  t.match(nothing.body, "Choose a new time.");
  const between = await browser.post(`${url}/move`, { slot: "2026-12-03T12:05:00.000Z" });
  t.equal(between.statusCode, 409);
  t.match(between.body, "That time cannot be chosen.");
  t.equal((await db.booking.findUniqueOrThrow({ where: { id: booking.id } })).startsAt.toISOString(), tuesday10, "unchanged so far");

  const moved = await browser.post(`${url}/move`, { slot: thursday13 });
  t.equal(moved.statusCode, 303);
  t.equal(moved.headers.location, `${url}?done=moved`);
  const page = await browser.get(moved.headers.location as string);
  t.equal(statusMessage(page.body), "The booking has been moved. Told by email");
  t.match(mainText(page.body), "Date Thursday, 3 December 2026 Time 13:00–13:20");
  t.same(tableRows(page.body, 'id="history-title"')[1], ["Mon 30 Nov 09:00", "Olga Officer", "Moved from Tuesday 1 December, 10:00 to Thursday 3 December, 13:00"]);

  await app.outbox.runOnce();
  const mails = smtp.to("amina@example.org");
  t.same(mails.map((m) => m.parsed.subject), ["Your appointment on Tuesday 1 December at 10:00", "New time for your appointment: Thursday 3 December at 13:00"]);
  t.match(mails[1]!.parsed.text, "The old time was Tuesday, 1 December 2026 at 10:00.");
});

t.test("attended, no-show and undo change the status and show in the history", async (t) => {
  const { app, db, clock } = await buildTestApp(t, { now });
  const { booking } = await bookPublic(app, db, "zwolle", tuesday10, { name: "Amina" });
  const { browser } = await signedIn(app, db, { role: "OFFICER", offices: ["zwolle"], name: "Olga Officer" });
  const url = `/staff/bookings/${booking.id}`;
  const early = await browser.post(`${url}/outcome`, { action: "attended" });
  t.equal(early.headers.location, `${url}?done=tooEarly`, "not before the day of the appointment");
  t.equal((await db.booking.findUniqueOrThrow({ where: { id: booking.id } })).status, "BOOKED");

  clock.set("2026-12-01T09:25:00Z");
  const { browser: officer } = await signedIn(app, db, { role: "OFFICER", offices: ["zwolle"], name: "Omar Officer", email: "omar@iom.test" });
  const status = async () => (await db.booking.findUniqueOrThrow({ where: { id: booking.id } })).status;
  const steps = [
    ["attended", "attended", "ATTENDED", "Marked as attended."],
    ["attended", "unchanged", "ATTENDED", "Nothing changed: the booking already had this status."],
    ["no-show", "noShow", "NO_SHOW", "Marked as no-show."],
    ["undo", "undone", "BOOKED", "The last mark has been undone."],
  ] as const;
  for (const [action, done, expected, message] of steps) {
    const response = await officer.post(`${url}/outcome`, { action });
    t.equal(response.headers.location, `${url}?done=${done}`, action);
    t.equal(await status(), expected);
    t.equal(statusMessage((await officer.get(response.headers.location as string)).body), message);
  }
  const page = await officer.get(url);
  t.same(tableRows(page.body, 'id="history-title"').slice(1), [
    ["Tue 1 Dec 10:25", "Omar Officer", "Marked as attended"],
    ["Tue 1 Dec 10:25", "Omar Officer", "Marked as no-show"],
    ["Tue 1 Dec 10:25", "Omar Officer", "Last mark undone (now: Planned)"],
  ]);
  t.match(mainText(page.body), "Status Planned");
  t.match(page.body, 'name="action" value="attended"');
  t.equal((await officer.post(`${url}/outcome`, { action: "check-in" })).statusCode, 400, "only the three actions");
  t.equal((await officer.post(`${url}/outcome`, { action: ["attended", "undo"] })).statusCode, 400);
  t.equal(await status(), "BOOKED");
});

t.test("a caseworker's booking shows the referrer; an erased booking shows no personal data", async (t) => {
  const { app, db } = await buildTestApp(t, { now });
  const form = await app.inject({ url: `/nl/caseworker/offices/zwolle/book?slot=${tuesday10}` });
  const formKey = /name="formKey" value="([^"]+)"/.exec(form.body)![1]!;
  const sent = await postForm(app, "/nl/caseworker/offices/zwolle/book", {
    orgType: "womens-shelter", orgName: "Blijf Groep", caseworkerName: "Sanne", caseworkerEmail: "sanne@blijf.test", contactViaMe: "yes",
    name: "Leyla", language: "ku", clientLocale: "nl", interpreter: "no", note: "", consent: "yes", confirm: "yes", slot: tuesday10, formKey,
  });
  t.equal(sent.statusCode, 303);
  const booking = await db.booking.findFirstOrThrow();
  const { browser } = await signedIn(app, db, { role: "OFFICER", offices: ["zwolle"] });
  const text = mainText((await browser.get(`/staff/bookings/${booking.id}`)).body).replaceAll("&#39;", "'");
  for (const fact of ["Booked via Caseworker", "Language of the messages Nederlands", "Name or alias Leyla", "Phone number – Email address –", "Type of organisation Women's shelter", "Organisation Blijf Groep", "Caseworker Sanne", "Caseworker's email address sanne@blijf.test", "Contact only via the caseworker Yes"]) {
    t.match(text, fact);
  }
  await db.booking.update({ where: { id: booking.id }, data: { name: null, searchName: null, referrerName: null, referrerEmail: null, referrerOrgName: null, erasedAt: new Date(now) } });
  const erased = await browser.get(`/staff/bookings/${booking.id}`);
  t.match(mainText(erased.body), "The personal details of this booking have been erased.");
  t.notMatch(erased.body, "Blijf Groep");
  const search = await browser.get(`/staff/bookings?q=${booking.code}`);
  t.same(tableRows(search.body).map((r) => r[4]), ["(erased)"], "found by code, without a name");
});
