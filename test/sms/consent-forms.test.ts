// The box "send me text messages" on every form that takes a client's phone number: the
// client's own form, the caseworker's, and staff booking for a client who phones. A
// number is kept in E.164; one that cannot exist is an error in the reader's language.
import t from "tap";
import { buildTestApp } from "../helpers/app.ts";
import { bookSlot, inputValue, postForm, validBooking } from "../helpers/forms.ts";
import { signedIn } from "../helpers/staff.ts";

const slot = (lang: string, time = "09:00") => `/${lang}/offices/zwolle/book?slot=2026-12-01T${time}:00.000Z`;
const fieldError = (html: string, field: string) => new RegExp(`<p class="field-error" id="error-${field}"><span class="visually-hidden">[^<]+</span>([^<]+)</p>`).exec(html)?.[1];

t.test("the client's form: the box is offered, kept with a phone number, and a bad number is refused", async (t) => {
  const { app, db } = await buildTestApp(t);
  const form = await app.inject({ url: slot("en") });
  t.match(form.body, '<input type="checkbox" id="field-smsConsent" name="smsConsent" value="yes"');
  t.match(form.body, "Send me text messages (SMS) about this appointment at this number.");
  t.match((await app.inject({ url: slot("ti") })).body, "ብዛዕባ እዚ ቆጸራ ናብዚ ቁጽሪ SMS ስደዱለይ።", "in the page's language");

  const bad = await bookSlot(app, slot("ar"), { ...validBooking, phone: "06 12", smsConsent: "yes" });
  t.equal(bad.response.statusCode, 422);
  t.equal(fieldError(bad.response.body, "phone"), "رقم الهاتف هذا غير صحيح. استخدم الأرقام والمسافات فقط، ويمكنك وضع + في البداية.", "in the reader's language");
  t.match(bad.response.body, 'lang="ar"');
  t.match(bad.response.body, /id="field-smsConsent" name="smsConsent" value="yes" checked/, "the tick is kept");
  t.equal(await db.booking.count(), 0);
  const tampered = await bookSlot(app, slot("en"), { ...validBooking, phone: "0612345678", smsConsent: "sure" });
  t.equal(tampered.response.statusCode, 422, "a value no checkbox sends");
  t.equal(await db.booking.count(), 0);

  await bookSlot(app, slot("en"), { ...validBooking, phone: "06 1234 5678", smsConsent: "yes" });
  await bookSlot(app, slot("en", "09:20"), { ...validBooking, phone: "+32 470 12 34 56" });
  await bookSlot(app, slot("en", "09:40"), { ...validBooking, email: "a@example.org", smsConsent: "yes" });
  const rows = await db.booking.findMany({ orderBy: { id: "asc" }, select: { phone: true, smsConsent: true } });
  t.same(rows, [
    { phone: "+31612345678", smsConsent: true },
    { phone: "+32470123456", smsConsent: false },
    { phone: null, smsConsent: false },
  ], "consent only with a number; numbers in E.164");
});

t.test("the caseworker's form and the staff phone form record the client's consent", async (t) => {
  const { app, db } = await buildTestApp(t, { now: "2026-11-30T08:00:00Z" });
  const cw = await app.inject({ url: "/nl/caseworker/offices/zwolle/book?slot=2026-12-01T09:00:00.000Z" });
  t.match(cw.body, "De cliënt wil sms-berichten over deze afspraak op dit nummer krijgen.");
  const posted = await postForm(app, "/nl/caseworker/offices/zwolle/book", {
    orgType: "refugee-council", orgName: "VluchtelingenWerk", caseworkerName: "Sanne", caseworkerEmail: "sanne@example.org",
    name: "Tariq", language: "ps", clientLocale: "ps", interpreter: "yes", phone: "0611112222", email: "", note: "", consent: "yes", smsConsent: "yes", confirm: "yes",
    slot: inputValue(cw.body, "slot"), formKey: inputValue(cw.body, "formKey"),
  });
  t.equal(posted.statusCode, 303);
  const viaMe = await app.inject({ url: "/nl/caseworker/offices/zwolle/book?slot=2026-12-01T09:20:00.000Z" });
  await postForm(app, "/nl/caseworker/offices/zwolle/book", {
    orgType: "refugee-council", orgName: "VluchtelingenWerk", caseworkerName: "Sanne", caseworkerEmail: "sanne@example.org", contactViaMe: "yes",
    name: "Tariq", language: "ps", clientLocale: "ps", interpreter: "yes", phone: "0611112222", email: "", note: "", consent: "yes", smsConsent: "yes", confirm: "yes",
    slot: inputValue(viaMe.body, "slot"), formKey: inputValue(viaMe.body, "formKey"),
  });

  const zwolle = await db.office.findUniqueOrThrow({ where: { slug: "zwolle" } });
  const { browser } = await signedIn(app, db, { role: "OFFICER", offices: ["zwolle"] });
  const form = await browser.get(`/staff/offices/${zwolle.id}/book?slot=2026-12-01T09:40:00.000Z`);
  t.equal(form.statusCode, 200);
  t.match(form.body, "The client wants text messages (SMS) about this appointment at this number (ask on the phone)");
  const booked = await browser.post(`/staff/offices/${zwolle.id}/book`, {
    name: "Yusuf", phone: "06 2222 3333", email: "", locale: "fa", language: "fa", interpreter: "no", note: "", consent: "yes", smsConsent: "yes", confirm: "yes",
    slot: inputValue(form.body, "slot"), formKey: inputValue(form.body, "formKey"),
  });
  t.equal(booked.statusCode, 303);
  const rows = await db.booking.findMany({ orderBy: { id: "asc" }, select: { channel: true, phone: true, smsConsent: true } });
  t.same(rows, [
    { channel: "CASEWORKER", phone: "+31611112222", smsConsent: true },
    { channel: "CASEWORKER", phone: null, smsConsent: false },
    { channel: "STAFF", phone: "+31622223333", smsConsent: true },
  ], "'contact only via me' keeps neither number nor consent");
  const texts = await db.outboxMessage.findMany({ where: { channel: "sms", kind: "confirmation" }, select: { recipient: true, locale: true } });
  t.same(texts, [{ recipient: "+31611112222", locale: "ps" }, { recipient: "+31622223333", locale: "fa" }]);
});
