// The audit log page: newest first, names of staff members, links to bookings, filters,
// pages of 50 — and never a client's personal data.
import t from "tap";
import { recordAudit } from "../../src/domain/audit/audit-entry.ts";
import { cancelBooking } from "../../src/domain/booking/cancel-booking.ts";
import { buildTestApp } from "../helpers/app.ts";
import { bookSlot, mainText, validBooking } from "../helpers/forms.ts";
import { createStaff, signedIn } from "../helpers/staff.ts";

const actionOf = (row: string) => /\b[a-z]+\.[a-z-]+\b/.exec(row)?.[0];
const rowsOf = (html: string) =>
  [...html.matchAll(/<tr>\s*<th scope="row"[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim());

t.test("a staff cancellation shows who did it and links to the booking, without the client's name", async (t) => {
  const { app, db, clock } = await buildTestApp(t);
  const client = { ...validBooking, name: "Zebulon Quartermaine", email: "zebulon@example.org", phone: "0612345678", note: "Kamer 12 in het AZC" };
  const { response } = await bookSlot(app, "/en/offices/zwolle/book?slot=2026-12-01T09:00:00.000Z", client);
  t.equal(response.statusCode, 303);
  const booking = await db.booking.findFirstOrThrow();
  const olga = await createStaff(db, { role: "OFFICER", offices: ["zwolle"], name: "Olga Officer" });
  clock.advance(5 * 60_000);
  t.equal((await cancelBooking(app.deps, { actor: { type: "staff", id: olga.id }, bookingId: booking.id, by: "staff", reason: "Zebulon belde af" }, clock.now())).kind, "cancelled");

  const { browser: admin } = await signedIn(app, db, { role: "ADMIN", name: "Ada Admin" });
  const page = await admin.get("/staff/audit");
  t.equal(page.statusCode, 200);
  const rows = rowsOf(page.body);
  t.same(rows, [
    `2026-11-30 09:05:00 Ada Admin Signed in user.signed-in User #${(await db.staffUser.findFirstOrThrow({ where: { name: "Ada Admin" } })).id} – –`,
    `2026-11-30 09:05:00 Olga Officer Booking cancelled booking.cancelled Booking #${booking.id} Zwolle — Wijkcentrum Holtenbroek by: staff withReason: true`,
    `2026-11-30 09:00:00 client Booking made booking.created Booking #${booking.id} Zwolle — Wijkcentrum Holtenbroek channel: SELF startsAt: 2026-12-01 10:00 (+01:00)`,
  ]);
  t.match(page.body, `<a href="/staff/bookings/${booking.id}">Booking #${booking.id}</a>`);
  t.match(page.body, '<time datetime="2026-11-30T08:05:00.000Z">2026-11-30 09:05:00</time>', "Amsterdam time");
  for (const personal of ["Zebulon", "Quartermaine", "zebulon@example.org", "0612345678", "Kamer 12", "belde af"]) {
    t.notMatch(page.body, personal, `no "${personal}" on the page`);
  }

  const bookingsOnly = await admin.get("/staff/audit?type=booking");
  t.same(rowsOf(bookingsOnly.body).map(actionOf), ["booking.cancelled", "booking.created"]);
  t.match(bookingsOnly.body, '<option value="booking" selected>Booking</option>');
  t.same(rowsOf((await admin.get("/staff/audit?type=user")).body).map(actionOf), ["user.signed-in"]);
  t.same(rowsOf((await admin.get("/staff/audit?from=2026-11-30&to=2026-11-30")).body).length, 3);
  t.same(rowsOf((await admin.get("/staff/audit?from=2026-12-01")).body), []);
  t.match(mainText((await admin.get("/staff/audit?to=2026-11-29")).body), "No entries found.");
});

t.test("the date filter follows Amsterdam days, and bad filters get field errors", async (t) => {
  const { app, db } = await buildTestApp(t);
  const { browser: admin } = await signedIn(app, db, { role: "ADMIN" });
  // 23:30 UTC on 30 November is already 1 December in Amsterdam.
  await recordAudit(db, { actor: { type: "system" }, action: "booking.erased", entityType: "booking", entityId: 7 }, new Date("2026-11-30T23:30:00Z"));
  const december = rowsOf((await admin.get("/staff/audit?from=2026-12-01&to=2026-12-01")).body);
  t.same(december, ["2026-12-01 00:30:00 system booking.erased Booking #7 – –"]);

  const bad = await admin.get("/staff/audit?type=secrets&from=2026-13-01&to=yesterday");
  t.equal(bad.statusCode, 422);
  t.match(mainText(bad.body), "Choose a kind from the list.");
  t.match(mainText(bad.body), "Enter a date such as 2026-11-30.");
  const reversed = await admin.get("/staff/audit?from=2026-12-02&to=2026-12-01");
  t.equal(reversed.statusCode, 422);
  t.match(mainText(reversed.body), "The end date is before the start date.");
  t.equal((await admin.get("/staff/audit?page=0")).statusCode, 422);
  t.equal((await admin.get("/staff/audit?type=booking&type=user")).statusCode, 422, "a repeated parameter is bad input, not a crash");
});

t.test("50 entries a page, newest first, with links between the pages that keep the filter", async (t) => {
  const { app, db } = await buildTestApp(t);
  const { browser: admin } = await signedIn(app, db, { role: "ADMIN" });
  await db.auditEntry.deleteMany();
  for (let i = 1; i <= 60; i++) {
    await recordAudit(db, { actor: { type: "system" }, action: "series.changed", entityType: "series", entityId: i }, new Date(Date.UTC(2026, 10, 1, 8, i)));
  }
  const first = await admin.get("/staff/audit?type=series");
  const rows = rowsOf(first.body);
  t.equal(rows.length, 50);
  t.match(rows[0], "Consultation series #60");
  t.match(rows[49], "Consultation series #11");
  t.match(mainText(first.body), "60 entries, page 1 of 2.");
  t.match(first.body, '<a href="/staff/audit?type=series&amp;page=2" rel="next">Next page</a>');
  t.notMatch(first.body, 'rel="prev"');
  const second = await admin.get("/staff/audit?type=series&page=2");
  t.same(rowsOf(second.body).map((r) => r.split(" ").slice(-4).join(" ")), [10, 9, 8, 7, 6, 5, 4, 3, 2, 1].map((i) => `series #${i} – –`));
  t.match(second.body, '<a href="/staff/audit?type=series&amp;page=1" rel="prev">Previous page</a>');
  t.same(rowsOf((await admin.get("/staff/audit?page=9")).body), [], "past the end: an empty page");
});
