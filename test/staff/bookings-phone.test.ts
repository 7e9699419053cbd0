// Booking on behalf of a client who phones: desk rules for the slot, the public form's
// validation, channel STAFF, the code to read out, and one booking per form.
import t from "tap";
import { formatBookingCode } from "../../src/i18n/format.ts";
import { buildTestApp } from "../helpers/app.ts";
import { inputValue, mainText, slotLinks } from "../helpers/forms.ts";
import { signedIn } from "../helpers/staff.ts";
import { statusMessage } from "./bookings-helpers.ts";

// Tuesday 1 December 2026, 10:10 in Zwolle: the 10:00 slot has started, the next ones
// are within the two hours' notice online booking keeps.
const now = "2026-12-01T09:10:00Z";

const valid = { name: "Yusuf", phone: "06 1234 5678", email: "", locale: "en", language: "ar", interpreter: "yes", note: "Calls from a friend's phone.", consent: "yes" };

t.test("an officer books by phone: free slots under desk rules, the form, the code", async (t) => {
  const { app, db } = await buildTestApp(t, { now });
  const zwolle = await db.office.findUniqueOrThrow({ where: { slug: "zwolle" } });
  // Every place of the sessions kept for walk-ins: nothing is left online, staff may still book.
  await db.consultationSeries.updateMany({ where: { officeId: zwolle.id }, data: { walkInPlaces: 6 } });
  t.same(slotLinks((await app.inject({ url: "/en/offices/zwolle" })).body).filter((l) => l.includes("2026-12-01")), [], "nothing online today");

  const { user, browser } = await signedIn(app, db, { role: "OFFICER", offices: ["zwolle"], name: "Olga Officer" });
  const base = `/staff/offices/${zwolle.id}/book`;
  const list = await browser.get(base);
  t.equal(list.statusCode, 200);
  const links = slotLinks(list.body);
  t.equal(links[0], `${base}?slot=2026-12-01T09:20:00.000Z`, "the first slot that has not started, inside the notice");
  t.notOk(links.includes(`${base}?slot=2026-12-01T09:00:00.000Z`), "not a slot that has started");
  t.ok(links.includes(`${base}?slot=2026-12-03T12:00:00.000Z`));

  const form = await browser.get(links[0]!);
  t.equal(form.statusCode, 200);
  t.match(form.body, "The client agreed by phone that we keep these details for the appointment.");
  const formKey = inputValue(form.body, "formKey");
  const slot = inputValue(form.body, "slot");

  const wrong = await browser.post(base, { slot, formKey, name: " ", email: "not-an-email", phone: "abc", language: "xx", note: "n".repeat(501), locale: "de" });
  t.equal(wrong.statusCode, 422);
  const errors = [...wrong.body.matchAll(/<p class="field-error" id="error-(\w+)"><span class="visually-hidden">Error: <\/span>([^<]+)<\/p>/g)].map((m) => [m[1], m[2]]);
  t.same(errors, [
    ["name", "Fill in a name or alias."],
    ["phone", "This phone number is not right. Use only digits, spaces and perhaps a + at the start."],
    ["email", "This email address is not right. An email address looks like name@example.com."],
    ["locale", "Choose the language of the messages."],
    ["language", "Choose a language."],
    ["interpreter", "Choose if you need an interpreter."],
    ["note", "Your message is too long. Use no more than 500 characters."],
    ["consent", "Tick the box once the client has agreed by phone."],
  ]);
  t.match(wrong.body, 'value="not-an-email"', "what was typed is kept");
  t.equal(inputValue(wrong.body, "formKey"), formKey, "the same form key");
  t.equal(await db.booking.count(), 0, "nothing booked");
  const noConsent = await browser.post(base, { ...valid, consent: undefined, slot, formKey });
  t.equal(noConsent.statusCode, 422);
  t.match(noConsent.body, "Tick the box once the client has agreed by phone.");

  const booked = await browser.post(base, { ...valid, slot, formKey });
  t.equal(booked.statusCode, 303);
  const stored = await db.booking.findFirstOrThrow();
  t.equal(booked.headers.location, `/staff/bookings/${stored.id}?done=booked`);
  t.same(
    { channel: stored.channel, startsAt: stored.startsAt.toISOString(), locale: stored.locale, language: stored.language, interpreter: stored.interpreterNeeded, name: stored.name, phone: stored.phone, email: stored.email, note: stored.note, seat: stored.seat },
    { channel: "STAFF", startsAt: "2026-12-01T09:20:00.000Z", locale: "en", language: "ar", interpreter: true, name: "Yusuf", phone: "+31612345678", email: null, note: "Calls from a friend's phone.", seat: 1 },
  );
  const audit = await db.auditEntry.findFirstOrThrow({ where: { entityType: "booking", entityId: stored.id } });
  t.same([audit.action, audit.actorType, audit.actorId], ["booking.created", "staff", user.id]);
  const result = await browser.get(booked.headers.location as string);
  t.equal(statusMessage(result.body), `The booking has been made. Read the booking code out to the client: ${formatBookingCode(stored.code)}`);
  t.match(mainText(result.body), "Booked via Staff (phone)");

  // A double click, or back and send again: the booking the form already made.
  const again = await browser.post(base, { ...valid, name: "Changed", slot, formKey });
  t.equal(again.headers.location, booked.headers.location);
  t.equal(await db.booking.count(), 1);
  t.equal((await db.booking.findFirstOrThrow()).name, "Yusuf");

  // Another form for the same (now full) slot is refused with the list of free times.
  const second = await browser.get(links[0]!);
  t.equal(second.statusCode, 409, "a full slot cannot be opened");
  t.match(second.body, "That time was just taken. Choose another time.");
  const started = await browser.get(`${base}?slot=2026-12-01T09:00:00.000Z`);
  t.equal(started.statusCode, 404);
  t.match(started.body, "That time cannot be booked. Choose another time.");
  const garbage = await browser.post(base, { ...valid, slot: "yesterday", formKey: inputValue(form.body, "formKey") });
  t.equal(garbage.statusCode, 404);
  const expired = await browser.post(base, { ...valid, slot: "2026-12-03T12:00:00.000Z", formKey: "made-up" });
  t.equal(expired.statusCode, 422);
  t.match(expired.body, "This form has expired. Check your details and send it again.");
  t.equal(await db.booking.count(), 1);
});

t.test("with an email address the client gets the confirmation in the chosen language", async (t) => {
  const { app, db } = await buildTestApp(t, { now });
  const zwolle = await db.office.findUniqueOrThrow({ where: { slug: "zwolle" } });
  const { browser } = await signedIn(app, db, { role: "ADMIN", locale: "nl" });
  const base = `/staff/offices/${zwolle.id}/book`;
  const form = await browser.get(`${base}?slot=2026-12-03T12:00:00.000Z`);
  t.match(form.body, "<h1>Gegevens van de cliënt</h1>", "the staff member's language");
  const response = await browser.post(base, { ...valid, email: "yusuf@example.org", locale: "nl", slot: inputValue(form.body, "slot"), formKey: inputValue(form.body, "formKey") });
  t.equal(response.statusCode, 303);
  const messages = await db.outboxMessage.findMany({ orderBy: { id: "asc" } });
  t.same(messages.map((m) => [m.kind, m.audience, m.recipient, m.locale]), [
    ["confirmation", "client", "yusuf@example.org", "nl"],
    ["reminder", "client", "yusuf@example.org", "nl"],
  ]);
});
