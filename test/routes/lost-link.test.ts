// "Lost your link?": the booking code and the contact given at booking send the manage
// link again — by email to a real SMTP server, or as a text message row in the outbox —
// and every well-formed request gets the same answer, matched or not, limited or not, and
// no sooner than a fixed time after it arrived.
// The limits are counted in the engine's shared store, so this file runs on PostgreSQL too.
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import t from "tap";
import { formatBookingCode } from "../../src/i18n/format.ts";
import { newManageToken } from "../../src/domain/booking/manage-token.ts";
import { cancelBooking } from "../../src/domain/booking/cancel-booking.ts";
import { readCatalogue } from "../../src/i18n/catalogue.ts";
import { locales } from "../../src/i18n/locales.ts";
import { LOST_LINK_ANSWER_MS } from "../../src/routes/public/lost-link.ts";
import { axeViolations } from "../helpers/axe.ts";
import { buildTestApp } from "../helpers/app.ts";
import { book } from "../helpers/bookings.ts";
import { sharedChromium, skipWithoutChromium } from "../helpers/browser.ts";
import { onPostgres } from "../helpers/database.ts";
import { mainText, postForm } from "../helpers/forms.ts";
import { startSmtp } from "../helpers/smtp.ts";
import { signedIn } from "../helpers/staff.ts";

const now = "2026-11-30T08:00:00Z";
/** Lifted for the tests that are not about the visitor's own budget. */
const manyVisits = { RATE_LIMIT_LOST_LINK: "1000" };

/** The i-th place in Amsterdam (Tuesday and Friday 10:00–13:00, 20 minutes, two places). */
function amsterdamPlace(i: number): string {
  const days = [Date.UTC(2026, 11, 1, 9), Date.UTC(2026, 11, 4, 9), Date.UTC(2026, 11, 8, 9)];
  const day = days[Math.floor(i / 18)]!;
  return new Date(day + Math.floor((i % 18) / 2) * 20 * 60_000).toISOString();
}

const ask = (app: FastifyInstance, fields: Record<string, string | string[]>, lang = "nl") => postForm(app, `/${lang}/lost-link`, fields);

/** Everything a visitor receives, but the Date header. */
function answer(response: LightMyRequestResponse) {
  const { date: _date, ...headers } = response.headers;
  return { status: response.statusCode, headers, body: response.body };
}

const linkRows = (app: FastifyInstance) => app.db.outboxMessage.findMany({ where: { kind: "link" }, orderBy: { id: "asc" } });

t.test("the code as typed and the email given at booking send the short link by email, in the booking's language", async (t) => {
  const smtp = await startSmtp(t);
  const { app, db, clock } = await buildTestApp(t, { now, env: { ...smtp.env(), ...manyVisits } });
  const token = newManageToken();
  const booking = await book(app, "zwolle", "2026-12-01T09:00:00.000Z", { token, locale: "fr", name: "Amina", email: "Amina@Example.org", phone: "06 1234 5678" });
  const typed = formatBookingCode(booking.code).toLowerCase().replace("-", " ");
  // The confirmation goes out first; what follows is only the link.
  await app.outbox.runOnce();
  smtp.received.splice(0);

  const response = await ask(app, { code: ` ${typed} `, contact: " amina@EXAMPLE.org " }, "en");
  t.equal(response.statusCode, 303);
  t.equal(response.headers.location, "/en/lost-link/sent");
  t.equal(response.headers["cache-control"], "no-store");
  const sent = await app.inject({ url: "/en/lost-link/sent" });
  t.equal(sent.statusCode, 200);
  t.match(sent.body, "If the code and the phone number or email address match an appointment, we have sent the link again.");

  const rows = await linkRows(app);
  t.equal(rows.length, 1);
  t.match(rows[0], { bookingId: booking.id, kind: "link", audience: "client", channel: "email", recipient: "Amina@Example.org", locale: "fr", status: "PENDING" });
  t.same(await app.outbox.runOnce(), { sent: 1, retrying: 0, failed: 0, dropped: 0 });
  t.equal(smtp.received.length, 1, "exactly one email");
  const mail = smtp.received[0]!;
  t.same(mail.to.map((a) => a.toLowerCase()), ["amina@example.org"]);
  t.equal(mail.parsed.subject, "Le lien vers votre rendez-vous du mardi 1 décembre à 10:00");
  t.notMatch(`${mail.parsed.subject} ${mail.parsed.from?.text}`, /migra|return|retour|IOM/i, "neutral subject and sender");
  const text = mail.parsed.text ?? "";
  t.match(text, "Vous avez demandé encore une fois le lien vers votre rendez-vous. Le voici.");
  t.match(text, `https://spreekuur.test/b/${token}`, "the short manage link");
  t.notMatch(text, `/fr/booking/${token}`, "not the long one");
  t.match(text, `Code du rendez-vous: ${formatBookingCode(booking.code)}`);
  t.match(text, "In het Nederlands\nLink naar de afspraak opnieuw gestuurd.");
  t.equal(mail.parsed.attachments.length, 0, "no calendar file");

  const audit = await db.auditEntry.findMany({ where: { action: "booking.link-sent" } });
  t.same(audit.map((a) => ({ actorType: a.actorType, entityId: a.entityId, detail: a.detail })), [{ actorType: "client", entityId: booking.id, detail: '{"channel":"email"}' }]);

  // Asked again within the hour: the same answer, and nothing more is sent.
  const again = await ask(app, { code: booking.code, contact: "amina@example.org" }, "en");
  t.same(answer(again), answer(response));
  t.equal((await linkRows(app)).length, 1, "no second link within the hour");
  // After the hour it can be asked for once more.
  clock.advance(61 * 60_000);
  await ask(app, { code: booking.code, contact: "amina@example.org" }, "en");
  t.equal((await linkRows(app)).length, 2, "a new hour, a new link");
});

t.test("the phone number given at booking, written another way, queues one text message with the booking's number in E.164", async (t) => {
  const { app, db, logs } = await buildTestApp(t, { now, env: manyVisits });
  const booking = await book(app, "zwolle", "2026-12-01T09:00:00.000Z", { locale: "ar", phone: "06 1234 5678", email: "amina@example.org" });
  const response = await ask(app, { code: formatBookingCode(booking.code), contact: "+31 6-12 34 56 78" }, "ar");
  t.equal(response.statusCode, 303);
  t.equal(response.headers.location, "/ar/lost-link/sent");
  const rows = await linkRows(app);
  t.equal(rows.length, 1);
  t.match(rows[0], { bookingId: booking.id, kind: "link", audience: "client", channel: "sms", recipient: "+31612345678", locale: "ar", status: "PENDING" });
  t.ok(rows[0]!.payload?.includes(booking.code), "the facts carry the booking code");
  const audit = await db.auditEntry.findFirstOrThrow({ where: { action: "booking.link-sent" } });
  t.equal(audit.detail, '{"channel":"sms"}');
  t.notMatch(JSON.stringify(audit), /3161234|amina/i, "no contact details in the audit log");

  // "0031 6 …" is the same number; the text already went this hour.
  await ask(app, { code: booking.code, contact: "0031612345678" }, "ar");
  t.equal((await linkRows(app)).length, 1);
  t.notMatch(logs.join(""), /3161234|612345678|amina/i, "no contact details in the log");

  // Staff see what went out, and why.
  const { browser: officer } = await signedIn(app, db, { role: "OFFICER", offices: ["zwolle"] });
  const outbox = mainText((await officer.get("/staff/outbox")).body);
  t.match(outbox, "Link sent again Client +31612345678 (by text message) Waiting");
  const detail = mainText((await officer.get(`/staff/bookings/${booking.id}`)).body);
  t.match(detail, "Link sent again by text message, on request");
  t.match(detail, "Link sent again");
  const { browser: admin } = await signedIn(app, db, { role: "ADMIN" });
  t.match(mainText((await admin.get("/staff/audit")).body), "Link sent again on request");
});

t.test("a wrong code or contact, or a booking that is not active, sends nothing and gets the identical answer", async (t) => {
  const { app, clock } = await buildTestApp(t, { now, env: manyVisits });
  const booking = await book(app, "zwolle", "2026-12-01T09:00:00.000Z", { email: "amina@example.org", phone: "0612345678" });
  const cancelled = await book(app, "zwolle", "2026-12-01T09:20:00.000Z", { email: "amina@example.org" });
  await cancelBooking(app.deps, { actor: { type: "client" }, bookingId: cancelled.id, by: "client" }, app.clock.now());
  const viaCaseworker = await book(app, "zwolle", "2026-12-01T09:40:00.000Z", {
    email: "amina@example.org",
    referrer: { orgType: "municipality", orgName: "Gemeente", name: "Worker", email: "worker@example.org", contactViaReferrer: true },
  });
  const other = await book(app, "zwolle", "2026-12-01T10:00:00.000Z", { email: "someone@example.org" });
  // The code of another booking of this office that nobody holds.
  const unknown = booking.code === "K7MX4QPB" ? "K7MX4QPC" : "K7MX4QPB";

  const asked = [
    { code: unknown, contact: "amina@example.org" },
    { code: booking.code, contact: "amina@example.com" },
    { code: booking.code, contact: "0612345679" },
    { code: other.code, contact: "amina@example.org" },
    { code: cancelled.code, contact: "amina@example.org" },
    { code: viaCaseworker.code, contact: "amina@example.org" },
  ];
  const answers = [];
  // How long each answer took: never less than the floor, matched or not (a lower bound only).
  const took: number[] = [];
  const timed = async (fields: Record<string, string>) => {
    const start = performance.now();
    const response = await ask(app, fields);
    took.push(performance.now() - start);
    return response;
  };
  for (const fields of asked) answers.push(answer(await timed(fields)));
  t.equal((await linkRows(app)).length, 0, "nothing queued");
  // Those spent the hour's budget of the code and of the address; an hour later:
  clock.advance(61 * 60_000);
  const matched = answer(await timed({ code: booking.code, contact: "amina@example.org" }));
  t.equal((await linkRows(app)).length, 1, "the one that matches is queued");
  for (const [i, a] of answers.entries()) t.same(a, matched, `answer ${i} is the matched one's`);
  // A timer may fire a millisecond early; the floor is 250 ms, far above the work either way.
  t.same(took.filter((ms) => ms < LOST_LINK_ANSWER_MS - 2), [], `every answer, matched or not, took at least ${LOST_LINK_ANSWER_MS} ms`);

  // After the appointment the link is not sent again either.
  clock.set("2026-12-01T10:30:00Z");
  await ask(app, { code: other.code, contact: "someone@example.org" });
  t.equal((await linkRows(app)).length, 1);
});

// Not about the engine: on SQLite only.
if (!onPostgres) t.test("malformed input gets the form again with clear messages, changes nothing and is never a 5xx", async (t) => {
  const { app } = await buildTestApp(t, { now, env: manyVisits });
  const form = await app.inject({ url: "/nl/lost-link" });
  t.equal(form.statusCode, 200);
  t.match(form.body, '<form method="post" action="/nl/lost-link"');
  t.notMatch(form.body, "<script", "no JavaScript");

  const cases: Array<[Record<string, string | string[]>, string[]]> = [
    [{}, ["Vul uw afspraakcode in.", "Vul uw telefoonnummer of e-mailadres in."]],
    [{ code: "  ", contact: "" }, ["Vul uw afspraakcode in.", "Vul uw telefoonnummer of e-mailadres in."]],
    [{ code: "hello", contact: "amina@example.org" }, ["Dit is geen afspraakcode."]],
    [{ code: "K7MX-4QP0", contact: "amina@example.org" }, ["Dit is geen afspraakcode."]],
    [{ code: "K7MX-4QPB", contact: "amina@" }, ["Dit e-mailadres klopt niet."]],
    [{ code: "K7MX-4QPB", contact: "bel me" }, ["Dit is geen telefoonnummer of e-mailadres."]],
    [{ code: "K7MX-4QPB", contact: "123" }, ["Dit is geen telefoonnummer of e-mailadres."]],
    [{ code: "K7MX-4QPB", contact: "0".repeat(5000) }, ["Dit is geen telefoonnummer of e-mailadres."]],
    [{ code: ["K7MX-4QPB", "K7MX-4QPC"], contact: "amina@example.org" }, ["Vul uw afspraakcode in."]],
    [{ code: "K7MX\u0000QPB", contact: "amina@exa\u0007mple.org" }, ["Dit is geen afspraakcode.", "Dit e-mailadres klopt niet."]],
  ];
  for (const [fields, messages] of cases) {
    const response = await ask(app, fields);
    t.equal(response.statusCode, 422, JSON.stringify(fields).slice(0, 80));
    t.equal(response.headers["cache-control"], "no-store");
    t.match(response.body, 'class="error-summary"');
    for (const message of messages) t.match(response.body, message);
  }
  const english = await ask(app, { code: "x", contact: "y" }, "en");
  t.match(english.body, "This is not a booking code.");
  const odd = await app.inject({ method: "POST", url: "/nl/lost-link", headers: { "content-type": "application/json" }, payload: "{}" });
  t.ok(odd.statusCode >= 400 && odd.statusCode < 500, `JSON body: ${odd.statusCode}`);
  const broken = await app.inject({ method: "POST", url: "/nl/lost-link", headers: { "content-type": "application/x-www-form-urlencoded" }, payload: "code=%E0%A4%A&contact=%ff" });
  t.ok(broken.statusCode < 500, `broken encoding: ${broken.statusCode}`);
  t.equal((await app.inject({ url: "/xx/lost-link" })).statusCode, 404);
  t.equal(await app.db.outboxMessage.count(), 0, "nothing queued");
  t.equal(await app.db.auditEntry.count({ where: { action: "booking.link-sent" } }), 0);
});

t.test("twenty identical requests at once send exactly one email", async (t) => {
  const smtp = await startSmtp(t);
  const { app } = await buildTestApp(t, { now, env: { ...smtp.env(), ...manyVisits } });
  const booking = await book(app, "zwolle", "2026-12-01T09:00:00.000Z", { email: "amina@example.org" });
  await app.outbox.runOnce();
  smtp.received.splice(0);
  const responses = await Promise.all(Array.from({ length: 20 }, () => ask(app, { code: booking.code, contact: "amina@example.org" })));
  t.same(new Set(responses.map((r) => JSON.stringify(answer(r)))).size, 1, "one answer for all");
  t.equal(responses[0]!.statusCode, 303);
  t.equal((await linkRows(app)).length, 1);
  await app.outbox.runOnce();
  t.equal(smtp.received.length, 1);
});

t.test("an address is asked about at most three times an hour, also by requests sent at once", async (t) => {
  const { app } = await buildTestApp(t, { now, env: manyVisits });
  // Twenty bookings (made at the desk) with one email address, each asked for once:
  // whichever three requests are counted first, each sends its own booking's link.
  const codes: string[] = [];
  for (let i = 0; i < 20; i++) codes.push((await book(app, "amsterdam", amsterdamPlace(i), { email: "amina@example.org" })).code);
  const responses = await Promise.all(codes.map((code) => ask(app, { code, contact: "amina@example.org" })));
  t.same(new Set(responses.map((r) => JSON.stringify(answer(r)))).size, 1, "one answer for all");
  t.equal((await linkRows(app)).length, 3, "three links, to three bookings");
  t.equal(new Set((await linkRows(app)).map((r) => r.bookingId)).size, 3);
});

t.test("a code is asked about at most three times an hour, whoever asks with whatever contact", async (t) => {
  const { app } = await buildTestApp(t, { now, env: manyVisits });
  const booking = await book(app, "zwolle", "2026-12-01T09:00:00.000Z", { email: "amina@example.org" });
  const guesses = await Promise.all(Array.from({ length: 20 }, (_, i) => ask(app, { code: booking.code, contact: `guess${i}@example.org` })));
  const right = await ask(app, { code: booking.code, contact: "amina@example.org" });
  t.same(answer(right), answer(guesses[0]!));
  t.equal((await linkRows(app)).length, 0, "the code's budget was spent by the guesses: nothing is sent");

  const fresh = await buildTestApp(t, { now, env: manyVisits });
  const other = await book(fresh.app, "zwolle", "2026-12-01T09:00:00.000Z", { email: "amina@example.org" });
  await ask(fresh.app, { code: other.code, contact: "guess1@example.org" });
  await ask(fresh.app, { code: other.code, contact: "guess2@example.org" });
  await ask(fresh.app, { code: other.code, contact: "amina@example.org" });
  t.equal((await linkRows(fresh.app)).length, 1, "two wrong guesses and the right one: within the budget");
});

t.test("one visitor's requests are counted too, at once, and answered alike", async (t) => {
  const { app } = await buildTestApp(t, { now, env: { RATE_LIMIT_LOST_LINK: "10" } });
  const bookings = [];
  for (let i = 0; i < 20; i++) bookings.push(await book(app, "amsterdam", amsterdamPlace(i), { email: `client${i}@example.org` }));
  const responses = await Promise.all(bookings.map((b, i) => ask(app, { code: b.code, contact: `client${i}@example.org` })));
  t.same(new Set(responses.map((r) => JSON.stringify(answer(r)))).size, 1, "no 429: one answer for all");
  t.equal((await linkRows(app)).length, 10, "ten links for ten requests within the budget");
});

if (!onPostgres) t.test("every catalogue has a short, neutral text message with the code and the link", async (t) => {
  for (const locale of locales) {
    const text = readCatalogue(locale).messages["sms.link"];
    t.type(text, "string", locale);
    if (typeof text !== "string") continue;
    t.match(text, "{code}", locale);
    t.match(text, "{link}", locale);
    t.notMatch(text, /IOM|migra|return|terug/i, `${locale}: neutral`);
    t.ok(text.length <= 50, `${locale}: short (${text.length} characters with the placeholders)`);
  }
});

if (!onPostgres) t.test("the pages have no axe violations, also with errors and in a right-to-left language", { skip: skipWithoutChromium }, async (t) => {
  const { app } = await buildTestApp(t, { now, env: { ...manyVisits, PUBLIC_URL: "http://127.0.0.1" } });
  const token = newManageToken();
  const booking = await book(app, "zwolle", "2026-12-01T09:00:00.000Z", { token, email: "amina@example.org" });
  const base = await app.listen({ port: 0, host: "127.0.0.1" });
  const browser = await sharedChromium(t);
  const page = await (await browser.newContext()).newPage();

  const check = async (what: string) => t.same(await axeViolations(page), [], what);
  for (const lang of ["nl", "en", "ar"]) {
    await page.goto(`${base}/${lang}/`);
    await check(`/${lang}/`);
    // From the home page, by the link, as a visitor would.
    await Promise.all([page.waitForURL(`${base}/${lang}/lost-link`), page.locator(`a[href="/${lang}/lost-link"]`).click()]);
    await check(`/${lang}/lost-link`);
    await Promise.all([page.waitForLoadState(), page.locator("form.lost-link-form button").click()]);
    t.equal(await page.locator(".error-summary li").count(), 2, `${lang}: two errors`);
    await check(`/${lang}/lost-link (sent empty)`);
    await page.fill("#field-code", booking.code.toLowerCase());
    await page.fill("#field-contact", "AMINA@example.org");
    await Promise.all([page.waitForURL(`${base}/${lang}/lost-link/sent`), page.locator("form.lost-link-form button").click()]);
    await check(`/${lang}/lost-link/sent`);
    await page.goto(`${base}/${lang}/booking/${token}/confirmation`);
    t.equal(await page.locator(`a[href="/${lang}/lost-link"]`).count(), 1, `${lang}: the confirmation leads to the form`);
    await check(`/${lang}/booking/…/confirmation`);
  }
  t.equal((await linkRows(app)).length, 1, "sent by the browser, once in the hour");
});
