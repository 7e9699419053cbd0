// Cancelling and changing dates, with the bookings they touch: the officer sees them
// first, and on confirmation they are cancelled or moved and the clients are emailed.
import t from "tap";
import { buildTestApp } from "../helpers/app.ts";
import { location, mainText } from "../helpers/forms.ts";
import { signedIn } from "../helpers/staff.ts";
import { startSmtp } from "../helpers/smtp.ts";
import { bookAt, officeIds, offeredSlots, scheduleState } from "./schedule-support.ts";

const amina = { name: "Amina Haddad", email: "amina@example.org", locale: "en" };
const oyun = { name: "Oyun", email: "oyun@example.org", locale: "nl" };
const dashed = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;

async function setup(t: Parameters<typeof buildTestApp>[0]) {
  const smtp = await startSmtp(t);
  const test = await buildTestApp(t, { env: smtp.env() });
  const ids = await officeIds(test.db);
  const { user, browser } = await signedIn(test.app, test.db, { role: "OFFICER", offices: ["zwolle"] });
  const tuesday = await test.db.consultationSeries.findFirstOrThrow({ where: { officeId: ids.zwolle, weekdays: "2" } });
  return { ...test, smtp, ids, user, browser, tuesday, base: `/staff/offices/${ids.zwolle}/schedule` };
}

t.test("cancelling a Tuesday with bookings lists them, then cancels them and emails each client with the reason", async (t) => {
  const { app, db, smtp, ids, user, browser, tuesday, base } = await setup(t);
  await bookAt(app, "zwolle", "2026-12-08T09:00:00.000Z", amina);
  await bookAt(app, "zwolle", "2026-12-08T09:40:00.000Z", oyun);
  await bookAt(app, "zwolle", "2026-12-10T12:00:00.000Z", { name: "Thursday client", email: "thu@example.org", locale: "en" });
  await app.outbox.runOnce();
  smtp.received.length = 0;
  const [a, o] = [await db.booking.findFirstOrThrow({ where: { name: amina.name } }), await db.booking.findFirstOrThrow({ where: { name: oyun.name } })];

  const form = await browser.get(`${base}/exceptions/new?kind=CANCEL&series=${tuesday.id}&date=2026-12-08`);
  t.equal(form.statusCode, 200);
  t.match(form.body, `<option value="${tuesday.id}" selected>Tuesday 10:00–12:00</option>`);
  t.match(form.body, 'name="date" type="date" value="2026-12-08"');

  const fields = { kind: "CANCEL", seriesId: String(tuesday.id), date: "2026-12-08", reason: "Officer on leave" };
  const before = await scheduleState(db);
  const confirm = await browser.post(`${base}/exceptions`, fields);
  t.equal(confirm.statusCode, 200, "first the affected bookings");
  const text = mainText(confirm.body);
  t.match(text, "Date cancelled: Tuesday, 8 December 2026");
  t.match(text, "Nothing has been saved yet. 2 bookings no longer fit the new schedule. Choose for each one: cancel it, or move it to a free time.");
  t.match(text, `Tuesday, 8 December 2026, 10:00–10:20 ${dashed(a.code)} Amina Haddad This time no longer exists`);
  t.match(text, `Tuesday, 8 December 2026, 10:40–11:00 ${dashed(o.code)} Oyun This time no longer exists`);
  t.notMatch(text, "Thursday client");
  t.match(confirm.body, `<input type="hidden" name="shown" value="${a.id},${o.id}">`);
  t.match(confirm.body, '<input type="hidden" name="reason" value="Officer on leave">', "the form travels along");
  t.same(await scheduleState(db), before, "nothing saved yet");

  const confirmFields = { ...fields, confirm: "yes", shown: `${a.id},${o.id}`, [`move-${a.id}`]: "cancel", [`move-${o.id}`]: "cancel" };
  const noReason = await browser.post(`${base}/exceptions`, { ...confirmFields, clientReason: " " });
  t.equal(noReason.statusCode, 422, "cancelling needs a reason for the clients");
  t.match(noReason.body, "Give a reason: the clients read it in their email.");
  t.same(await scheduleState(db), before, "still nothing saved");

  const done = await browser.post(`${base}/exceptions`, { ...confirmFields, clientReason: "The officer is ill" });
  t.equal(done.statusCode, 303);
  t.equal(location(done), `${base}?done=exception.create&cancelled=2&moved=0&bookings=${a.id}%2C${o.id}`);
  const overview = mainText((await browser.get(location(done))).body);
  t.match(overview, "The exception has been saved. Bookings cancelled: 2. Bookings moved: 0.");
  t.match(overview, "Tuesday, 8 December 2026 Date cancelled Tuesday 10:00–12:00 Officer on leave Remove");

  const exception = await db.scheduleException.findFirstOrThrow();
  t.match(exception, { officeId: ids.zwolle, seriesId: tuesday.id, kind: "CANCEL", date: "2026-12-08", reason: "Officer on leave" });
  for (const b of [a, o]) {
    t.match(await db.booking.findUniqueOrThrow({ where: { id: b.id } }), { status: "CANCELLED", seat: null, cancelledBy: "staff", cancelReason: "The officer is ill" });
  }
  t.match(await db.booking.findFirstOrThrow({ where: { name: "Thursday client" } }), { status: "BOOKED" });
  const outbox = await db.outboxMessage.findMany({ where: { kind: "cancellation" }, orderBy: { id: "asc" } });
  t.same(outbox.map((m) => [m.bookingId, m.recipient, m.locale]), [[a.id, amina.email, "en"], [o.id, oyun.email, "nl"]]);

  t.same(await app.outbox.runOnce(), { sent: 2, retrying: 0, failed: 0, dropped: 0 });
  const [toAmina] = smtp.to(amina.email);
  t.equal(toAmina?.parsed.subject, "Cancelled: your appointment on Tuesday 8 December at 10:00");
  t.match(toAmina?.parsed.text, "We are sorry: we had to cancel your appointment.");
  t.match(toAmina?.parsed.text, "The staff member wrote: “The officer is ill”", "the officer's words, quoted");
  t.match(String(toAmina?.parsed.html), '“<span lang="en" dir="auto">The officer is ill</span>”', "in the officer's language (their staff pages are in English)");
  const [toOyun] = smtp.to(oyun.email);
  t.equal(toOyun?.parsed.subject, "Afgezegd: uw afspraak op dinsdag 8 december om 10:40", "in the client's own language");
  t.match(toOyun?.parsed.text, "De medewerker schreef: “The officer is ill”");
  t.equal(smtp.received.length, 2, "no one else is emailed");

  const publicDay = offeredSlots((await app.inject({ url: "/nl/offices/zwolle" })).body);
  t.same(publicDay.filter((s) => s.startsWith("2026-12-08")), [], "the date has no slots");
  t.ok(publicDay.some((s) => s.startsWith("2026-12-01")), "the Tuesday before has");

  // Removing the cancellation brings the date back; no booking is affected by that.
  const removed = await browser.post(`${base}/exceptions/${exception.id}/delete`);
  t.equal(removed.statusCode, 303);
  t.equal(location(removed), `${base}?done=exception.remove&cancelled=0&moved=0`);
  t.equal(offeredSlots((await app.inject({ url: "/nl/offices/zwolle" })).body).filter((s) => s.startsWith("2026-12-08")).length, 6);

  const audit = await db.auditEntry.findMany({ where: { actorType: "staff", entityType: { not: "user" } }, orderBy: { id: "asc" } });
  t.same(audit.map((e) => [e.action, e.entityType, e.entityId, e.actorId]), [
    ["exception.created", "exception", exception.id, user.id],
    ["booking.cancelled", "booking", a.id, user.id],
    ["booking.cancelled", "booking", o.id, user.id],
    ["exception.removed", "exception", exception.id, user.id],
  ]);
  t.same(JSON.parse(audit[0]!.detail!), {
    kind: "CANCEL", seriesId: tuesday.id, date: "2026-12-08", endDate: null, startTime: null, endTime: null, slotMinutes: null, capacity: null,
    withReason: true, replaced: null, affected: 2, cancelled: 2, moved: 0,
  });
  const logged = (await db.auditEntry.findMany()).map((e) => e.detail ?? "").join("\n");
  for (const secret of ["Amina", "Oyun", "example.org", "ill", "leave"]) t.notMatch(logged, secret, `no "${secret}" in the audit log`);
});

t.test("changing a date: validated like a series; affected bookings can move to a chosen free slot", async (t) => {
  const { app, db, smtp, browser, tuesday, base } = await setup(t);
  await bookAt(app, "zwolle", "2026-12-08T09:00:00.000Z", amina);
  await bookAt(app, "zwolle", "2026-12-08T09:20:00.000Z", oyun);
  await app.outbox.runOnce();
  smtp.received.length = 0;
  const [a, o] = [await db.booking.findFirstOrThrow({ where: { name: amina.name } }), await db.booking.findFirstOrThrow({ where: { name: oyun.name } })];
  const change = { kind: "CHANGE", seriesId: String(tuesday.id), date: "2026-12-08", startTime: "11:00", endTime: "12:00", slotMinutes: "20", capacity: "1", reason: "" };

  const prefilled = await browser.get(`${base}/exceptions/new?kind=CHANGE&series=${tuesday.id}&date=2026-12-08`);
  t.match(prefilled.body, 'name="startTime" type="time" value="10:00"', "the series' hours to start from");
  const before = await scheduleState(db);
  const invalid: Array<[Record<string, string>, string, string]> = [
    [{ endTime: "10:30" }, "endTime", "The end time must be later than the start time."],
    [{ capacity: "0" }, "capacity", "Enter at least 1 person per slot (at most 50)."],
    [{ slotMinutes: "25" }, "slotMinutes", "The time from start to end must be a whole number of slots."],
    [{ date: "2026-12-09" }, "date", "This series has no consultation hours on that date."],
    [{ date: "2026-11-24" }, "date", "Choose today or a later date."],
    [{ date: "8-12-2026" }, "date", "Enter a date as YYYY-MM-DD, for example 2027-03-30."],
  ];
  for (const [fields, field, message] of invalid) {
    const response = await browser.post(`${base}/exceptions`, { ...change, ...fields });
    t.equal(response.statusCode, 422, JSON.stringify(fields));
    t.match(response.body, new RegExp(`id="error-${field}"><span class="visually-hidden">[^<]*</span>${message.replace(/[.()]/g, "\\$&")}</p>`));
  }
  t.same(await scheduleState(db), before, "nothing saved");

  const confirm = await browser.post(`${base}/exceptions`, change);
  t.equal(confirm.statusCode, 200);
  t.match(confirm.body, `<option value="2026-12-08T10:00:00.000Z">Move to Tue 8 Dec 11:00</option>`, "free slots of the new hours are offered");
  t.match(confirm.body, `<option value="2026-12-08T10:20:00.000Z">Move to Tue 8 Dec 11:20</option>`);
  const confirmFields = { ...change, confirm: "yes", shown: `${a.id},${o.id}`, clientReason: "" };

  // Both onto the one place at 11:00: refused as a whole, nothing saved or sent.
  const clash = await browser.post(`${base}/exceptions`, { ...confirmFields, [`move-${a.id}`]: "2026-12-08T10:00:00.000Z", [`move-${o.id}`]: "2026-12-08T10:00:00.000Z" });
  t.equal(clash.statusCode, 409);
  t.match(mainText(clash.body), "This time is no longer free. Choose another one.");
  t.same(await scheduleState(db), before, "the change and the first move were rolled back");

  const done = await browser.post(`${base}/exceptions`, { ...confirmFields, [`move-${a.id}`]: "2026-12-08T10:00:00.000Z", [`move-${o.id}`]: "2026-12-08T10:20:00.000Z" });
  t.equal(done.statusCode, 303);
  t.equal(location(done), `${base}?done=exception.create&cancelled=0&moved=2&bookings=${a.id}%2C${o.id}`);
  t.match(await db.booking.findUniqueOrThrow({ where: { id: a.id } }), { status: "BOOKED", startsAt: new Date("2026-12-08T10:00:00.000Z"), seat: 1 });
  t.match(await db.booking.findUniqueOrThrow({ where: { id: o.id } }), { status: "BOOKED", startsAt: new Date("2026-12-08T10:20:00.000Z"), seat: 1 });
  t.match(await db.scheduleException.findFirstOrThrow(), { kind: "CHANGE", startTime: "11:00", endTime: "12:00", slotMinutes: 20, capacity: 1 });
  await app.outbox.runOnce();
  t.equal(smtp.to(amina.email)[0]?.parsed.subject, "New time for your appointment: Tuesday 8 December at 11:00");
  t.match(smtp.to(amina.email)[0]?.parsed.text, "The old time was Tuesday, 8 December 2026 at 10:00.");
  t.equal(smtp.to(oyun.email)[0]?.parsed.subject, "Nieuwe tijd voor uw afspraak: dinsdag 8 december om 11:20");
  const slots = offeredSlots((await app.inject({ url: "/nl/offices/zwolle" })).body).filter((s) => s.startsWith("2026-12-08"));
  t.same(slots, ["2026-12-08T10:40:00.000Z"], "the changed hours, with the two moved bookings in them");
  t.same((await db.auditEntry.findMany({ where: { entityType: { in: ["exception", "booking"] }, actorType: "staff" } })).map((e) => e.action).sort(), ["booking.moved", "booking.moved", "exception.created"]);
});

t.test("a closure period removes slots; an extra session adds bookable ones", async (t) => {
  const { app, db, browser, base } = await setup(t);
  const slotsFrom = async (from: string) => offeredSlots((await app.inject({ url: `/en/offices/zwolle?from=${from}` })).body);
  const closed = { kind: "CLOSURE", date: "2026-12-07", endDate: "2026-12-11", reason: "Verbouwing" };
  const backwards = await browser.post(`${base}/exceptions`, { ...closed, endDate: "2026-12-06" });
  t.equal(backwards.statusCode, 422);
  t.match(backwards.body, "The last day must not be before the first day.");
  t.equal(await db.scheduleException.count(), 0);

  t.equal((await slotsFrom("2026-12-07")).filter((s) => s < "2026-12-12").length, 12, "Tuesday and Thursday before");
  const saved = await browser.post(`${base}/exceptions`, closed);
  t.equal(saved.statusCode, 303, "no bookings then: saved at once");
  t.same((await slotsFrom("2026-12-07")).filter((s) => s < "2026-12-12"), [], "closed all week");
  t.ok((await slotsFrom("2026-12-07")).some((s) => s.startsWith("2026-12-15")), "open again the week after");

  const overlapping = await browser.post(`${base}/exceptions`, { kind: "EXTRA", date: "2026-12-15", startTime: "11:30", endTime: "12:30", slotMinutes: "30", capacity: "1", reason: "" });
  t.equal(overlapping.statusCode, 422);
  t.match(overlapping.body, "These hours overlap with another session at this office on that day.");
  const onClosed = await browser.post(`${base}/exceptions`, { kind: "EXTRA", date: "2026-12-09", startTime: "13:00", endTime: "14:00", slotMinutes: "30", capacity: "1", reason: "" });
  t.match(onClosed.body, "The office is closed on that date.");
  t.equal(await db.scheduleException.count(), 1);

  const extra = await browser.post(`${base}/exceptions`, { kind: "EXTRA", date: "2026-12-16", startTime: "13:00", endTime: "14:00", slotMinutes: "30", capacity: "2", reason: "Extra drukte" });
  t.equal(extra.statusCode, 303);
  t.same((await slotsFrom("2026-12-14")).filter((s) => s.startsWith("2026-12-16")), ["2026-12-16T12:00:00.000Z", "2026-12-16T12:30:00.000Z"], "bookable on the public page");
  const overview = mainText((await browser.get(base)).body);
  t.match(overview, "Monday, 7 December 2026 – Friday, 11 December 2026 Office closed Verbouwing");
  t.match(overview, "Wednesday, 16 December 2026 Extra session 13:00–14:00, 30 min, 2 per slot Extra drukte");
  t.match(overview, "Wednesday, 16 December 2026 13:00–14:00 Extra session 0 of 4");

  // Removing an extra session that has a booking asks first, then cancels it.
  await bookAt(app, "zwolle", "2026-12-16T12:30:00.000Z", amina);
  const session = await db.scheduleException.findFirstOrThrow({ where: { kind: "EXTRA" } });
  const ask = await browser.post(`${base}/exceptions/${session.id}/delete`);
  t.equal(ask.statusCode, 200);
  t.match(mainText(ask.body), "Remove exception: Extra session, Wednesday, 16 December 2026");
  t.match(mainText(ask.body), "Wednesday, 16 December 2026, 13:30–14:00");
  const booking = await db.booking.findFirstOrThrow();
  const removed = await browser.post(`${base}/exceptions/${session.id}/delete`, { confirm: "yes", shown: String(booking.id), [`move-${booking.id}`]: "cancel", clientReason: "Extra hours cancelled" });
  t.equal(removed.statusCode, 303);
  t.equal(await db.scheduleException.count({ where: { kind: "EXTRA" } }), 0);
  t.match(await db.booking.findUniqueOrThrow({ where: { id: booking.id } }), { status: "CANCELLED", cancelReason: "Extra hours cancelled" });
  t.same(await db.outboxMessage.findMany({ where: { kind: "cancellation" } }).then((m) => m.map((x) => x.recipient)), [amina.email]);
});

t.test("the check of a closure of several days names all its days", async (t) => {
  const { app, db, browser, base } = await setup(t);
  await bookAt(app, "zwolle", "2026-12-10T12:00:00.000Z", amina);
  const lead = (html: string) => /<p class="lead">([^<]*)<\/p>/.exec(html)?.[1];
  const week = await browser.post(`${base}/exceptions`, { kind: "CLOSURE", date: "2026-12-07", endDate: "2026-12-11", reason: "Verbouwing" });
  t.equal(week.statusCode, 200);
  t.equal(lead(week.body), "Zwolle — Wijkcentrum Holtenbroek · Office closed: Monday, 7 December 2026 – Friday, 11 December 2026");
  const day = await browser.post(`${base}/exceptions`, { kind: "CLOSURE", date: "2026-12-10", endDate: "", reason: "" });
  t.equal(lead(day.body), "Zwolle — Wijkcentrum Holtenbroek · Office closed: Thursday, 10 December 2026", "one day is named alone");
  t.equal(await db.scheduleException.count(), 0, "nothing saved before the check");
});

t.test("a public holiday has no slots until the office opens on it explicitly", async (t) => {
  const smtp = await startSmtp(t);
  // Early March 2027: King's Day (Tuesday 27 April) is within the 84-day horizon.
  const { app, db } = await buildTestApp(t, { now: "2027-03-01T08:00:00Z", env: smtp.env() });
  const ids = await officeIds(db);
  const { browser } = await signedIn(app, db, { role: "ADMIN" });
  const base = `/staff/offices/${ids.zwolle}/schedule`;
  const kingsDay = async () => offeredSlots((await app.inject({ url: "/nl/offices/zwolle?from=2027-04-26" })).body).filter((s) => s.startsWith("2027-04-27"));
  const overview = await browser.get(base);
  t.match(mainText(overview.body), "Tuesday, 27 April 2027 Koningsdag Closed Open on this day");
  t.same(await kingsDay(), [], "closed by default");
  t.ok(offeredSlots((await app.inject({ url: "/nl/offices/zwolle?from=2027-04-26" })).body).some((s) => s.startsWith("2027-04-29")), "the Thursday after is open");

  const notHoliday = await browser.post(`${base}/exceptions`, { kind: "HOLIDAY_OPEN", date: "2027-04-20" });
  t.equal(notHoliday.statusCode, 422);
  t.match(mainText(notHoliday.body), "That date is not a public holiday.");
  const opened = await browser.post(`${base}/exceptions`, { kind: "HOLIDAY_OPEN", date: "2027-04-27" });
  t.equal(opened.statusCode, 303);
  t.same(await kingsDay(), ["2027-04-27T08:00:00.000Z", "2027-04-27T08:20:00.000Z", "2027-04-27T08:40:00.000Z", "2027-04-27T09:00:00.000Z", "2027-04-27T09:20:00.000Z", "2027-04-27T09:40:00.000Z"], "10:00 local time, summer time");
  t.match(mainText((await browser.get(base)).body), "Tuesday, 27 April 2027 Koningsdag Open Close again");
  const twice = await browser.post(`${base}/exceptions`, { kind: "HOLIDAY_OPEN", date: "2027-04-27" });
  t.equal(twice.statusCode, 422);
  t.match(mainText(twice.body), "The office is already open on that holiday.");
  t.equal(await db.scheduleException.count(), 1);

  // Closing again with a booking on it: the booking is listed, then cancelled.
  await bookAt(app, "zwolle", "2027-04-27T08:20:00.000Z", oyun);
  const booking = await db.booking.findFirstOrThrow();
  const opening = await db.scheduleException.findFirstOrThrow();
  const ask = await browser.post(`${base}/exceptions/${opening.id}/delete`);
  t.equal(ask.statusCode, 200);
  t.match(mainText(ask.body), `Remove exception: Open on holiday, Tuesday, 27 April 2027`);
  t.match(mainText(ask.body), `Tuesday, 27 April 2027, 10:20–10:40 ${dashed(booking.code)} Oyun`);
  const closed = await browser.post(`${base}/exceptions/${opening.id}/delete`, { confirm: "yes", shown: String(booking.id), [`move-${booking.id}`]: "cancel", clientReason: "Koningsdag" });
  t.equal(closed.statusCode, 303);
  t.same(await kingsDay(), [], "closed again");
  t.match(await db.booking.findUniqueOrThrow({ where: { id: booking.id } }), { status: "CANCELLED", cancelReason: "Koningsdag" });
  await app.outbox.runOnce();
  t.equal(smtp.to(oyun.email).at(-1)?.parsed.subject, "Afgezegd: uw afspraak op dinsdag 27 april om 10:20");
  const audit = await db.auditEntry.findMany({ where: { entityType: "exception" }, orderBy: { id: "asc" } });
  t.same(audit.map((e) => {
    const detail = JSON.parse(e.detail!) as { kind: string; date: string };
    return [e.action, e.entityId, detail.kind, detail.date];
  }), [
    ["exception.created", opening.id, "HOLIDAY_OPEN", "2027-04-27"],
    ["exception.removed", opening.id, "HOLIDAY_OPEN", "2027-04-27"],
  ]);
});

t.test("only the bookings the officer saw are settled: a new one in between means checking again", async (t) => {
  const { app, db, browser, base } = await setup(t);
  await bookAt(app, "zwolle", "2026-12-10T12:00:00.000Z", amina);
  const first = await db.booking.findFirstOrThrow();
  const closure = { kind: "CLOSURE", date: "2026-12-10", endDate: "", reason: "" };
  const ask = await browser.post(`${base}/exceptions`, closure);
  t.equal(ask.statusCode, 200);
  t.match(ask.body, `name="shown" value="${first.id}"`);

  const before = await scheduleState(db);
  const skipped = await browser.post(`${base}/exceptions`, { ...closure, confirm: "yes", shown: "", clientReason: "Closed" });
  t.equal(skipped.statusCode, 409, "confirming without having seen the list is not enough");
  t.match(mainText(skipped.body), "The affected bookings have changed in the meantime. Check the list again.");
  const garbage = await browser.post(`${base}/exceptions`, { ...closure, confirm: "yes", shown: String(first.id), [`move-${first.id}`]: "next week", clientReason: ["a", "b"] });
  t.equal(garbage.statusCode, 422);
  t.match(mainText(garbage.body), "Choose to cancel or one of the free times.");
  t.same(await scheduleState(db), before, "nothing saved");

  // Someone books the same day while the officer reads the list.
  await bookAt(app, "zwolle", "2026-12-10T12:20:00.000Z", oyun);
  const second = await db.booking.findFirstOrThrow({ where: { name: oyun.name } });
  const stale = await browser.post(`${base}/exceptions`, { ...closure, confirm: "yes", shown: String(first.id), clientReason: "Closed" });
  t.equal(stale.statusCode, 409);
  t.match(stale.body, `name="shown" value="${first.id},${second.id}"`, "the list now holds both");
  t.match(mainText(stale.body), "Oyun");
  t.equal(await db.scheduleException.count(), 0);
  t.equal(await db.booking.count({ where: { status: "CANCELLED" } }), 0);

  const done = await browser.post(`${base}/exceptions`, { ...closure, confirm: "yes", shown: `${first.id},${second.id}`, clientReason: "Closed" });
  t.equal(done.statusCode, 303);
  t.equal(await db.booking.count({ where: { status: "CANCELLED", cancelReason: "Closed" } }), 2);
  t.match(await db.scheduleException.findFirstOrThrow(), { kind: "CLOSURE", date: "2026-12-10", endDate: "2026-12-10", reason: null });
});
