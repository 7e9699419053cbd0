import t from "tap";
import { hashManageToken } from "../../src/domain/booking/manage-token.ts";
import { buildTestApp } from "../helpers/app.ts";
import { onPostgres } from "../helpers/database.ts";
import { bookSlot, inputValue, location, mainText, postForm, slotLinks, tokenOf, validBooking } from "../helpers/forms.ts";

// Monday 30 November 2026, 09:00 in Zwolle.
const now = "2026-11-30T08:00:00Z";

t.test("home lists the four offices in Dutch and English", async (t) => {
  const { app } = await buildTestApp(t, { now });
  const root = await app.inject({ url: "/", headers: { "accept-language": "en-GB,en;q=0.9,nl;q=0.5" } });
  t.equal(root.statusCode, 302);
  t.equal(root.headers.location, "/en/");
  for (const [lang, heading] of [["nl", "Maak een afspraak"], ["en", "Make an appointment"]] as const) {
    const page = await app.inject({ url: `/${lang}/` });
    t.equal(page.statusCode, 200);
    t.match(page.body, `<html lang="${lang}" dir="ltr">`);
    t.match(page.body, `<h1>${heading}</h1>`);
    const offices = [...page.body.matchAll(/href="\/\w\w\/offices\/([a-z-]+)"/g)].map((m) => m[1]);
    t.same(offices, ["den-haag", "amsterdam", "tilburg", "zwolle"], "head office first, then by name");
  }
});

t.test("a client books the first free Zwolle slot, views it, cancels, and the slot is free again", async (t) => {
  const { app, db } = await buildTestApp(t, { now });
  const office = await app.inject({ url: "/nl/offices/zwolle" });
  t.equal(office.statusCode, 200);
  t.match(office.body, "Rembrandtlaan 2");
  t.match(mainText(office.body), "dinsdag: 10:00–12:00");
  t.match(mainText(office.body), "donderdag: 13:00–15:00");
  const first = slotLinks(office.body)[0]!;
  t.equal(first, "/nl/offices/zwolle/book?slot=2026-12-01T09:00:00.000Z", "Tuesday 1 December 10:00 local (UTC+1)");
  t.match(office.body, 'aria-label="dinsdag 1 december, 10:00">10:00</a>', "the slot reads with its date");

  const { response, formKey, token } = await bookSlot(app, first, { ...validBooking, email: "amina@example.org", phone: "+31 6 1234 5678" });
  t.equal(response.statusCode, 303);
  const confirmationUrl = location(response);
  t.equal(confirmationUrl, `/nl/booking/${token}/confirmation`);
  t.match(token, /^[A-Za-z0-9_-]{22}$/, "a 128-bit manage token");
  t.not(token, formKey, "derived on the server, not the form key the page carried");

  const confirmation = await app.inject({ url: confirmationUrl });
  t.equal(confirmation.statusCode, 200);
  t.equal(confirmation.headers["cache-control"], "no-store");
  const text = mainText(confirmation.body);
  const code = /Afspraakcode ([A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4})/.exec(text)?.[1];
  t.ok(code, "shows a booking code without ambiguous characters");
  t.match(text, "dinsdag 1 december 2026");
  t.match(text, "10:00–10:20");
  t.match(text, "Rembrandtlaan 2 8031 RK Zwolle");
  t.match(confirmation.body, `href="/nl/booking/${token}">https://spreekuur.test/b/${token}</a>`, "the manage link, shown short");

  const stored = await db.booking.findFirstOrThrow();
  t.equal(stored.code, code!.replace("-", ""));
  t.equal(stored.manageTokenHash, hashManageToken(token), "only the token's hash is stored");
  t.not(stored.manageTokenHash, token);
  t.same(
    { status: stored.status, seat: stored.seat, channel: stored.channel, locale: stored.locale, language: stored.language, interpreter: stored.interpreterNeeded, name: stored.name, email: stored.email, phone: stored.phone },
    { status: "BOOKED", seat: 1, channel: "SELF", locale: "nl", language: "ar", interpreter: true, name: "Amina", email: "amina@example.org", phone: "+31612345678" },
  );
  t.equal(stored.startsAt.toISOString(), "2026-12-01T09:00:00.000Z");
  t.equal(stored.createdAt.toISOString(), new Date(now).toISOString(), "timestamps come from the injected clock");

  const officeAfter = await app.inject({ url: "/nl/offices/zwolle" });
  t.notOk(slotLinks(officeAfter.body).includes(first), "the booked slot is no longer offered");

  const managePath = `/nl/booking/${token}`;
  const manage = await app.inject({ url: managePath });
  t.equal(manage.statusCode, 200);
  t.match(mainText(manage.body), "Status Gepland");
  t.match(manage.body, `href="${managePath}/cancel"`);

  const ask = await app.inject({ url: `${managePath}/cancel` });
  t.match(mainText(ask.body), "Weet u zeker dat u deze afspraak wilt afzeggen?");
  const cancel = await app.inject({ method: "POST", url: `${managePath}/cancel` });
  t.equal(cancel.statusCode, 303);
  t.equal(cancel.headers.location, managePath);
  const cancelled = await app.inject({ url: managePath });
  t.match(mainText(cancelled.body), "Deze afspraak is afgezegd.");
  t.match(mainText(cancelled.body), "Status Afgezegd");
  t.notMatch(cancelled.body, "/cancel\"", "no cancel button on a cancelled booking");
  const row = await db.booking.findUniqueOrThrow({ where: { id: stored.id } });
  t.same({ status: row.status, seat: row.seat, cancelledBy: row.cancelledBy, sequence: row.sequence }, { status: "CANCELLED", seat: null, cancelledBy: "client", sequence: 1 });

  const again = await app.inject({ method: "POST", url: `${managePath}/cancel` });
  t.equal(again.statusCode, 303, "cancelling twice is harmless");
  t.equal((await db.booking.findUniqueOrThrow({ where: { id: stored.id } })).sequence, 1, "and changes nothing");

  const freed = await app.inject({ url: "/nl/offices/zwolle" });
  t.equal(slotLinks(freed.body)[0], first, "the cancelled slot is offered again");
  const rebook = await bookSlot(app, first);
  t.equal(rebook.response.statusCode, 303, "and can be booked again");
  t.equal(await db.booking.count({ where: { startsAt: new Date("2026-12-01T09:00:00Z"), seat: { not: null } } }), 1);
});

t.test("the same form sent twice makes one booking", async (t) => {
  const { app, db } = await buildTestApp(t, { now });
  const office = await app.inject({ url: "/en/offices/zwolle" });
  const href = slotLinks(office.body)[2]!;
  const { response, formKey, slot } = await bookSlot(app, href);
  t.equal(response.statusCode, 303);

  // A double click, or back and submit again: the same form key arrives again.
  const [second, third] = await Promise.all([
    postForm(app, "/en/offices/zwolle/book", { ...validBooking, slot, formKey }),
    postForm(app, "/en/offices/zwolle/book", { ...validBooking, name: "Changed", slot, formKey }),
  ]);
  t.equal(second.statusCode, 303);
  t.equal(second.headers.location, response.headers.location, "the same details lead to the same booking");
  // Other details under a used key: someone else at the same computer went back to the
  // form. They get a fresh form (with what they typed), never the earlier booking.
  t.equal(third.statusCode, 422);
  t.match(third.body, "This form has expired. Check your details and send it again.");
  t.match(third.body, 'value="Changed"');
  t.not(inputValue(third.body, "formKey"), formKey, "with a new form key");
  t.notMatch(third.body, formKey, "and no trace of the earlier booking's key");
  t.notMatch(third.body, tokenOf(response), "nor of its manage token");
  // Refreshing the result page is a GET and changes nothing either.
  await app.inject({ url: location(response) });
  await app.inject({ url: location(response) });
  t.equal(await db.booking.count(), 1);
  t.equal((await db.booking.findFirstOrThrow()).name, "Amina");

  // Back to the form and choosing another slot with the same, already used form.
  const other = slotLinks(office.body)[3]!;
  const otherSlot = new URL(other, "https://x").searchParams.get("slot")!;
  const resend = await postForm(app, "/en/offices/zwolle/book", { ...validBooking, slot: otherSlot, formKey });
  t.equal(resend.statusCode, 422, "a used form cannot make a second booking");
  t.equal(await db.booking.count(), 1);
});

// The form's list of languages is the same on either engine, so this runs on SQLite alone
// (the test command runs this file on PostgreSQL too, for its bookings).
if (!onPostgres) t.test("the languages to speak are each named in their own language, and marked so", async (t) => {
  const { app } = await buildTestApp(t, { now });
  for (const url of ["/ar/offices/zwolle/book?slot=2026-12-01T09:00:00.000Z", "/ar/caseworker/offices/zwolle/book?slot=2026-12-01T09:00:00.000Z"]) {
    const form = await app.inject({ url });
    const select = /<select id="field-language"[\s\S]*?<\/select>/.exec(form.body)?.[0] ?? "";
    const all = [...select.matchAll(/<option [^>]*>[^<]*<\/option>/g)].map((m) => m[0]);
    // The caseworker chooses for the client: a "choose" option first, nothing chosen for them.
    const caseworker = url.includes("/caseworker/");
    t.equal(all[0] === '<option value="" selected>اختر لغة</option>', caseworker, url);
    const options = caseworker ? all.slice(1) : all;
    t.equal(options.length, 26, url);
    t.same(options.slice(0, 3), ['<option value="nl" lang="nl">Nederlands</option>', '<option value="en" lang="en">English</option>', `<option value="ar" lang="ar"${caseworker ? "" : " selected"}>العربية</option>`]);
    t.equal(options.at(-1), '<option value="other">لغة أخرى</option>', "\"another language\" is in the page's language");
    t.same(options.filter((o) => !/ lang="/.test(o)), [options.at(-1)], "every language's own name carries its lang");
    t.match(select, '<option value="hbs" lang="bs">Bosanski / Hrvatski / Srpski</option>', "a tag a screen reader knows (hbs is not one)");
  }
});

t.test("the short link opens the manage page in the language the client booked in", async (t) => {
  const { app, db } = await buildTestApp(t, { now });
  const office = await app.inject({ url: "/ar/offices/zwolle" });
  const { token } = await bookSlot(app, slotLinks(office.body)[0]!);
  const confirmation = await app.inject({ url: `/ar/booking/${token}/confirmation` });
  t.match(confirmation.body, `https://spreekuur.test/b/${token}`, "the confirmation shows the short link");

  const short = await app.inject({ url: `/b/${token}` });
  t.equal(short.statusCode, 303);
  t.equal(short.headers.location, `/ar/booking/${token}`);
  t.equal(short.headers["cache-control"], "no-store");

  // A booking made before tokens were shortened carries a 43-character token: it still opens.
  const longToken = "L".repeat(43);
  await db.booking.updateMany({ data: { manageTokenHash: hashManageToken(longToken) } });
  t.equal((await app.inject({ url: `/b/${longToken}` })).headers.location, `/ar/booking/${longToken}`);
  t.equal((await app.inject({ url: `/ar/booking/${longToken}` })).statusCode, 200);
  t.equal((await app.inject({ url: `/b/${token}` })).statusCode, 404, "the replaced token opens nothing");

  for (const url of ["/b/", `/b/${"A".repeat(22)}`, `/b/${token.slice(1)}`, "/b/%00", `/b/${token}x`]) {
    t.equal((await app.inject({ url })).statusCode, 404, url);
  }
});
