// The week overview per office: sessions, slots in time order, bookings and free places.
import t from "tap";
import { formatBookingCode } from "../../src/i18n/format.ts";
import { buildTestApp } from "../helpers/app.ts";
import { signedIn } from "../helpers/staff.ts";
import { bookPublic, tableRows } from "./bookings-helpers.ts";

const now = "2026-11-30T08:00:00Z"; // Monday 30 November 2026, 09:00 in Zwolle

t.test("the week overview lists each slot in time order with its bookings and free places", async (t) => {
  const { app, db } = await buildTestApp(t, { now });
  // Booked out of order: the page must sort by time, not by when they were made.
  const b = (await bookPublic(app, db, "zwolle", "2026-12-01T09:20:00.000Z", { name: "Bashir", language: "fa", interpreter: "no" })).booking;
  const a = (await bookPublic(app, db, "zwolle", "2026-12-01T09:00:00.000Z", { name: "Amina", email: "amina@example.org" })).booking;
  const c = (await bookPublic(app, db, "zwolle", "2026-12-03T12:40:00.000Z", { name: "Chen", language: "zh" })).booking;
  const gone = (await bookPublic(app, db, "zwolle", "2026-12-03T13:00:00.000Z", { name: "Dana" })).booking;
  await db.booking.update({ where: { id: gone.id }, data: { status: "CANCELLED", seat: null } });
  const next = (await bookPublic(app, db, "zwolle", "2026-12-08T09:00:00.000Z", { name: "Next week" })).booking;
  const zwolle = await db.office.findUniqueOrThrow({ where: { slug: "zwolle" } });
  const { browser } = await signedIn(app, db, { role: "OFFICER", offices: ["zwolle"] });

  const page = await browser.get(`/staff/offices/${zwolle.id}/week`);
  t.equal(page.statusCode, 200);
  t.match(page.body, "<h1>Week overview – Zwolle — Wijkcentrum Holtenbroek</h1>");
  t.match(page.body, "Monday 30 November to Sunday, 6 December 2026");
  t.match(page.body, `href="/staff/offices/${zwolle.id}/week?week=2026-11-23">Previous week</a>`);
  t.match(page.body, `href="/staff/offices/${zwolle.id}/week?week=2026-12-07">Next week</a>`);
  const free = (time: string) => [time, "No bookings", "1 / 1"];
  t.same(tableRows(page.body), [
    ["10:00", formatBookingCode(a.code), "Amina", "العربية", "Yes", "Client online", "Planned", "0 / 1"],
    ["10:20", formatBookingCode(b.code), "Bashir", "فارسی", "No", "Client online", "Planned", "0 / 1"],
    free("10:40"),
    free("11:00"),
    free("11:20"),
    free("11:40"),
    ["13:00", "No bookings", "1 / 1"],
    ["13:20", "No bookings", "1 / 1"],
    ["13:40", formatBookingCode(c.code), "Chen", "中文", "Yes", "Client online", "Planned", "0 / 1"],
    free("14:00"),
    free("14:20"),
    free("14:40"),
  ], "two sessions, six slots each; the cancelled booking and next week's are not listed");
  t.match(page.body, "<h3>10:00–12:00 · 4 free places</h3>");
  t.match(page.body, "<h3>13:00–15:00 · 5 free places</h3>");
  t.match(page.body, "<h2 id=\"day-2026-11-30\">Monday, 30 November 2026</h2>");
  t.notMatch(page.body, "Dana");
  t.notMatch(page.body, "Next week</td>");

  const sameWeek = await browser.get(`/staff/offices/${zwolle.id}/week?week=2026-12-03`);
  t.same(tableRows(sameWeek.body), tableRows(page.body), "any date of the week shows that week");
  const following = await browser.get(`/staff/offices/${zwolle.id}/week?week=2026-12-07`);
  t.same(tableRows(following.body)[0], ["10:00", formatBookingCode(next.code), "Next week", "العربية", "Yes", "Client online", "Planned", "0 / 1"]);
  t.match(following.body, `href="/staff/offices/${zwolle.id}/week">This week</a>`);
  const nonsense = await browser.get(`/staff/offices/${zwolle.id}/week?week=2026-13-45`);
  t.equal(nonsense.statusCode, 200, "a malformed week falls back to this week");
  t.same(tableRows(nonsense.body), tableRows(page.body));
  t.equal((await browser.get("/staff/offices/9999/week")).statusCode, 404);
});

t.test("a slot with two places shows both bookings; holidays are named", async (t) => {
  const { app, db } = await buildTestApp(t, { now: "2026-12-20T08:00:00Z" });
  // Den Haag: Monday and Wednesday 09:30–12:30, 30 minutes, two places per slot.
  const first = (await bookPublic(app, db, "den-haag", "2026-12-21T08:30:00.000Z", { name: "First" })).booking;
  const second = (await bookPublic(app, db, "den-haag", "2026-12-21T08:30:00.000Z", { name: "Second", language: "ru" })).booking;
  const denHaag = await db.office.findUniqueOrThrow({ where: { slug: "den-haag" } });
  const { browser } = await signedIn(app, db, { role: "ADMIN" });
  const page = await browser.get(`/staff/offices/${denHaag.id}/week?week=2026-12-24`);
  const rows = tableRows(page.body);
  t.same(rows.slice(0, 3), [
    ["09:30", formatBookingCode(first.code), "First", "العربية", "Yes", "Client online", "Planned", "0 / 2"],
    [formatBookingCode(second.code), "Second", "Русский", "Yes", "Client online", "Planned"],
    ["10:00", "No bookings", "2 / 2"],
  ], "the second booking shares the slot's time and free-places cells");
  t.match(page.body, "Public holiday: Kerstmis");
  t.match(page.body, "Public holiday: Tweede kerstdag");
});
