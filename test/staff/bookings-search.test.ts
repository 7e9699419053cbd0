// Search and scope: officers find bookings only in their own offices; reception and
// officers of other offices are refused.
import t from "tap";
import { formatBookingCode } from "../../src/i18n/format.ts";
import { buildTestApp } from "../helpers/app.ts";
import { signedIn } from "../helpers/staff.ts";
import { bookPublic, tableRows } from "./bookings-helpers.ts";

// Monday 30 November 2026, 09:00 in the Netherlands.
const now = "2026-11-30T08:00:00Z";

async function setUp(t: Parameters<typeof buildTestApp>[0]) {
  const test = await buildTestApp(t, { now });
  const { app, db } = test;
  const amina = (await bookPublic(app, db, "zwolle", "2026-12-01T09:00:00.000Z", { name: "Amina Haddad" })).booking;
  const omer = (await bookPublic(app, db, "zwolle", "2026-12-01T09:20:00.000Z", { name: "Ömer Yılmaz", language: "tr", interpreter: "no" })).booking;
  const tilburg = (await bookPublic(app, db, "tilburg", "2026-12-02T12:00:00.000Z", { name: "Amina Tilburg" })).booking;
  const zwolleId = (await db.office.findUniqueOrThrow({ where: { slug: "zwolle" } })).id;
  return { ...test, amina, omer, tilburg, zwolleId };
}

t.test("a Zwolle officer finds Zwolle bookings by code, however it is typed, and by name", async (t) => {
  const { app, db, amina, omer } = await setUp(t);
  const { browser } = await signedIn(app, db, { role: "OFFICER", offices: ["zwolle"] });
  const code = formatBookingCode(amina.code);
  const row = ["Tue 1 Dec", "10:00", "Zwolle — Wijkcentrum Holtenbroek", code, "Amina Haddad", "Planned"];
  const spaced = `  ${amina.code.slice(0, 4).toLowerCase()} ${amina.code.slice(4).toLowerCase()} `;
  for (const query of [spaced, code, code.toLowerCase(), amina.code]) {
    const page = await browser.get(`/staff/bookings?q=${encodeURIComponent(query)}`);
    t.equal(page.statusCode, 200, query);
    t.same(tableRows(page.body), [row], `code typed as "${query}"`);
    t.match(page.body, `href="/staff/bookings/${amina.id}"`);
  }
  const byName = await browser.get("/staff/bookings?q=AMINA");
  t.same(tableRows(byName.body), [row], "case-insensitive part of the name; Tilburg's Amina is not listed");
  const turkish = await browser.get(`/staff/bookings?q=${encodeURIComponent("ömer yıl")}`);
  t.same(tableRows(turkish.body), [["Tue 1 Dec", "10:20", "Zwolle — Wijkcentrum Holtenbroek", formatBookingCode(omer.code), "Ömer Yılmaz", "Planned"]], "non-ASCII names too");
  const nothing = await browser.get("/staff/bookings?q=nobody");
  t.same(tableRows(nothing.body), []);
  t.match(nothing.body, "No bookings found.");

  // Without a query: what is coming up in the next seven days, in time order.
  const upcoming = await browser.get("/staff/bookings");
  t.match(upcoming.body, "<h2>Coming up in the next 7 days</h2>");
  t.same(tableRows(upcoming.body).map((r) => [r[1], r[4]]), [["10:00", "Amina Haddad"], ["10:20", "Ömer Yılmaz"]]);
});

t.test("a Tilburg officer sees nothing of Zwolle", async (t) => {
  const { app, db, amina, tilburg, zwolleId } = await setUp(t);
  const { browser } = await signedIn(app, db, { role: "OFFICER", offices: ["tilburg"] });
  for (const q of ["Haddad", amina.code, "amina"]) {
    const page = await browser.get(`/staff/bookings?q=${encodeURIComponent(q)}`);
    t.equal(page.statusCode, 200);
    t.same(tableRows(page.body).map((r) => r[3]), q === "amina" ? [formatBookingCode(tilburg.code)] : [], `search "${q}"`);
  }
  t.notMatch((await browser.get("/staff/bookings")).body, "Amina Haddad", "not in the upcoming list either");
  for (const url of [`/staff/bookings/${amina.id}`, `/staff/offices/${zwolleId}/week`, `/staff/bookings?office=${zwolleId}`, `/staff/bookings/${amina.id}/move`, `/staff/offices/${zwolleId}/book`]) {
    const page = await browser.get(url);
    t.equal(page.statusCode, 403, url);
    t.match(page.body, "<h1>No access</h1>");
    t.notMatch(page.body, "Amina Haddad");
  }
  for (const [url, fields] of [
    [`/staff/bookings/${amina.id}/cancel`, { reason: "Illness" }],
    [`/staff/bookings/${amina.id}/outcome`, { action: "no-show" }],
    [`/staff/bookings/${amina.id}/move`, { slot: "2026-12-03T12:00:00.000Z" }],
  ] as const) {
    t.equal((await browser.post(url, fields)).statusCode, 403, url);
  }
  const unchanged = await db.booking.findUniqueOrThrow({ where: { id: amina.id } });
  t.same([unchanged.status, unchanged.startsAt.toISOString()], ["BOOKED", "2026-12-01T09:00:00.000Z"], "nothing changed");
  t.equal((await browser.get("/staff/bookings/999999")).statusCode, 404, "an unknown booking is a 404");
  t.equal((await browser.get("/staff/bookings/abc")).statusCode, 404);
});

t.test("reception may not use the booking pages; anonymous visitors are sent to sign in", async (t) => {
  const { app, db, amina, zwolleId } = await setUp(t);
  const { browser } = await signedIn(app, db, { role: "RECEPTION", offices: ["zwolle"] });
  for (const url of ["/staff/bookings", `/staff/bookings/${amina.id}`, `/staff/offices/${zwolleId}/week`, `/staff/offices/${zwolleId}/book`, `/staff/bookings/${amina.id}/move`]) {
    const page = await browser.get(url);
    t.equal(page.statusCode, 403, url);
  }
  t.equal((await browser.post(`/staff/bookings/${amina.id}/cancel`, { reason: "x" })).statusCode, 403);
  t.equal((await browser.post(`/staff/bookings/${amina.id}/outcome`, { action: "attended" })).statusCode, 403);
  t.equal((await browser.post(`/staff/offices/${zwolleId}/book`, {})).statusCode, 403);
  t.equal((await db.booking.findUniqueOrThrow({ where: { id: amina.id } })).status, "BOOKED");
  const anonymous = await app.inject({ url: "/staff/bookings?q=amina" });
  t.equal(anonymous.statusCode, 303);
  t.equal(anonymous.headers.location, "/staff/login?next=%2Fstaff%2Fbookings%3Fq%3Damina");
});

t.test("an administrator searches all offices and can filter on one", async (t) => {
  const { app, db, amina, tilburg, zwolleId } = await setUp(t);
  const { browser } = await signedIn(app, db, { role: "ADMIN" });
  const all = await browser.get("/staff/bookings?q=amina");
  t.same(tableRows(all.body).map((r) => r[3]).sort(), [formatBookingCode(amina.code), formatBookingCode(tilburg.code)].sort());
  const zwolle = await browser.get(`/staff/bookings?q=amina&office=${zwolleId}`);
  t.same(tableRows(zwolle.body).map((r) => r[3]), [formatBookingCode(amina.code)]);
  t.match(zwolle.body, `<option value="${zwolleId}" selected>`);
});
