// Whom to call, in every message: the office's phone, email and desk hours in the email
// footer and in the outbox payload (for every channel that renders from it); the office
// named in the reader's language; the officer's reason for a cancellation shown as their
// own words; and calendar files with a reminder alarm and without the secret link, read
// back by an independent parser (node-ical).
import ical, { type VEvent } from "node-ical";
import t from "tap";
import { cancelBooking } from "../../src/domain/booking/cancel-booking.ts";
import { buildTestApp } from "../helpers/app.ts";
import { bookSlot, mainText, validBooking } from "../helpers/forms.ts";
import { calendarOf, startSmtp } from "../helpers/smtp.ts";
import { createStaff } from "../helpers/staff.ts";

type Alarm = { action?: string; trigger?: string; description?: string };

function eventOf(ics: string): VEvent & { alarms?: Alarm[] } {
  const found = Object.values(ical.sync.parseICS(ics)).find((c) => c && c.type === "VEVENT");
  if (!found) throw new Error("no VEVENT");
  return found as VEvent & { alarms?: Alarm[] };
}

t.test("a confirmation names the office in the reader's language and says whom to call; its calendar file has an alarm the day before", async (t) => {
  const smtp = await startSmtp(t);
  const { app, db } = await buildTestApp(t, { now: "2026-11-30T08:00:00Z", env: smtp.env() });
  const { token } = await bookSlot(app, "/en/offices/zwolle/book?slot=2026-12-01T09:00:00.000Z", { ...validBooking, email: "amina@example.org" });
  const row = await db.outboxMessage.findFirstOrThrow({ where: { kind: "confirmation" } });
  const facts = JSON.parse(row.payload!) as { office: Record<string, unknown> };
  t.same(
    { phone: facts.office.phone, email: facts.office.email, deskHours: facts.office.deskHours, names: facts.office.names },
    {
      phone: "070 318 15 00",
      email: "info.nl@iom.int",
      deskHours: "1=09:00-17:00;2=09:00-17:00;3=09:00-17:00;4=09:00-17:00;5=09:00-17:00",
      names: { en: "Zwolle — Holtenbroek community centre" },
    },
    "the payload holds the office's contact and its name in the reader's language only",
  );

  await app.outbox.runOnce();
  const mail = smtp.to("amina@example.org")[0]!;
  const text = mail.parsed.text ?? "";
  t.match(text, "Place: Zwolle — Holtenbroek community centre, Rembrandtlaan 2, 8031 RK Zwolle");
  t.match(text, "Questions? Contact the office\nPhone: 070 318 15 00\nEmail: info.nl@iom.int\nDesk open: Monday–Friday 09:00–17:00\n\n--\n", "the contact before the footer");
  t.match(String(mail.parsed.html), "<p style=\"margin:0 0 4px;font-weight:bold\">Questions? Contact the office</p>");

  const mailed = eventOf(calendarOf(mail));
  t.same(
    mailed.alarms?.map((a) => ({ action: a.action, trigger: a.trigger, description: a.description })),
    [{ action: "DISPLAY", trigger: "-P1D", description: "Appointment tomorrow – Zwolle — Holtenbroek community centre" }],
    "one display alarm, a day before",
  );

  const download = await app.inject({ url: `/en/booking/${token}/appointment.ics` });
  t.equal(download.statusCode, 200);
  const downloaded = eventOf(download.body);
  t.same(downloaded.alarms?.map((a) => a.trigger), ["-P1D"], "the downloaded file has the same alarm");
  const description = typeof downloaded.description === "object" ? (downloaded.description as { val: string }).val : String(downloaded.description);
  t.match(description, "Phone: 070 318 15 00");
  t.notMatch(download.body.replace(/\r?\n[ \t]/g, ""), token, "no manage link in the calendar file");
  t.notMatch(download.body, /\/booking\/|\/b\//, "no link to a booking at all");
});

t.test("the officer's reason for cancelling is quoted as their words, with a translated lead-in", async (t) => {
  const smtp = await startSmtp(t);
  const { app, db } = await buildTestApp(t, { now: "2026-11-30T08:00:00Z", env: smtp.env() });
  const { token } = await bookSlot(app, "/fa/offices/zwolle/book?slot=2026-12-01T09:00:00.000Z", { ...validBooking, email: "reza@example.org" });
  const booking = await db.booking.findFirstOrThrow();
  const result = await cancelBooking(app.deps, { actor: { type: "system" }, bookingId: booking.id, by: "staff", reason: "De zaal is die dag niet beschikbaar." }, app.clock.now());
  t.equal(result.kind, "cancelled");
  await app.outbox.runOnce();
  const cancellation = smtp.to("reza@example.org")[1]!;
  t.match(cancellation.parsed.text ?? "", "کارمند نوشت: “De zaal is die dag niet beschikbaar.”", "Farsi lead-in, the officer's Dutch words in quotes");
  t.match(String(cancellation.parsed.html), '“<span lang="nl" dir="auto">De zaal is die dag niet beschikbaar.</span>”', "marked as Dutch");
  t.notMatch(cancellation.parsed.text ?? "", "Reason:", "never pasted as if translated");

  const page = await app.inject({ url: `/en/booking/${token}` });
  t.match(page.body, '<p class="officer-words">The staff member wrote: “<span lang="nl" dir="auto">De zaal is die dag niet beschikbaar.</span>”</p>');
  t.match(mainText(page.body), "Questions? Contact the office Phone 070 318 15 00 Email info.nl@iom.int Desk open Monday–Friday 09:00–17:00");
});

t.test("a reason written by a staff member whose pages are in English is marked as English", async (t) => {
  const smtp = await startSmtp(t);
  const { app, db } = await buildTestApp(t, { now: "2026-11-30T08:00:00Z", env: smtp.env() });
  const officer = await createStaff(db, { role: "OFFICER", offices: ["zwolle"], locale: "en" });
  const { token } = await bookSlot(app, "/ar/offices/zwolle/book?slot=2026-12-01T09:00:00.000Z", { ...validBooking, email: "sara@example.org" });
  const booking = await db.booking.findFirstOrThrow();
  await cancelBooking(app.deps, { actor: { type: "staff", id: officer.id }, bookingId: booking.id, by: "staff", reason: "The room is not available." }, app.clock.now());
  await app.outbox.runOnce();
  const mail = smtp.to("sara@example.org")[1]!;
  t.match(mail.parsed.text ?? "", "كتب الموظف: “The room is not available.”");
  t.match(String(mail.parsed.html), '“<span lang="en" dir="auto">The room is not available.</span>”');
  const page = await app.inject({ url: `/ar/booking/${token}` });
  t.match(page.body, '<p class="officer-words">كتب الموظف: “<span lang="en" dir="auto">The room is not available.</span>”</p>');
});
