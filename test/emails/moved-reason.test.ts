// A new time carries staff's words when they gave some, as a cancellation does: quoted,
// after a lead-in in the reader's language, never passed off as a translation.
import t from "tap";
import { buildTestApp } from "../helpers/app.ts";
import { bookSlot, location, validBooking } from "../helpers/forms.ts";
import { startSmtp } from "../helpers/smtp.ts";
import { signedIn } from "../helpers/staff.ts";

t.test("staff moving a booking may give a reason; the client reads it as staff's words", async (t) => {
  const smtp = await startSmtp(t);
  const { app, db } = await buildTestApp(t, { now: "2026-11-30T08:00:00Z", env: smtp.env() });
  await bookSlot(app, "/en/offices/zwolle/book?slot=2026-12-01T09:00:00.000Z", { ...validBooking, name: "Amina", email: "amina@example.org" });
  await bookSlot(app, "/ar/offices/zwolle/book?slot=2026-12-01T09:20:00.000Z", { ...validBooking, name: "Omar", email: "omar@example.org" });
  await bookSlot(app, "/en/offices/zwolle/book?slot=2026-12-01T09:40:00.000Z", { ...validBooking, name: "Quiet", email: "quiet@example.org" });
  const [amina, omar, quiet] = await db.booking.findMany({ orderBy: { startsAt: "asc" } });
  const { browser } = await signedIn(app, db, { role: "OFFICER", offices: ["zwolle"] });

  const form = await browser.get(`/staff/bookings/${amina!.id}/move`);
  t.match(form.body, '<label for="field-reason">Reason for the client (optional)</label>');
  const tooLong = await browser.post(`/staff/bookings/${amina!.id}/move`, { slot: "2026-12-03T12:00:00.000Z", reason: "x".repeat(301) });
  t.equal(tooLong.statusCode, 422);
  t.match(tooLong.body, "The reason is too long. Use at most 300 characters.");
  t.match(tooLong.body, `value="${"x".repeat(301)}"`, "what was typed is kept");
  const control = await browser.post(`/staff/bookings/${amina!.id}/move`, { slot: "2026-12-03T12:00:00.000Z", reason: "bad\u0001" });
  t.equal(control.statusCode, 422);
  t.equal((await db.booking.findUniqueOrThrow({ where: { id: amina!.id } })).startsAt.toISOString(), "2026-12-01T09:00:00.000Z", "not moved");

  for (const [booking, slot] of [[amina!, "2026-12-03T12:00:00.000Z"], [omar!, "2026-12-03T12:20:00.000Z"]] as const) {
    const moved = await browser.post(`/staff/bookings/${booking.id}/move`, { slot, reason: "  De medewerker is\nziek. " });
    t.equal(location(moved), `/staff/bookings/${booking.id}?done=moved`);
  }
  t.equal((await browser.post(`/staff/bookings/${quiet!.id}/move`, { slot: "2026-12-03T12:40:00.000Z", reason: "" })).statusCode, 303);
  await app.outbox.runOnce();

  const last = (address: string) => smtp.to(address).at(-1)!;
  t.match(last("amina@example.org").parsed.subject, "New time");
  t.match(last("amina@example.org").parsed.text, "A staff member wrote about this: “De medewerker is ziek.”");
  t.match(last("amina@example.org").parsed.html, "A staff member wrote about this: “De medewerker is ziek.”");
  t.match(last("omar@example.org").parsed.text, "كتب أحد الموظفين عن ذلك: «\u2068De medewerker is ziek.\u2069»", "isolated inside Arabic");
  t.notMatch(last("quiet@example.org").parsed.text, "wrote about this", "no reason, no lead-in");
  const audit = await db.auditEntry.findFirstOrThrow({ where: { action: "booking.moved", entityId: amina!.id } });
  t.notMatch(audit.detail ?? "", "ziek", "the words stay out of the audit log");
  t.same(JSON.parse(audit.detail!), { from: "2026-12-01T09:00:00.000Z", to: "2026-12-03T12:00:00.000Z", withReason: true }, "only that there was a reason");
  const plain = await db.auditEntry.findFirstOrThrow({ where: { action: "booking.moved", entityId: quiet!.id } });
  t.same(JSON.parse(plain.detail!), { from: "2026-12-01T09:40:00.000Z", to: "2026-12-03T12:40:00.000Z" }, "a move without a reason is recorded as before");
});

t.test("a schedule change's reason reaches the clients it moves too", async (t) => {
  const smtp = await startSmtp(t);
  const { app, db } = await buildTestApp(t, { now: "2026-11-30T08:00:00Z", env: smtp.env() });
  await bookSlot(app, "/en/offices/zwolle/book?slot=2026-12-08T09:00:00.000Z", { ...validBooking, name: "Amina", email: "amina@example.org" });
  const booking = await db.booking.findFirstOrThrow();
  const office = await db.office.findUniqueOrThrow({ where: { slug: "zwolle" } });
  const tuesday = await db.consultationSeries.findFirstOrThrow({ where: { officeId: office.id, weekdays: "2" } });
  const { browser } = await signedIn(app, db, { role: "OFFICER", offices: ["zwolle"] });
  const change = { kind: "CHANGE", seriesId: String(tuesday.id), date: "2026-12-08", startTime: "11:00", endTime: "12:00", slotMinutes: "20", capacity: "1", reason: "" };
  const base = `/staff/offices/${office.id}/schedule/exceptions`;
  t.equal((await browser.post(base, change)).statusCode, 200);
  const done = await browser.post(base, { ...change, confirm: "yes", shown: String(booking.id), [`move-${booking.id}`]: "2026-12-08T10:00:00.000Z", clientReason: "Later start today" });
  t.equal(done.statusCode, 303);
  await app.outbox.runOnce();
  const mail = smtp.to("amina@example.org").at(-1)!;
  t.match(mail.parsed.subject, "New time");
  t.match(mail.parsed.text, "A staff member wrote about this: “Later start today”");
});
