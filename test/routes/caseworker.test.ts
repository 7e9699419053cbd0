// A caseworker of a partner organisation books on behalf of a client, in Dutch and in
// English; "contact only via me" sends every message to the caseworker alone.
import t from "tap";
import { formatBookingCode } from "../../src/i18n/format.ts";
import { hashManageToken } from "../../src/domain/booking/manage-token.ts";
import { buildTestApp } from "../helpers/app.ts";
import { onPostgres } from "../helpers/database.ts";
import { bookSlot, inputValue, location, mainText, postForm, slotLinks, tokenOf, validBooking } from "../helpers/forms.ts";
import { startSmtp } from "../helpers/smtp.ts";
import { signedIn } from "../helpers/staff.ts";

const now = "2026-11-30T08:00:00Z"; // Monday 30 November 2026, 09:00 in Zwolle
const slot = "2026-12-01T09:00:00.000Z"; // Zwolle, Tuesday 1 December 10:00

const caseworker = {
  orgType: "refugee-council",
  orgName: "VluchtelingenWerk Zwolle",
  caseworkerName: "Sanne de Vries",
  caseworkerEmail: "sanne@vluchtelingenwerk.test",
  name: "Tariq",
  language: "ps",
  clientLocale: "nl",
  interpreter: "yes",
  phone: "",
  email: "",
  note: "",
  consent: "yes",
  // Sent by the check step's "Make the appointment" (caseworker-check.test.ts shows the step).
  confirm: "yes",
};

async function openForm(app: Parameters<typeof postForm>[0], lang: string) {
  const form = await app.inject({ url: `/${lang}/caseworker/offices/zwolle/book?slot=${slot}` });
  if (form.statusCode !== 200) throw new Error(`form answered ${form.statusCode}`);
  return { body: form.body, formKey: inputValue(form.body, "formKey"), slot: inputValue(form.body, "slot") };
}

const fieldErrors = (html: string) =>
  [...html.matchAll(/<p class="field-error" id="error-(\w+)"><span class="visually-hidden">[^<]+<\/span>([^<]+)<\/p>/g)].map((m) => [m[1], m[2]]);

t.test("in Dutch, from the home page to the confirmation; 'contact only via me' writes only to the caseworker", async (t) => {
  const smtp = await startSmtp(t);
  const { app, db } = await buildTestApp(t, { now, env: smtp.env() });
  const home = await app.inject({ url: "/nl/" });
  t.match(home.body, '<a href="/nl/caseworker">Afspraak maken voor een cliënt</a>');
  const start = await app.inject({ url: "/nl/caseworker" });
  t.equal(start.statusCode, 200);
  t.match(start.body, "<h1>Een afspraak maken voor een cliënt</h1>");
  const offices = [...start.body.matchAll(/href="\/nl\/caseworker\/offices\/([a-z-]+)"/g)].map((m) => m[1]);
  t.same(offices, ["den-haag", "amsterdam", "tilburg", "zwolle"]);
  const office = await app.inject({ url: "/nl/caseworker/offices/zwolle" });
  t.equal(office.statusCode, 200);
  t.match(office.body, "<h1>Afspraak voor een cliënt – Zwolle — Wijkcentrum Holtenbroek</h1>");
  t.equal(slotLinks(office.body)[0], `/nl/caseworker/offices/zwolle/book?slot=${slot}`, "slot links stay in the caseworker flow");

  const form = await openForm(app, "nl");
  t.match(form.body, "<h1>Gegevens van u en uw cliënt</h1>");
  t.match(form.body, '<option value="womens-shelter">Vrouwenopvang</option>');
  // The client's own email is typed, but "contact only via me" means it is not kept.
  const response = await postForm(app, "/nl/caseworker/offices/zwolle/book", { ...caseworker, contactViaMe: "yes", email: "tariq@example.org", phone: "06 1111 2222", slot: form.slot, formKey: form.formKey });
  t.equal(response.statusCode, 303);
  const token = tokenOf(response);
  t.equal(location(response), `/nl/booking/${token}/for-client`, "to the caseworker's own page");
  t.not(token, form.formKey, "the manage token is derived on the server");
  const confirmation = await app.inject({ url: location(response) });
  t.equal(confirmation.statusCode, 200);
  const said = mainText(confirmation.body);
  t.match(said, "De afspraak voor uw cliënt is gemaakt", "it speaks to the caseworker");
  t.match(confirmation.body, "<title>De afspraak voor uw cliënt is gemaakt – ");
  t.match(said, "Geef uw cliënt de kaart: print hem, of stuur de link.");
  t.notMatch(said, /Uw afspraak|Kom op tijd/, "not to the client");
  t.match(said, "Afsprakenkaart", "with the client's card");
  t.match(confirmation.body, '<button type="button" class="button print-button" hidden>', "to print");
  t.match(confirmation.body, new RegExp(`<p class="link-box" dir="ltr"><a href="/nl/booking/${token}/confirmation" hreflang="nl">https?://[^<]+/b/${token}</a></p>`), "or to send: the short link opens the client's card");

  const stored = await db.booking.findFirstOrThrow();
  t.equal(stored.manageTokenHash, hashManageToken(token));
  t.same(
    {
      channel: stored.channel, locale: stored.locale, language: stored.language, interpreter: stored.interpreterNeeded, name: stored.name, phone: stored.phone, email: stored.email,
      orgType: stored.referrerOrgType, orgName: stored.referrerOrgName, referrer: stored.referrerName, referrerEmail: stored.referrerEmail, viaReferrer: stored.contactViaReferrer,
    },
    {
      channel: "CASEWORKER", locale: "nl", language: "ps", interpreter: true, name: "Tariq", phone: null, email: null,
      orgType: "refugee-council", orgName: "VluchtelingenWerk Zwolle", referrer: "Sanne de Vries", referrerEmail: "sanne@vluchtelingenwerk.test", viaReferrer: true,
    },
  );
  const audit = await db.auditEntry.findFirstOrThrow({ where: { entityType: "booking", entityId: stored.id } });
  t.same([audit.action, audit.actorType, audit.actorId], ["booking.created", "caseworker", null], "a caseworker made it, not the client");
  t.notMatch(audit.detail ?? "", /Sanne|Tariq|vluchtelingenwerk/i, "no personal data in the audit log");

  await app.outbox.runOnce();
  t.same(smtp.received.map((m) => m.to), [["sanne@vluchtelingenwerk.test"]], "one message, to the caseworker only");
  t.same(smtp.to("tariq@example.org"), []);
  const mail = smtp.received[0]!;
  t.equal(mail.parsed.subject, `Afspraak ${formatBookingCode(stored.code)} gemaakt: dinsdag 1 december om 10:00`);
  t.match(mail.parsed.text, "Wij nemen geen contact op met Tariq zelf. Alle berichten over deze afspraak gaan naar u.");
  t.match(mail.parsed.text, /^Beste Sanne de Vries,$/m, "the caseworker is greeted by name");
  const reminder = await db.outboxMessage.findFirstOrThrow({ where: { kind: "reminder" } });
  t.same([reminder.audience, reminder.recipient], ["caseworker", "sanne@vluchtelingenwerk.test"], "the reminder goes to the caseworker too");
});

t.test("in English without 'contact only via me': the client gets the message and the caseworker a copy", async (t) => {
  const smtp = await startSmtp(t);
  const { app, db } = await buildTestApp(t, { now, env: smtp.env() });
  const start = await app.inject({ url: "/en/caseworker" });
  t.match(start.body, "<h1>Book an appointment for a client</h1>");
  const form = await openForm(app, "en");
  t.match(form.body, "<h1>Details of you and your client</h1>");
  t.notMatch(form.body, /lang="en" selected/, "neither of the client's languages starts as the page's");
  t.equal(form.body.split('<option value="" selected>Choose a language</option>').length - 1, 2, "both are a choice to make");
  // The client reads Pashto; the caseworker books in English.
  const response = await postForm(app, "/en/caseworker/offices/zwolle/book", { ...caseworker, clientLocale: "ps", orgType: "municipality", orgName: "Gemeente Zwolle", email: "tariq@example.org", phone: "+31 6 1111 2222", note: "Comes with me.", slot: form.slot, formKey: form.formKey });
  t.equal(response.statusCode, 303);
  const token = tokenOf(response);
  t.equal(location(response), `/en/booking/${token}/for-client`);
  const stored = await db.booking.findFirstOrThrow();
  t.same(
    [stored.locale, stored.referrerLocale, stored.email, stored.phone, stored.note, stored.referrerOrgType, stored.contactViaReferrer],
    ["ps", "en", "tariq@example.org", "+31611112222", "Comes with me.", "municipality", false],
  );
  const confirmation = await app.inject({ url: location(response) });
  t.match(confirmation.body, `<a href="/ps/booking/${token}/confirmation" hreflang="ps">The appointment card in the client&#39;s language: <span lang="ps">پښتو</span></a>`);
  t.match((await app.inject({ url: `/ps/booking/${token}/confirmation` })).body, '<html lang="ps" dir="rtl">');
  t.match(confirmation.body, `<a href="/ps/booking/${token}/confirmation" hreflang="ps">`, "the link to send opens the card in the client's language");
  t.match(mainText(confirmation.body), "The appointment for your client is booked");

  // Only a caseworker's booking has this page; a client's own booking's link does not open one.
  const own = await bookSlot(app, "/en/offices/zwolle/book?slot=2026-12-01T09:40:00.000Z", { ...validBooking, name: "Self" });
  t.equal(own.response.statusCode, 303);
  t.equal((await app.inject({ url: `/en/booking/${own.token}/for-client` })).statusCode, 404);
  t.equal((await app.inject({ url: "/en/booking/not-a-token/for-client" })).statusCode, 404);

  await app.outbox.runOnce();
  const code = formatBookingCode(stored.code);
  const toClient = smtp.to("tariq@example.org");
  t.equal(toClient.length, 1);
  t.match(toClient[0]!.parsed.html, '<html lang="ps" dir="rtl">', "the client's message is in Pashto");
  t.notMatch(toClient[0]!.parsed.subject, "Your appointment");
  t.match(toClient[0]!.parsed.text, `/ps/booking/${token}`, "its manage link opens the Pashto pages");
  t.same(smtp.to("sanne@vluchtelingenwerk.test").map((m) => m.parsed.subject), [`Appointment ${code} booked: Tuesday 1 December at 10:00`]);
  t.match(smtp.to("sanne@vluchtelingenwerk.test")[0]!.parsed.text, "You booked an appointment for Tariq.");
  t.match(smtp.to("sanne@vluchtelingenwerk.test")[0]!.parsed.text, /^Hello Sanne de Vries,$/m);
  t.notMatch(smtp.to("sanne@vluchtelingenwerk.test")[0]!.parsed.text, "We will not contact");

  // Staff read who made it: the caseworker, in the audit log and the booking's history.
  const { browser: admin } = await signedIn(app, db, { role: "ADMIN" });
  const audit = mainText((await admin.get("/staff/audit?type=booking")).body);
  t.match(audit, new RegExp(`caseworker Booking made booking.created Booking #${stored.id} `));
  t.notMatch(audit, new RegExp(`client Booking made booking.created Booking #${stored.id} `));
  const detail = (await admin.get(`/staff/bookings/${stored.id}`)).body;
  t.match(detail, /<tr><td data-label="[^"]*">[^<]+<\/td><td data-label="[^"]*">caseworker<\/td><td/, "the history names the caseworker");
});

// Form checks that stop before any write: the same on either engine, so run on SQLite alone
// (the test command runs this file on PostgreSQL too, for its bookings).
if (!onPostgres) t.test("each validation error re-renders the form with its message and books nothing", async (t) => {
  const { app, db } = await buildTestApp(t, { now });
  const cases: Array<[string, Record<string, string | undefined>, Array<[string, string]>]> = [
    ["en", { orgName: "  " }, [["orgName", "Fill in the name of your organisation."]]],
    ["en", { orgName: undefined }, [["orgName", "Fill in the name of your organisation."]]],
    ["en", { caseworkerEmail: "sanne@" }, [["caseworkerEmail", "Your email address is not right. An email address looks like name@example.com."]]],
    ["en", { caseworkerEmail: "" }, [["caseworkerEmail", "Fill in your email address."]]],
    ["en", { caseworkerName: "" }, [["caseworkerName", "Fill in your name."]]],
    ["en", { orgType: "secret-service" }, [["orgType", "Choose the type of your organisation."]]],
    ["en", { orgType: "" }, [["orgType", "Choose the type of your organisation."]]],
    ["en", { clientLocale: "xx" }, [["clientLocale", "Choose the language of the client&#39;s messages."]]],
    ["en", { clientLocale: undefined }, [["clientLocale", "Choose the language of the client&#39;s messages."]]],
    ["en", { clientLocale: "", language: "" }, [["language", "Choose a language."], ["clientLocale", "Choose the language of the client&#39;s messages."]]],
    ["nl", { clientLocale: "" }, [["clientLocale", "Kies de taal van de berichten voor de cliënt."]]],
    ["en", { consent: undefined }, [["consent", "Tick the box to confirm that the client agrees."]]],
    ["en", { interpreter: undefined, name: "" }, [["name", "Fill in a name or alias."], ["interpreter", "Choose if the client needs an interpreter."]]],
    ["en", { email: "client@", phone: "x" }, [["phone", "This phone number is not right. Use only digits, spaces and perhaps a + at the start."], ["email", "This email address is not right. An email address looks like name@example.com."]]],
    ["nl", { orgName: "", caseworkerEmail: "geen adres", orgType: "x", consent: "no" }, [
      ["orgType", "Kies het soort organisatie."],
      ["orgName", "Vul de naam van uw organisatie in."],
      ["caseworkerEmail", "Uw e-mailadres klopt niet. Een e-mailadres ziet eruit als naam@voorbeeld.nl."],
      ["consent", "Kruis het vakje aan om te bevestigen dat de cliënt het goed vindt."],
    ]],
  ];
  for (const [lang, change, expected] of cases) {
    const form = await openForm(app, lang);
    const response = await postForm(app, `/${lang}/caseworker/offices/zwolle/book`, { ...caseworker, ...change, slot: form.slot, formKey: form.formKey });
    const label = `${lang} ${JSON.stringify(change)}`;
    t.equal(response.statusCode, 422, label);
    t.same(fieldErrors(response.body), expected, label);
    t.equal(inputValue(response.body, "formKey"), form.formKey, "the same form key, so a corrected form still books once");
    t.match(response.body, lang === "nl" ? "<title>Fout:" : "<title>Error:");
  }
  const kept = await postForm(app, "/en/caseworker/offices/zwolle/book", { ...caseworker, orgName: "", caseworkerName: "Sanne <b>", slot, formKey: (await openForm(app, "en")).formKey });
  t.match(kept.body, 'value="Sanne &lt;b&gt;"', "what was typed is kept, escaped");
  t.match(kept.body, '<option value="refugee-council" selected>');
  // A repeated field (tampering) is refused like any other bad value.
  const repeated = await postForm(app, "/en/caseworker/offices/zwolle/book", { ...caseworker, orgName: ["A", "B"], slot, formKey: (await openForm(app, "en")).formKey });
  t.equal(repeated.statusCode, 422);
  t.equal(await db.booking.count(), 0, "nothing was booked");
  t.equal(await db.outboxMessage.count(), 0);
});

t.test("the same caseworker form sent twice books once", async (t) => {
  const { app, db } = await buildTestApp(t, { now });
  const form = await openForm(app, "en");
  const fields = { ...caseworker, slot: form.slot, formKey: form.formKey };
  const [first, second] = await Promise.all([
    postForm(app, "/en/caseworker/offices/zwolle/book", fields),
    postForm(app, "/en/caseworker/offices/zwolle/book", fields),
  ]);
  t.equal(first.statusCode, 303);
  t.equal(second.statusCode, 303);
  t.equal(location(first), location(second), "a double click leads to the one booking");
  const changed = await postForm(app, "/en/caseworker/offices/zwolle/book", { ...fields, name: "Changed" });
  t.equal(changed.statusCode, 422, "other details under a used key: a fresh form, not that booking");
  t.not(inputValue(changed.body, "formKey"), form.formKey);
  const third = await postForm(app, "/en/caseworker/offices/zwolle/book", { ...fields, slot: "2026-12-01T09:20:00.000Z" });
  t.equal(third.statusCode, 422, "a used form cannot book another time");
  t.equal(await db.booking.count(), 1);
  t.equal(await db.outboxMessage.count({ where: { kind: "confirmation" } }), 1);
});

t.test("a slot that is gone or never was offers other times within the caseworker flow", async (t) => {
  const { app, db } = await buildTestApp(t, { now });
  const form = await openForm(app, "en");
  await postForm(app, "/en/caseworker/offices/zwolle/book", { ...caseworker, slot: form.slot, formKey: form.formKey });
  const taken = await app.inject({ url: `/en/caseworker/offices/zwolle/book?slot=${slot}` });
  t.equal(taken.statusCode, 409);
  t.match(taken.body, "<h1>This time was just taken</h1>");
  t.match(taken.body, 'href="/en/caseworker/offices/zwolle/book?slot=2026-12-01T09:20:00.000Z"');
  t.match(taken.body, 'href="/en/caseworker/offices/zwolle">All free times</a>');
  const late = await postForm(app, "/en/caseworker/offices/zwolle/book", { ...caseworker, slot, formKey: (await app.inject({ url: "/en/caseworker/offices/zwolle/book?slot=2026-12-01T09:20:00.000Z" })).body.match(/name="formKey" value="([^"]+)"/)![1]! });
  t.equal(late.statusCode, 409, "a form for a time someone else took");
  for (const url of ["/en/caseworker/offices/zwolle/book?slot=nonsense", "/en/caseworker/offices/zwolle/book?slot=2026-12-02T09:00:00.000Z", "/en/caseworker/offices/zwolle/book"]) {
    const page = await app.inject({ url });
    t.equal(page.statusCode, 404, url);
    t.match(page.body, "<h1>This time is not possible</h1>");
  }
  t.equal((await app.inject({ url: "/en/caseworker/offices/groningen" })).statusCode, 404);
  t.equal((await app.inject({ url: "/en/caseworker/offices/groningen/book?slot=" + slot })).statusCode, 404);
  // A form not issued for a time that cannot be booked is not shown again: the other times are.
  const noSession = await postForm(app, "/en/caseworker/offices/zwolle/book", { ...caseworker, slot: "2026-12-02T09:00:00.000Z", formKey: "nope" });
  t.equal(noSession.statusCode, 404);
  t.match(noSession.body, 'href="/en/caseworker/offices/zwolle">All free times</a>');
  t.equal(await db.booking.count(), 1);
});

t.test("a name that ends in a full stop gets no second one in the caseworker's messages", async (t) => {
  const smtp = await startSmtp(t);
  const { app } = await buildTestApp(t, { now, env: smtp.env() });
  const form = await openForm(app, "nl");
  const response = await postForm(app, "/nl/caseworker/offices/zwolle/book", { ...caseworker, name: "Cliënt T.", contactViaMe: "yes", slot: form.slot, formKey: form.formKey });
  t.equal(response.statusCode, 303);
  await app.outbox.runOnce();
  const text = smtp.to("sanne@vluchtelingenwerk.test")[0]!.parsed.text ?? "";
  t.match(text, "U hebt een afspraak gemaakt voor Cliënt T. Hier zijn de gegevens.");
  t.match(text, "Wij nemen geen contact op met Cliënt T. zelf.", "a full stop inside a sentence stays");
  t.notMatch(text, "T..", "never two full stops");
});
