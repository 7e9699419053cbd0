// Bad input gets a clear page in the visitor's language, never a 5xx, never a change.
import t from "tap";
import { formKeys } from "../../src/domain/booking/form-key.ts";
import { hashManageToken, newManageToken } from "../../src/domain/booking/manage-token.ts";
import { buildTestApp, type TestApp } from "../helpers/app.ts";
import { inputValue, location, mainText, postForm, slotLinks, tokenOf, validBooking } from "../helpers/forms.ts";

const now = "2026-11-30T08:00:00Z";
const slot = "2026-12-01T09:00:00.000Z"; // Zwolle, Tuesday 1 December 10:00

async function openForm(app: TestApp["app"], lang = "en") {
  const form = await app.inject({ url: `/${lang}/offices/zwolle/book?slot=${slot}` });
  return { formKey: inputValue(form.body, "formKey"), slot: inputValue(form.body, "slot") };
}

t.test("unknown pages, offices and languages answer 404 in the visitor's language", async (t) => {
  const { app, db } = await buildTestApp(t, { now });
  for (const [url, title] of [
    ["/nl/offices/groningen", "Pagina niet gevonden"],
    ["/en/offices/groningen", "Page not found"],
    ["/en/offices/..%2F..%2Fetc%2Fpasswd", "Page not found"],
    ["/en/offices/zwolle/nothing", "Page not found"],
    ["/xx/offices/zwolle", "Pagina niet gevonden"],
  ] as const) {
    const res = await app.inject({ url });
    t.equal(res.statusCode, 404, url);
    t.match(res.body, `<h1>${title}</h1>`, url);
  }
  const english = await app.inject({ url: "/xx/", headers: { "accept-language": "en" } });
  t.match(english.body, "<h1>Page not found</h1>", "a page without a language uses the browser's");
  t.equal(await db.booking.count(), 0);
});

t.test("slots that do not exist, are past, or are tampered with cannot be booked", async (t) => {
  const { app, db } = await buildTestApp(t, { now });
  const cases = {
    "between two slots": "2026-12-01T09:05:00.000Z",
    "a Wednesday (no session)": "2026-12-02T09:00:00.000Z",
    "in the past": "2026-11-24T09:00:00.000Z",
    "inside the minimum notice": "2026-11-30T08:30:00.000Z",
    "beyond the horizon": "2027-06-01T08:00:00.000Z",
    "not a time": "tomorrow",
    "an SQL fragment": "2026-12-01' OR '1'='1",
    "no zone": "2026-12-01T10:00:00",
  };
  for (const [what, value] of Object.entries(cases)) {
    const get = await app.inject({ url: `/en/offices/zwolle/book?slot=${encodeURIComponent(value)}` });
    t.equal(get.statusCode, 404, `GET ${what}`);
    t.match(get.body, "<h1>This time is not possible</h1>", what);
    t.ok(slotLinks(get.body).length > 0, `${what}: offers free times instead`);
    const { formKey } = await openForm(app);
    const post = await postForm(app, "/en/offices/zwolle/book", { ...validBooking, slot: value, formKey });
    t.equal(post.statusCode, 404, `POST ${what}`);
  }
  const missing = await app.inject({ url: "/en/offices/zwolle/book" });
  t.equal(missing.statusCode, 404);
  t.equal(await db.booking.count(), 0);
});

t.test("form errors re-render the form with messages and keep what was typed", async (t) => {
  const { app, db } = await buildTestApp(t, { now });
  const cases: Array<[string, Record<string, string | string[]>, string, string]> = [
    ["missing name", { name: "   " }, "name", "Fill in a name or alias."],
    ["over-long name", { name: "x".repeat(81) }, "name", "The name is too long. Use no more than 80 characters."],
    ["control characters", { name: "Amina\u0000" }, "name", "This field is not filled in correctly."],
    ["malformed email", { email: "amina@" }, "email", "This email address is not right."],
    ["email with spaces", { email: "a mina@example.org" }, "email", "This email address is not right."],
    ["letters in phone", { phone: "call me" }, "phone", "This phone number is not right."],
    ["too few digits", { phone: "123" }, "phone", "This phone number is not right."],
    ["unknown language", { language: "klingon" }, "language", "Choose a language."],
    ["missing interpreter", { interpreter: "" }, "interpreter", "Choose if you need an interpreter."],
    ["over-long note", { note: "n".repeat(501) }, "note", "Your message is too long. Use no more than 500 characters."],
    ["missing consent", { consent: "" }, "consent", "Tick the box to show that you have read what happens to your details."],
    ["repeated field", { name: ["Amina", "Other"] }, "name", "This field is not filled in correctly."],
  ];
  for (const [what, change, field, message] of cases) {
    const form = await openForm(app);
    const res = await postForm(app, "/en/offices/zwolle/book", { ...validBooking, email: "kept@example.org", ...form, ...change });
    t.equal(res.statusCode, 422, what);
    t.match(res.body, '<div class="error-summary" role="alert"', `${what}: error summary`);
    t.match(res.body, `href="#field-${field}"`, `${what}: summary links to the field`);
    t.match(res.body, new RegExp(`<p class="field-error" id="error-${field}">.*${message.replace(/[.()+?]/g, "\\$&")}`), `${what}: message at the field`);
    t.match(res.body, `name="formKey" value="${form.formKey}"`, `${what}: the same form key, so a fix makes one booking`);
    if (field !== "email") t.match(res.body, 'value="kept@example.org"', `${what}: typed input is kept`);
  }
  const dutch = await postForm(app, "/nl/offices/zwolle/book", { ...(await openForm(app, "nl")), ...validBooking, name: "" });
  t.match(dutch.body, "Vul een naam of schuilnaam in.", "messages in the page's language");
  t.equal(await db.booking.count(), 0, "nothing was booked");

  const fixed = await postForm(app, "/en/offices/zwolle/book", { ...validBooking, ...(await openForm(app)) });
  t.equal(fixed.statusCode, 303, "a correct form books");
});

t.test("invisible direction overrides are dropped from what is kept", async (t) => {
  const { app, db } = await buildTestApp(t, { now });
  const [form, other] = [await openForm(app), await openForm(app)];
  const blank = await postForm(app, "/en/offices/zwolle/book", { ...validBooking, ...other, name: "\u202e\u202c" });
  t.equal(blank.statusCode, 422, "a name of only overrides is no name");
  const res = await postForm(app, "/en/offices/zwolle/book", { ...validBooking, ...form, name: "\u202eanimA\u202c", note: "kom \u2067later\u2069" });
  t.equal(res.statusCode, 303);
  const booking = await db.booking.findFirstOrThrow();
  t.same([booking.name, booking.note], ["animA", "kom later"]);
});

t.test("a form without a valid form key is sent back with a fresh one", async (t) => {
  const { app, db } = await buildTestApp(t, { now });
  for (const formKey of [undefined, "", "short", "x".repeat(43) + "!"]) {
    const res = await postForm(app, "/en/offices/zwolle/book", { ...validBooking, slot, formKey });
    t.equal(res.statusCode, 422);
    t.match(mainText(res.body), "This form has expired. Check your details and send it again.");
    t.not(inputValue(res.body, "formKey"), formKey);
  }
  t.equal(await db.booking.count(), 0);
});

t.test("only a form key the server issued, for this office and time, and not expired, books", async (t) => {
  const { app, db, clock } = await buildTestApp(t, { now });
  const other = "2026-12-01T09:20:00.000Z";
  const issued = (at: string) => app.formKeys.issue({ officeId: zwolleId, target: at }, clock.now());
  const zwolleId = (await db.office.findUniqueOrThrow({ where: { slug: "zwolle" } })).id;
  const tilburgId = (await db.office.findUniqueOrThrow({ where: { slug: "tilburg" } })).id;
  const fresh = issued(slot);
  const refused: Array<[string, string]> = [
    ["43 × A, a key a client chose", "A".repeat(43)],
    ["a key of the right length the server never issued", "A".repeat(fresh.length)],
    ["one character of an issued key changed", fresh.slice(0, -2) + (fresh.at(-2) === "A" ? "B" : "A") + fresh.at(-1)!],
    ["a key issued for another time", issued(other)],
    ["a key issued for another office", app.formKeys.issue({ officeId: tilburgId, target: slot }, clock.now())],
    ["a key signed with another secret", formKeys("y".repeat(40)).issue({ officeId: zwolleId, target: slot }, clock.now())],
  ];
  for (const [what, formKey] of refused) {
    const res = await postForm(app, "/en/offices/zwolle/book", { ...validBooking, slot, formKey });
    t.equal(res.statusCode, 422, what);
    t.match(mainText(res.body), "This form has expired. Check your details and send it again.", what);
    const again = inputValue(res.body, "formKey");
    t.not(again, formKey, `${what}: sent back with a fresh key`);
    t.equal(app.formKeys.read(again, { officeId: zwolleId, target: slot }, clock.now()).kind, "valid", `${what}: the fresh key is for this form`);
  }
  t.equal(await db.booking.count(), 0, "none of them booked");

  // A form left open for a day has expired; one a minute younger has not.
  const thursday = "2026-12-03T12:00:00.000Z"; // Zwolle, Thursday 3 December 13:00
  const yesterday = issued(thursday);
  clock.advance(24 * 60 * 60_000 - 60_000);
  const younger = issued(thursday);
  clock.advance(60_000);
  const late = await postForm(app, "/en/offices/zwolle/book", { ...validBooking, slot: thursday, formKey: yesterday });
  t.equal(late.statusCode, 422, "a key 24 hours old has expired");
  t.match(mainText(late.body), "This form has expired.");
  t.equal(await db.booking.count(), 0);
  const inTime = await postForm(app, "/en/offices/zwolle/book", { ...validBooking, slot: thursday, formKey: younger });
  t.equal(inTime.statusCode, 303, "a younger one books");
  t.notMatch(location(inTime), younger, "and the manage link is not the form key");
  t.equal((await db.booking.findFirstOrThrow()).manageTokenHash, hashManageToken(tokenOf(inTime)));
});

t.test("oversized and wrongly typed requests get a clear 4xx page", async (t) => {
  const { app, db } = await buildTestApp(t, { now });
  const huge = await postForm(app, "/en/offices/zwolle/book", { ...validBooking, slot, note: "n".repeat(100_000) });
  t.equal(huge.statusCode, 413);
  t.match(huge.body, "<h1>Too much text</h1>");
  const json = await app.inject({ method: "POST", url: "/en/offices/zwolle/book", headers: { "content-type": "application/json" }, payload: "{}" });
  t.equal(json.statusCode, 415);
  t.match(json.body, "<h1>That did not work</h1>");
  const broken = await app.inject({
    method: "POST",
    url: "/en/offices/zwolle/book",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    payload: Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3d, 0xff, 0xfe, 0x25, 0x5a, 0x5a]),
  });
  t.ok(broken.statusCode >= 400 && broken.statusCode < 500, `invalid UTF-8 and escapes: ${broken.statusCode}`);
  t.equal(await db.booking.count(), 0);
});

t.test("a wrong or guessed manage token gets the same 404 as an unknown page", async (t) => {
  const { app, db } = await buildTestApp(t, { now });
  const office = await app.inject({ url: "/en/offices/zwolle" });
  const href = slotLinks(office.body)[0]!;
  const form = await app.inject({ url: href });
  const formKey = inputValue(form.body, "formKey");
  await postForm(app, "/en/offices/zwolle/book", { ...validBooking, slot: inputValue(form.body, "slot"), formKey });
  const booking = await db.booking.findFirstOrThrow();

  const unknownPage = await app.inject({ url: "/en/no-such-page" });
  const guesses = [formKey, newManageToken(), formKey.slice(0, -1) + (formKey.endsWith("A") ? "B" : "A"), "short", booking.code, booking.manageTokenHash];
  for (const guess of guesses) {
    for (const path of ["", "/confirmation", "/cancel"]) {
      const res = await app.inject({ url: `/en/booking/${guess}${path}` });
      t.equal(res.statusCode, 404);
      t.equal(res.body, unknownPage.body, "identical to any unknown page: no hint whether it exists");
    }
    const post = await app.inject({ method: "POST", url: `/en/booking/${guess}/cancel` });
    t.equal(post.statusCode, 404);
  }
  t.equal((await db.booking.findFirstOrThrow()).status, "BOOKED", "nothing was cancelled");
});

t.test("no response is a 5xx and nothing is logged with personal data or tokens", async (t) => {
  const { app, logs } = await buildTestApp(t, { now });
  const form = await openForm(app);
  const res = await postForm(app, "/en/offices/zwolle/book", { ...validBooking, ...form, name: "Zarina Qoyilova", email: "zarina.q@example.org", phone: "+31 6 2876 5432", note: "bring my daughter" });
  t.equal(res.statusCode, 303);
  await app.inject({ url: res.headers.location as string });
  const all = logs.join("");
  t.ok(all.length > 0, "requests were logged");
  for (const secret of ["Zarina", "zarina.q@example.org", "9876", "daughter", form.formKey, tokenOf(res)]) {
    t.notMatch(all, secret, `logs do not contain ${secret === form.formKey ? "the form key" : secret === tokenOf(res) ? "the manage token" : secret}`);
  }
  t.notMatch(all, "remoteAddress", "no IP addresses in request logs");
});

t.test("text that is not UTF-8 is refused, not stored as replacement characters", async (t) => {
  const { app, db } = await buildTestApp(t, { now });
  const notUtf8 = Buffer.from([0xff, 0xfe, 0xc0, 0xaf]);
  const caseworker = { orgType: "municipality", orgName: "Gemeente Zwolle", caseworkerName: "Sanne", caseworkerEmail: "sanne@example.org" };
  for (const [path, extra] of [["/en/offices/zwolle/book", {}], ["/en/caseworker/offices/zwolle/book", caseworker]] as const) {
    for (const field of ["name", "note", ...(path.includes("caseworker") ? ["orgName", "caseworkerName"] : [])]) {
      const { formKey } = await openForm(app);
      const fields = new URLSearchParams({ ...validBooking, ...extra, slot, formKey });
      fields.delete(field);
      const payload = Buffer.concat([Buffer.from(`${fields.toString()}&${field}=`), notUtf8]);
      const res = await app.inject({ method: "POST", url: path, headers: { "content-type": "application/x-www-form-urlencoded" }, payload });
      t.equal(res.statusCode, 422, `${path} ${field}`);
      t.match(res.body, `href="#field-${field}"`, `${field}: the summary names the field`);
    }
  }
  t.equal(await db.booking.count(), 0, "nothing was booked");
});
