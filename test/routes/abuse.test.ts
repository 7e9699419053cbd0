// Abuse resistance without third parties: a honeypot field, a limit on future
// appointments per contact, and rate limits per visitor.
import t from "tap";
import { buildTestApp } from "../helpers/app.ts";
import { bookSlot, inputValue, mainText, postForm, validBooking } from "../helpers/forms.ts";

const now = "2026-11-30T08:00:00Z";
// Amsterdam: Tuesday 1 and Friday 4 December, 10:00–13:00, nine 20-minute slots each.
const slot = (i: number) => `/en/offices/amsterdam/book?slot=${new Date(Date.UTC(2026, 11, i < 9 ? 1 : 4, 9, 0) + (i % 9) * 20 * 60_000).toISOString()}`;

t.test("a form with the hidden honeypot field filled in books nothing", async (t) => {
  const { app, db } = await buildTestApp(t, { now });
  const form = await app.inject({ url: slot(0) });
  t.match(form.body, '<div class="hp" aria-hidden="true"><label for="field-website">Leave this field empty</label><input id="field-website" name="website" type="text" tabindex="-1"');
  const res = await postForm(app, "/en/offices/amsterdam/book", { ...validBooking, slot: inputValue(form.body, "slot"), formKey: inputValue(form.body, "formKey"), website: "http://spam.example" });
  t.equal(res.statusCode, 400);
  t.match(res.body, "<h1>That did not work</h1>");
  t.equal(await db.booking.count(), 0);
  const ok = await postForm(app, "/en/offices/amsterdam/book", { ...validBooking, slot: inputValue(form.body, "slot"), formKey: inputValue(form.body, "formKey"), website: "" });
  t.equal(ok.statusCode, 303, "an empty honeypot books as usual");
});

t.test("one email or phone number holds at most three future appointments", async (t) => {
  const { app, db } = await buildTestApp(t, { now });
  const emails = ["Amina@Example.org", "amina@example.org ", "AMINA@example.ORG"];
  for (const [i, email] of emails.entries()) {
    const { response } = await bookSlot(app, slot(i), { ...validBooking, email });
    t.equal(response.statusCode, 303, `booking ${i + 1}`);
  }
  const fourth = await bookSlot(app, slot(3), { ...validBooking, email: "amina@example.org" });
  t.equal(fourth.response.statusCode, 422);
  t.match(mainText(fourth.response.body), "You already have 3 appointments planned with this phone number or email address.");
  t.match(fourth.response.body, 'value="amina@example.org"', "what was typed is kept");
  const phone = ["06 1234 5678", "+31 6 12345678", "0031-6-1234-5678"];
  for (const [i, p] of phone.entries()) await bookSlot(app, slot(4 + i), { ...validBooking, phone: p });
  const more = await bookSlot(app, slot(7), { ...validBooking, phone: "(06) 12 34 56 78" });
  t.equal(more.response.statusCode, 422, "the same phone number written another way");
  const other = await bookSlot(app, slot(8), { ...validBooking, email: "someone.else@example.org" });
  t.equal(other.response.statusCode, 303, "another contact can book");
  const anonymous = await bookSlot(app, slot(9), { ...validBooking });
  t.equal(anonymous.response.statusCode, 303, "booking without contact details is not limited");
  t.equal(await db.booking.count(), 8);

  // Cancelling one frees the place for the contact.
  const booking = await db.booking.findFirstOrThrow({ where: { emailKey: "amina@example.org" } });
  await db.booking.update({ where: { id: booking.id }, data: { status: "CANCELLED", seat: null } });
  const again = await bookSlot(app, slot(10), { ...validBooking, email: "amina@example.org" });
  t.equal(again.response.statusCode, 303);
});

t.test("too many bookings from one visitor get a clear page in their language", async (t) => {
  const { app } = await buildTestApp(t, { now, env: { RATE_LIMIT_BOOKINGS: "20", RATE_LIMIT_MANAGE: "60" } });
  let status = 0;
  let body = "";
  for (let i = 0; i < 40 && status !== 429; i++) {
    const res = await postForm(app, "/nl/offices/amsterdam/book", { slot: "x" });
    status = res.statusCode;
    body = res.body;
  }
  t.equal(status, 429, "the booking route is rate limited per visitor");
  t.match(body, "<h1>Even wachten</h1>");
  let manage = 0;
  for (let i = 0; i < 80 && manage !== 429; i++) manage = (await app.inject({ url: `/en/booking/${"A".repeat(43)}` })).statusCode;
  t.equal(manage, 429, "guessing manage links is rate limited too");
});
