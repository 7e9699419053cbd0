// The queue at the desk, driven through HTTP as a browser does: check-in by code (the
// scan field), queue numbers and tickets, call next and recall, the calling screen.
import t from "tap";
import { buildTestApp } from "../helpers/app.ts";
import { book } from "../helpers/bookings.ts";
import { inputValue, mainText } from "../helpers/forms.ts";
import { signedIn, type Browser } from "../helpers/staff.ts";

// Tuesday 1 December 2026 in Zwolle; the session runs 10:00–12:00 (six 20-minute slots).
const slot = (hhmm: string, day = "2026-12-01") => new Date(`${day}T${hhmm}:00+01:00`).toISOString();
const at = (hhmm: string) => new Date(`2026-12-01T${hhmm}:00+01:00`);
const typed = (code: string) => `${code.slice(0, 4).toLowerCase()} ${code.slice(4)}`;

async function setup(t: Parameters<typeof buildTestApp>[0]) {
  const built = await buildTestApp(t, { now: "2026-11-25T08:00:00Z" });
  const { app, db, clock } = built;
  const amina = await book(app, "zwolle", slot("10:00"), { name: "Amina" });
  const bat = await book(app, "zwolle", slot("10:40"), { name: "Bat-Erdene" });
  const thursday = await book(app, "zwolle", slot("13:00", "2026-12-03"), { name: "Thursday Person" });
  const gone = await book(app, "zwolle", slot("11:00"), { name: "Cancelled Person" });
  await db.booking.update({ where: { id: gone.id }, data: { status: "CANCELLED", seat: null, cancelledAt: clock.now() } });
  const elsewhere = await book(app, "amsterdam", slot("10:00"), { name: "Amsterdam Client" });
  clock.set(at("09:40"));
  const desk = await signedIn(app, db, { role: "RECEPTION", offices: ["zwolle"], email: "desk@iom.test", locale: "nl" });
  const zwolle = await db.office.findUniqueOrThrow({ where: { slug: "zwolle" } });
  const day = `/staff/offices/${zwolle.id}/day`;
  const scan = async (browser: Browser, code: string) => {
    const sent = await browser.post(`${day}/scan`, { code });
    if (sent.statusCode !== 303) throw new Error(`scan answered ${sent.statusCode}`);
    return { location: sent.headers.location as string, page: await browser.get(sent.headers.location as string) };
  };
  return { ...built, amina, bat, thursday, gone, elsewhere, desk, zwolle, day, scan };
}

const message = (html: string) => /<div class="(?:success|notice) (?:scan|call)-result" role="status">([\s\S]*?)<\/div>/.exec(html)?.[1]?.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim() ?? "";

t.test("scanning a code checks the client in once, gives a number, and answers every other case clearly", async (t) => {
  const { db, clock, desk, zwolle, day, scan, amina, thursday, gone, elsewhere } = await setup(t);
  const page = await desk.browser.get(day);
  t.match(page.body, /<input id="scan-code" name="code" type="text"[^>]* autofocus/, "the scan field has the focus when the list loads");
  t.match(page.body, /<script src="\/assets\/desk\.js\?v=\w+" defer><\/script>/, "the focus keeper is a file of the site");

  clock.set(at("09:50"));
  const first = await scan(desk.browser, typed(amina.code));
  t.equal(first.location, `${day}?scan=checked-in&booking=${amina.id}`);
  t.equal(message(first.page.body), "Ingecheckt: Amina, afspraak om 10:00. Wachtnummer Z-01. Bonnetje Z-01");
  const ticket = await db.queueTicket.findUniqueOrThrow({ where: { bookingId: amina.id } });
  t.same([ticket.date, ticket.number, ticket.officeId], ["2026-12-01", 1, zwolle.id]);
  t.equal((await db.booking.findUniqueOrThrow({ where: { id: amina.id } })).checkedInAt?.toISOString(), at("09:50").toISOString());
  t.match(first.page.body, new RegExp(`<a class="queue-number" href="${day}/tickets/${ticket.id}">Z-01</a>`), "the number on the row of the list");

  clock.set(at("09:52"));
  const again = await scan(desk.browser, `${amina.code.slice(0, 4)}-${amina.code.slice(4)}`);
  t.equal(message(again.page.body), "Amina (afspraak om 10:00) was al ingecheckt om 09:50. Wachtnummer Z-01. Bonnetje Z-01", "a second scan changes nothing");
  t.equal(await db.queueTicket.count(), 1);

  const before = { audit: await db.auditEntry.count(), bookings: JSON.stringify(await db.booking.findMany({ orderBy: { id: "asc" } })) };
  const answers: Array<[string, string]> = [
    [thursday.code, "Deze code is voor een andere dag: Thursday Person, donderdag 3 december 2026 om 13:00. Er is niets veranderd."],
    [gone.code, "Deze afspraak is afgezegd (Cancelled Person, dinsdag 1 december 2026 om 11:00). Er is niets veranderd."],
    [elsewhere.code, "Deze code is voor een ander kantoor: Amsterdam, dinsdag 1 december 2026. Er is niets veranderd."],
    ["ZZZZ-ZZZZ", "Deze code kennen we niet. Controleer de code en probeer het opnieuw."],
    ["K7MX-4QP", "Deze code kennen we niet. Controleer de code en probeer het opnieuw."],
    ["   ", "Scan of typ eerst een boekingscode."],
    ["https://spreekuur.test/b/0123456789abcdef0123456789abcdef", "Dat was de link naar de afspraak, niet de boekingscode. Scan de streepjescode met de code, of typ de code."],
  ];
  for (const [code, text] of answers) {
    const answer = await scan(desk.browser, code);
    t.equal(answer.page.statusCode, 200);
    t.equal(message(answer.page.body), text, `answer to ${JSON.stringify(code)}`);
  }
  t.notMatch((await scan(desk.browser, elsewhere.code)).page.body, "Amsterdam Client", "another office's client is not named");
  t.notMatch((await scan(desk.browser, "https://spreekuur.test/b/secret-token-value")).location, "secret", "the link is not echoed");
  t.equal(await db.auditEntry.count(), before.audit, "none of these wrote anything");
  t.equal(JSON.stringify(await db.booking.findMany({ orderBy: { id: "asc" } })), before.bookings);

  // A forged answer for another office's booking, or a booking that does not exist, shows no message.
  t.equal(message((await desk.browser.get(`${day}?scan=checked-in&booking=${elsewhere.id}`)).body), "");
  t.equal(message((await desk.browser.get(`${day}?scan=bogus&booking=${amina.id}`)).body), "");

  const ticketPage = await desk.browser.get(`${day}/tickets/${ticket.id}`);
  t.equal(ticketPage.statusCode, 200);
  t.match(mainText(ticketPage.body), "Zwolle — Wijkcentrum Holtenbroek Wachtnummer Z-01 dinsdag 1 december 2026, 09:50 Wacht tot uw nummer op het scherm staat. Wait until your number is on the screen.");
  t.notMatch(ticketPage.body, "Amina", "no name on the ticket");
  t.equal((await desk.browser.get(`${day}/tickets/999999`)).statusCode, 404);

  // Checked in without a number (before queue numbers, say): scanning gives one.
  await db.booking.update({ where: { id: thursday.id }, data: { startsAt: new Date(amina.startsAt.getTime() + 80 * 60_000), endsAt: new Date(amina.startsAt.getTime() + 100 * 60_000), checkedInAt: at("09:30") } });
  const late = await scan(desk.browser, thursday.code);
  t.equal(message(late.page.body), "Thursday Person (afspraak om 11:20) was al ingecheckt om 09:30. Wachtnummer Z-02. Bonnetje Z-02");

  const audit = await db.auditEntry.findMany({ where: { OR: [{ action: "ticket.given" }, { action: "booking.check-in" }] }, orderBy: { id: "asc" } });
  t.same(audit.map((a) => [a.action, a.actorId, a.detail]), [
    ["booking.check-in", desk.user.id, JSON.stringify({ status: "BOOKED" })],
    ["ticket.given", desk.user.id, JSON.stringify({ number: 1, booking: amina.id })],
    ["ticket.given", desk.user.id, JSON.stringify({ number: 2, booking: thursday.id })],
  ]);
});

t.test("walk-ins and the check-in button get numbers too; call next takes the due booking first, then by number", async (t) => {
  const { db, clock, desk, day, scan, amina, bat, zwolle } = await setup(t);
  clock.set(at("09:45"));
  const form = await desk.browser.get(`${day}/walk-in?slot=${slot("10:20")}`);
  const walkInFields = { slot: slot("10:20"), formKey: inputValue(form.body, "formKey"), name: "Senait", language: "ti", interpreter: "no" };
  t.equal((await desk.browser.post(`${day}/walk-in`, walkInFields)).statusCode, 303);
  t.equal((await desk.browser.post(`${day}/walk-in`, walkInFields)).statusCode, 303, "the same walk-in form twice");
  const senait = await db.booking.findFirstOrThrow({ where: { name: "Senait" } });
  t.equal(await db.queueTicket.count({ where: { bookingId: senait.id } }), 1, "one number for one walk-in");
  clock.set(at("09:50"));
  await scan(desk.browser, amina.code);
  clock.set(at("09:55"));
  t.equal((await desk.browser.post(`${day}/bookings/${bat.id}/check-in`)).statusCode, 303);
  const numbers = await db.queueTicket.findMany({ orderBy: { number: "asc" }, select: { number: true, bookingId: true } });
  t.same(numbers, [{ number: 1, bookingId: senait.id }, { number: 2, bookingId: amina.id }, { number: 3, bookingId: bat.id }]);

  clock.set(at("10:05"));
  let page = await desk.browser.get(day);
  t.match(mainText(page.body), "Wacht het langst: Z-01 Senait, sinds 09:45 (20 minuten).");
  const waitingRows = [...page.body.matchAll(/<tr id="ticket-\d+">([\s\S]*?)<\/tr>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim());
  t.same(waitingRows, ["Z-02 Amina 10:00 09:50 15 minuten", "Z-01 Senait inloop 09:45 20 minuten langst", "Z-03 Bat-Erdene 10:40 09:55 10 minuten"], "Amina's time has come: she goes first");

  const seen = inputValue(page.body, "seen");
  t.equal(seen, "none");
  const noDesk = await desk.browser.post(`${day}/call-next`, { seen, to: "<b>" });
  t.equal(noDesk.headers.location, `${day}?call=desk#queue`);
  t.equal(message((await desk.browser.get(noDesk.headers.location as string)).body), "Vul de kamer of balie in (letters en cijfers, hoogstens 20), bijvoorbeeld Balie 2.");
  t.equal(await db.queueTicket.count({ where: { calledAt: { not: null } } }), 0, "nobody called without a desk");

  const called = await desk.browser.post(`${day}/call-next`, { seen, to: "Balie 2" });
  const twice = await desk.browser.post(`${day}/call-next`, { seen, to: "Balie 2" });
  const aminaTicket = await db.queueTicket.findUniqueOrThrow({ where: { bookingId: amina.id } });
  t.equal(called.headers.location, `${day}?call=called&ticket=${aminaTicket.id}#queue`);
  t.equal(message((await desk.browser.get(called.headers.location as string)).body), "Opgeroepen: Z-02 (Amina) naar Balie 2.");
  t.equal(twice.headers.location, `${day}?call=stale&ticket=${aminaTicket.id}#queue`, "the same form twice calls nobody else");
  t.equal(message((await desk.browser.get(twice.headers.location as string)).body), "Er was net een andere oproep: Z-02 (Amina) naar Balie 2. Er is niemand anders opgeroepen; druk nog eens om de volgende op te roepen.");
  t.same((await db.queueTicket.findMany({ where: { calledAt: { not: null } } })).map((x) => [x.number, x.calledTo, x.calls, x.calledBy]), [[2, "Balie 2", 1, desk.user.id]]);

  page = await desk.browser.get(day);
  t.equal(inputValue(page.body, "to"), "Balie 2", "the desk's next call goes to the same desk");
  clock.set(at("10:06"));
  await desk.browser.post(`${day}/call-next`, { seen: inputValue(page.body, "seen"), to: "Balie 2" });
  const recallFields = { calls: "1", to: "Balie 2" };
  const recall = await desk.browser.post(`${day}/tickets/${aminaTicket.id}/recall`, recallFields);
  t.equal(recall.headers.location, `${day}?call=recalled&ticket=${aminaTicket.id}#queue`);
  await desk.browser.post(`${day}/tickets/${aminaTicket.id}/recall`, recallFields);
  const recalled = await db.queueTicket.findUniqueOrThrow({ where: { id: aminaTicket.id } });
  t.same([recalled.calls, recalled.calledAt?.toISOString()], [2, at("10:06").toISOString()], "a recall sent twice counts once");
  page = await desk.browser.get(day);
  t.equal(await db.queueTicket.count({ where: { calledAt: null } }), 1);
  await desk.browser.post(`${day}/call-next`, { seen: inputValue(page.body, "seen"), to: "Balie 2" });
  page = await desk.browser.get(day);
  const none = await desk.browser.post(`${day}/call-next`, { seen: inputValue(page.body, "seen"), to: "Balie 2" });
  t.equal(none.headers.location, `${day}?call=nobody#queue`);
  t.equal(message((await desk.browser.get(none.headers.location as string)).body), "Er wacht niemand met een nummer.");
  const order = await db.queueTicket.findMany({ where: { officeId: zwolle.id }, orderBy: { number: "asc" }, select: { number: true, calls: true } });
  t.same(order, [{ number: 1, calls: 1 }, { number: 2, calls: 2 }, { number: 3, calls: 1 }], "everyone called once, Amina twice");

  const audit = await db.auditEntry.findMany({ where: { entityType: "ticket" }, orderBy: { id: "asc" } });
  t.same(audit.map((a) => a.action), ["ticket.given", "ticket.given", "ticket.given", "ticket.called", "ticket.called", "ticket.recalled", "ticket.called"]);
  for (const name of ["Amina", "Senait", "Bat-Erdene"]) t.notMatch(JSON.stringify(await db.auditEntry.findMany()), name, `no ${name} in the audit log`);
});

t.test("the calling screen: its own link per office, numbers and desks only, replaced by a new link", async (t) => {
  const { app, db, clock, desk, day, scan, amina, zwolle } = await setup(t);
  t.equal((await desk.browser.get(`/staff/offices/${zwolle.id}/screen-link`)).statusCode, 403, "reception does not make screen links");
  t.notMatch((await desk.browser.get(day)).body, "/screen-link", "nor is offered the page");
  const officer = await signedIn(app, db, { role: "OFFICER", offices: ["zwolle"], email: "officer@iom.test", locale: "en" });
  const empty = await officer.browser.get(`/staff/offices/${zwolle.id}/screen-link`);
  t.match(mainText(empty.body), "There is no link yet.");
  const made = await officer.browser.post(`/staff/offices/${zwolle.id}/screen-link`);
  t.equal(made.statusCode, 200);
  const link = /<code class="secret-link">https:\/\/spreekuur\.test(\/screen\/[A-Za-z0-9_-]{43})<\/code>/.exec(made.body)?.[1];
  if (!link) throw new Error("no screen link on the page");
  t.notMatch((await officer.browser.get(`/staff/offices/${zwolle.id}/screen-link`)).body, link, "the link is shown once");
  const stored = await db.callingScreen.findUniqueOrThrow({ where: { officeId: zwolle.id } });
  t.notMatch(stored.tokenHash, link.slice(8), "only a hash is stored");

  let screen = await app.inject({ url: link });
  t.equal(screen.statusCode, 200);
  t.match(screen.headers["cache-control"], "no-store");
  t.match(screen.body, '<noscript><meta http-equiv="refresh" content="5"></noscript>', "it reloads itself without JavaScript");
  t.match(screen.body, "Nog niemand opgeroepen.");
  t.same(JSON.parse((await app.inject({ url: `${link}/calls.json` })).body), { current: null, previous: [] });

  clock.set(at("10:01"));
  await scan(desk.browser, amina.code);
  const page = await desk.browser.get(day);
  await desk.browser.post(`${day}/call-next`, { seen: inputValue(page.body, "seen"), to: "Kamer 1.04" });
  const ticket = await db.queueTicket.findUniqueOrThrow({ where: { bookingId: amina.id } });
  screen = await app.inject({ url: link });
  const text = screen.body.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
  t.match(text, "Oproepen Zwolle — Wijkcentrum Holtenbroek Nummer Z-01 Ga naar Kamer 1.04 Nog niemand opgeroepen.");
  t.notMatch(screen.body, "Amina", "no name on the screen");
  t.notMatch(screen.body, amina.code, "no booking code on the screen");
  t.same(JSON.parse((await app.inject({ url: `${link}/calls.json` })).body), { current: { id: `${ticket.id}.1`, number: "Z-01", to: "Kamer 1.04" }, previous: [] });

  await officer.browser.post(`/staff/offices/${zwolle.id}/screen-link`);
  t.equal((await app.inject({ url: link })).statusCode, 404, "a new link replaces the old one");
  t.equal((await app.inject({ url: `${link}/calls.json` })).statusCode, 404);
  const unknown = await app.inject({ url: "/screen/not-a-token" });
  t.same([unknown.statusCode, unknown.headers["content-type"]], [404, "text/html; charset=utf-8"], "the 404 page of any unknown address");
  const audit = await db.auditEntry.findMany({ where: { action: "office.screen-link" }, orderBy: { id: "asc" } });
  t.same(audit.map((a) => [a.entityId, a.actorId, a.detail]), [[zwolle.id, officer.user.id, '{"replaced":false}'], [zwolle.id, officer.user.id, '{"replaced":true}']]);
});
