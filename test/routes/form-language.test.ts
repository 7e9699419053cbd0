// Switching language on a booking form keeps what was typed: the language buttons send the
// form (in its body, never in a URL) to be shown again in the other language, with the
// same one-time key, so it still makes one booking at most.
import t from "tap";
import { buildTestApp } from "../helpers/app.ts";
import { inputValue, location, postForm } from "../helpers/forms.ts";

const now = "2026-11-30T08:00:00Z";
const slot = "2026-12-01T09:00:00.000Z";
const typed = { name: "Amina Typed", phone: "+31 6 1234 5678", email: "amina@example.org", interpreter: "yes", note: "Ik kom met twee kinderen", consent: "yes" };

t.test("the client's form: the language buttons send the form; it comes back in the other language with what was typed", async (t) => {
  const { app, db, logs } = await buildTestApp(t, { now });
  const form = await app.inject({ url: `/nl/offices/zwolle/book?slot=${slot}` });
  t.match(form.body, '<form method="post" action="/nl/offices/zwolle/book" novalidate class="booking-form" id="booking-form">');
  t.match(form.body, '<input type="hidden" name="formLocale" value="nl">');
  t.match(form.body, '<li><button form="booking-form" formaction="/ar/offices/zwolle/book/form" lang="ar">العربية</button></li>');
  t.match(form.body, '<li><span aria-current="true" lang="nl">Nederlands</span></li>');
  t.notMatch(form.body, /href="\/language\//, "no language link that would drop the form");
  t.match(form.body, /<body>\n<button form="booking-form" hidden><\/button>/, "Enter in a field still sends the form itself");
  const formKey = inputValue(form.body, "formKey");

  // The language to speak was left at the page's: it follows the page.
  const arabic = await postForm(app, "/ar/offices/zwolle/book/form", { ...typed, language: "nl", formLocale: "nl", slot, formKey, website: "" });
  t.equal(arabic.statusCode, 200);
  t.equal(arabic.headers["cache-control"], "no-store", "what was typed is not kept by the browser's cache");
  t.match(String(arabic.headers["set-cookie"]), /^lang=ar;/, "the choice of language is remembered, as a language link does");
  t.match(arabic.body, '<html lang="ar" dir="rtl">');
  t.match(arabic.body, "<h1>بياناتك</h1>");
  for (const [field, value] of [["name", "Amina Typed"], ["phone", "+31 6 1234 5678"], ["email", "amina@example.org"]]) {
    t.match(arabic.body, new RegExp(`id="field-${field}" name="${field}"[^>]* value="${value!.replace("+", "\\+")}"`), `${field} kept`);
  }
  t.match(arabic.body, ">Ik kom met twee kinderen</textarea>", "the note kept");
  t.match(arabic.body, 'id="interpreter-yes" name="interpreter" value="yes" checked>', "the interpreter answer kept");
  t.match(arabic.body, 'id="field-consent" name="consent" value="yes" checked', "the tick kept");
  t.match(arabic.body, '<option value="ar" lang="ar" selected>العربية</option>', "the language to speak follows the page");
  t.equal(inputValue(arabic.body, "formKey"), formKey, "the same form key");
  t.notMatch(arabic.body, 'class="error-summary"', "no errors: nothing was sent to book");
  t.equal(await db.booking.count(), 0, "nothing booked");

  // A language chosen on purpose stays.
  const chosen = await postForm(app, "/en/offices/zwolle/book/form", { ...typed, language: "fa", formLocale: "ar", slot, formKey });
  t.match(chosen.body, '<option value="fa" lang="fa" selected>');

  // Booked from the form shown again: one booking, with what was typed, in Arabic.
  const booked = await postForm(app, "/ar/offices/zwolle/book", { ...typed, language: "ar", formLocale: "ar", slot, formKey: inputValue(arabic.body, "formKey") });
  t.equal(booked.statusCode, 303);
  t.match(location(booked), /^\/ar\/booking\/[\w-]{22}\/confirmation$/);
  const again = await postForm(app, "/ar/offices/zwolle/book", { ...typed, language: "ar", formLocale: "ar", slot, formKey });
  t.equal(location(again), location(booked), "the same key finds the same booking");
  const booking = await db.booking.findFirstOrThrow();
  t.same([booking.name, booking.phone, booking.email, booking.interpreterNeeded, booking.note, booking.locale, booking.language], [typed.name, "+31612345678", typed.email, true, typed.note, "ar", "ar"], "the number stored in E.164");
  t.equal(await db.booking.count(), 1);
  t.notMatch(logs.join(""), "Amina", "typed details reach no log");
});

t.test("shown again with a key that no longer works, or for a time that is gone", async (t) => {
  const { app } = await buildTestApp(t, { now });
  const fresh = await postForm(app, "/en/offices/zwolle/book/form", { ...typed, slot, formKey: "not-a-key" });
  t.equal(fresh.statusCode, 200);
  t.not(inputValue(fresh.body, "formKey"), "not-a-key", "a fresh key");
  t.match(fresh.body, 'value="Amina Typed"', "what was typed is still there");
  const gone = await postForm(app, "/en/offices/zwolle/book/form", { ...typed, slot: "2026-12-02T09:00:00.000Z", formKey: "not-a-key" });
  t.equal(gone.statusCode, 404);
  t.match(gone.body, "<h1>This time is not possible</h1>");
  const noSlot = await postForm(app, "/en/offices/zwolle/book/form", { ...typed });
  t.equal(noSlot.statusCode, 404);
  t.equal((await postForm(app, "/en/offices/nowhere/book/form", { ...typed, slot })).statusCode, 404);
  t.equal((await postForm(app, "/xx/offices/zwolle/book/form", { ...typed, slot })).statusCode, 404);
});

t.test("the caseworker's form keeps what was typed in another language too", async (t) => {
  const { app, db } = await buildTestApp(t, { now });
  const form = await app.inject({ url: `/en/caseworker/offices/zwolle/book?slot=${slot}` });
  t.match(form.body, '<button form="booking-form" formaction="/nl/caseworker/offices/zwolle/book/form" lang="nl">Nederlands</button>');
  const fields = { orgType: "church", orgName: "Kerk & Co", caseworkerName: "Sanne", caseworkerEmail: "sanne@example.org", contactViaMe: "yes", name: "Tariq", language: "ps", clientLocale: "fa", interpreter: "yes", note: "Komt met mij", consent: "yes" };
  const dutch = await postForm(app, "/nl/caseworker/offices/zwolle/book/form", { ...fields, slot, formKey: inputValue(form.body, "formKey") });
  t.equal(dutch.statusCode, 200);
  t.equal(dutch.headers["cache-control"], "no-store");
  t.match(dutch.body, '<html lang="nl" dir="ltr">');
  t.match(dutch.body, '<option value="church" selected>');
  t.match(dutch.body, 'value="Kerk &amp; Co"');
  t.match(dutch.body, 'value="Sanne"');
  t.match(dutch.body, 'value="sanne@example.org"');
  t.match(dutch.body, 'id="field-contactViaMe" name="contactViaMe" value="yes" checked');
  t.match(dutch.body, 'value="Tariq"');
  t.match(dutch.body, '<option value="ps" lang="ps" selected>');
  t.match(dutch.body, '<option value="fa" lang="fa" selected>');
  t.match(dutch.body, ">Komt met mij</textarea>");
  t.equal(inputValue(dutch.body, "formKey"), inputValue(form.body, "formKey"));
  t.equal(await db.booking.count(), 0);
});
