// Creating, editing and ending consultation series through the staff pages, as the
// public office page then shows them.
import t from "tap";
import { buildTestApp } from "../helpers/app.ts";
import { location, mainText } from "../helpers/forms.ts";
import { createStaff, signedIn } from "../helpers/staff.ts";
import { bookAt, officeIds, offeredSlots, scheduleState, wednesdayForm } from "./schedule-support.ts";

/** The error shown beside a field, if any. */
function fieldError(html: string, field: string): string | null {
  const match = new RegExp(`<p class="field-error" id="error-${field}"><span class="visually-hidden">[^<]*</span>([^<]*)</p>`).exec(html);
  return match ? match[1]! : null;
}

const wednesdaySlots = ["2026-12-02T13:00:00.000Z", "2026-12-02T13:30:00.000Z", "2026-12-02T14:00:00.000Z", "2026-12-02T14:30:00.000Z"];

t.test("each invalid series shows its field error, keeps what was typed, and changes nothing", async (t) => {
  const { app, db } = await buildTestApp(t);
  const ids = await officeIds(db);
  const { browser } = await signedIn(app, db, { role: "OFFICER", offices: ["zwolle"] });
  const tilburgOfficer = await createStaff(db, { role: "OFFICER", offices: ["tilburg"], email: "t@iom.test" });
  const tuesday = await db.consultationSeries.findFirstOrThrow({ where: { officeId: ids.zwolle, weekdays: "2" } });
  const base = `/staff/offices/${ids.zwolle}/schedule`;
  const cases: Array<[string, Record<string, string | string[]>, string, string]> = [
    ["end equal to start", { startTime: "14:00", endTime: "14:00" }, "endTime", "The end time must be later than the start time."],
    ["end before start", { startTime: "16:00", endTime: "14:00" }, "endTime", "The end time must be later than the start time."],
    ["zero capacity", { capacity: "0" }, "capacity", "Enter at least 1 person per slot (at most 50)."],
    ["negative capacity", { capacity: "-3" }, "capacity", "Enter at least 1 person per slot (at most 50)."],
    ["slot not dividing the session", { slotMinutes: "45" }, "slotMinutes", "The time from start to end must be a whole number of slots."],
    ["overlapping series", { weekdays: ["2", "3"], startTime: "11:00", endTime: "13:00" }, "weekdays", "These hours overlap with another series of this office on the same weekday and period."],
    ["too many walk-in places", { walkInPlaces: "9" }, "walkInPlaces", "There are more walk-in places than places in the session."],
    ["bad date", { validFrom: "2026-13-01" }, "validFrom", "Enter a date as YYYY-MM-DD, for example 2027-03-30."],
    ["bad time", { startTime: "2pm" }, "startTime", "Enter a time as HH:MM, for example 10:00."],
    ["until before from", { validUntil: "2026-11-29" }, "validUntil", "The end date must not be before the start date."],
    ["no weekday", { weekdays: [] }, "weekdays", "Choose at least one weekday."],
    ["host from another office", { hostId: String(tilburgOfficer.id) }, "hostId", "Choose an officer or administrator who works at this office."],
  ];
  const before = await scheduleState(db);
  for (const [name, change, field, message] of cases) {
    const response = await browser.post(`${base}/series`, { ...wednesdayForm, ...change });
    t.equal(response.statusCode, 422, name);
    t.equal(fieldError(response.body, field), message, `${name}: the error is beside the field`);
    t.match(response.body, `<a href="#field-${field}">${message}</a>`, `${name}: and in the summary`);
    t.match(response.body, '<input id="field-horizonDays" name="horizonDays" type="number" value="84"', `${name}: typed values are kept`);
  }
  // Editing: the same checks, and a series may not be moved onto another one.
  const onThursday = await browser.post(`${base}/series/${tuesday.id}`, { ...wednesdayForm, weekdays: ["4"], startTime: "14:00", endTime: "16:00", slotMinutes: "20" });
  t.equal(onThursday.statusCode, 422);
  t.equal(fieldError(onThursday.body, "weekdays"), "These hours overlap with another series of this office on the same weekday and period.");
  const ending = await browser.post(`${base}/series/${tuesday.id}/end`, { lastDate: "2026-11-01" });
  t.equal(ending.statusCode, 422);
  t.equal(fieldError(ending.body, "lastDate"), "The last day must not be before the series starts.");
  t.equal(fieldError((await browser.post(`${base}/series/${tuesday.id}/end`, { lastDate: "1-12-2026" })).body, "lastDate"), "Enter a date as YYYY-MM-DD, for example 2027-03-30.");
  t.same(await scheduleState(db), before, "nothing was saved");

  // Dutch for a Dutch-speaking officer.
  const dutch = (await signedIn(app, db, { role: "OFFICER", offices: ["zwolle"], email: "nl@iom.test", locale: "nl" })).browser;
  const nl = await dutch.post(`${base}/series`, { ...wednesdayForm, startTime: "16:00", endTime: "14:00", capacity: "0" });
  t.equal(nl.statusCode, 422);
  t.equal(fieldError(nl.body, "endTime"), "De eindtijd moet later zijn dan de begintijd.");
  t.equal(fieldError(nl.body, "capacity"), "Vul minstens 1 persoon per tijdvak in (hoogstens 50).");
  t.match(nl.body, "<h2 id=\"error-summary-title\">Er is iets niet goed ingevuld</h2>");
});

t.test("a new series appears on the public office page; ending it removes its future slots", async (t) => {
  const { app, db } = await buildTestApp(t);
  const ids = await officeIds(db);
  const { user, browser } = await signedIn(app, db, { role: "OFFICER", offices: ["zwolle"], name: "Sanne de Vries" });
  const base = `/staff/offices/${ids.zwolle}/schedule`;
  const publicSlots = async (from?: string) => offeredSlots((await app.inject({ url: `/nl/offices/zwolle${from ? `?from=${from}` : ""}` })).body);
  t.same((await publicSlots()).filter((s) => s.startsWith("2026-12-02")), [], "no Wednesday hours yet");

  const form = await browser.get(`${base}/series/new`);
  t.equal(form.statusCode, 200);
  t.match(form.body, `<option value="${user.id}">Sanne de Vries</option>`, "the office's officers can host");
  const created = await browser.post(`${base}/series`, { ...wednesdayForm, walkInPlaces: "1", hostId: String(user.id) });
  t.equal(created.statusCode, 303);
  t.equal(location(created), `${base}?done=series.create&cancelled=0&moved=0`);
  const page = await browser.get(location(created));
  t.match(mainText(page.body), "The series has been saved.");
  t.match(mainText(page.body), "Wednesday 14:00–16:00 30 min, 2 per slot 1 place kept free for walk-ins from Monday, 30 November 2026 84 days ahead at least 120 min before Sanne de Vries");

  const series = await db.consultationSeries.findFirstOrThrow({ where: { officeId: ids.zwolle, weekdays: "3" } });
  t.match(series, { startTime: "14:00", endTime: "16:00", slotMinutes: 30, capacity: 2, walkInPlaces: 1, validFrom: "2026-11-30", validUntil: null, hostId: user.id, endedAt: null });
  t.same((await publicSlots()).filter((s) => s.startsWith("2026-12-02")), wednesdaySlots, "its slots can be booked");
  const office = await app.inject({ url: "/nl/offices/zwolle" });
  t.match(mainText(office.body), "woensdag: 14:00–16:00", "and the hours list it");

  // Ending it after the first Wednesday: that one stays, the later ones go.
  const end = await browser.get(`${base}/series/${series.id}/end`);
  t.equal(end.statusCode, 200);
  t.match(end.body, 'name="lastDate" type="date" value="2026-11-30"', "today is offered as the last day");
  const ended = await browser.post(`${base}/series/${series.id}/end`, { lastDate: "2026-12-02" });
  t.equal(ended.statusCode, 303, "no bookings: saved at once");
  t.match(mainText((await browser.get(location(ended))).body), "The series has been ended.");
  t.same(await db.consultationSeries.findUniqueOrThrow({ where: { id: series.id } }).then((s) => [s.validUntil, s.endedAt?.toISOString()]), ["2026-12-02", "2026-11-30T08:00:00.000Z"]);
  t.same((await publicSlots()).filter((s) => s.startsWith("2026-12-02")), wednesdaySlots);
  t.same((await publicSlots("2026-12-03")).filter((s) => s.startsWith("2026-12-09") || s.startsWith("2026-12-16")), [], "no later Wednesdays");

  const audit = await db.auditEntry.findMany({ where: { entityType: "series" }, orderBy: { id: "asc" } });
  t.same(audit.map((a) => [a.action, a.entityId, a.actorType, a.actorId, a.officeId]), [
    ["series.created", series.id, "staff", user.id, ids.zwolle],
    ["series.ended", series.id, "staff", user.id, ids.zwolle],
  ]);
  t.same(JSON.parse(audit[0]!.detail!), {
    startTime: "14:00", endTime: "16:00", slotMinutes: 30, capacity: 2, intervalWeeks: 1, walkInPlaces: 1, validFrom: "2026-11-30", validUntil: null,
    horizonDays: 84, minNoticeMinutes: 120, hostId: user.id, weekdays: "3", affected: 0, cancelled: 0, moved: 0,
  });
  t.notMatch(audit.map((a) => a.detail).join(" "), "Sanne", "no names in the audit log");
});

t.test("editing a series that has bookings lists them first; confirming cancels them", async (t) => {
  const { app, db } = await buildTestApp(t);
  const ids = await officeIds(db);
  const { browser } = await signedIn(app, db, { role: "ADMIN" });
  const tuesday = await db.consultationSeries.findFirstOrThrow({ where: { officeId: ids.zwolle, weekdays: "2" } });
  const base = `/staff/offices/${ids.zwolle}/schedule`;
  await bookAt(app, "zwolle", "2026-12-08T09:20:00.000Z", { name: "Giorgi", email: "giorgi@example.org", locale: "en" });
  await bookAt(app, "zwolle", "2026-12-08T09:00:00.000Z", { name: "Oyun", email: "oyun@example.org", locale: "nl" });
  const edit = await browser.get(`${base}/series/${tuesday.id}/edit`);
  t.match(edit.body, 'name="startTime" type="time" value="10:00"', "the form shows the series");
  t.match(edit.body, 'id="weekday-2" name="weekdays" value="2" checked');

  // Half-hour slots: 10:00 stays, 10:20 no longer exists.
  const fields = { ...wednesdayForm, weekdays: ["2"], startTime: "10:00", endTime: "12:00", slotMinutes: "30", capacity: "1" };
  const before = await scheduleState(db);
  const confirm = await browser.post(`${base}/series/${tuesday.id}`, fields);
  t.equal(confirm.statusCode, 200);
  t.match(mainText(confirm.body), "Changed series: Tuesday 10:00–12:00");
  t.match(mainText(confirm.body), "Nothing has been saved yet. 1 booking no longer fits the new schedule. Choose: cancel it, or move it to a free time.");
  const giorgi = await db.booking.findFirstOrThrow({ where: { name: "Giorgi" } });
  t.match(mainText(confirm.body), `Tuesday, 8 December 2026, 10:20–10:40 ${giorgi.code.slice(0, 4)}-${giorgi.code.slice(4)} Giorgi This time no longer exists`);
  t.notMatch(confirm.body, "Oyun", "the 10:00 booking still fits");
  t.same(await scheduleState(db), before, "nothing saved before confirming");

  const done = await browser.post(`${base}/series/${tuesday.id}`, { ...fields, confirm: "yes", shown: String(giorgi.id), [`move-${giorgi.id}`]: "cancel", clientReason: "New slot times" });
  t.equal(done.statusCode, 303);
  t.equal(location(done), `${base}?done=series.update&cancelled=1&moved=0&bookings=${giorgi.id}`);
  t.match(mainText((await browser.get(location(done))).body), "Bookings cancelled: 1. Bookings moved: 0.");
  t.match(await db.consultationSeries.findUniqueOrThrow({ where: { id: tuesday.id } }), { slotMinutes: 30, startTime: "10:00", endTime: "12:00" });
  t.match(await db.booking.findUniqueOrThrow({ where: { id: giorgi.id } }), { status: "CANCELLED", cancelledBy: "staff", cancelReason: "New slot times", seat: null });
  t.match(await db.booking.findFirstOrThrow({ where: { name: "Oyun" } }), { status: "BOOKED", seat: 1 });
  const messages = await db.outboxMessage.findMany({ where: { kind: "cancellation" } });
  t.same(messages.map((m) => [m.bookingId, m.recipient, m.locale]), [[giorgi.id, "giorgi@example.org", "en"]]);
});
