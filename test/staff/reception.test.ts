import t from "tap";
import { buildTestApp } from "../helpers/app.ts";
import { book } from "../helpers/bookings.ts";
import { inputValue, mainText } from "../helpers/forms.ts";
import { signedIn, type Browser } from "../helpers/staff.ts";

// Tuesday 1 December 2026, 09:00 in Zwolle; the session runs 10:00–12:00 (six 20-minute slots).
const now = "2026-12-01T08:00:00Z";
const slot = (hhmm: string) => new Date(`2026-12-01T${hhmm}:00+01:00`).toISOString();

/** Opens the walk-in form for a slot and sends it with the form's one-time key, as a browser does. */
async function sendWalkIn(browser: Browser, officeId: number, at: string, fields: Record<string, string>) {
  const form = await browser.get(`/staff/offices/${officeId}/day/walk-in?slot=${at}`);
  const formKey = /name="formKey" value="([^"]+)"/.exec(form.body)?.[1] ?? "";
  return browser.post(`/staff/offices/${officeId}/day/walk-in`, { slot: at, formKey, ...fields });
}

async function setup(t: Parameters<typeof buildTestApp>[0]) {
  const built = await buildTestApp(t, { now: "2026-11-25T08:00:00Z" });
  const { app, db, clock } = built;
  const amina = await book(app, "zwolle", slot("10:00"), { name: "Amina", language: "ar", interpreterNeeded: true, phone: "+31 6 1111 2222", email: "amina@example.org", note: "comes with two children" });
  const bat = await book(app, "zwolle", slot("10:40"), { name: "Bat-Erdene", language: "mn", channel: "CASEWORKER", referrer: { orgType: "refugee-council", orgName: "VluchtelingenWerk", name: "Joke", email: "joke@vwn.example", contactViaReferrer: true } });
  const gone = await book(app, "zwolle", slot("11:00"), { name: "Cancelled Person" });
  await db.booking.update({ where: { id: gone.id }, data: { status: "CANCELLED", seat: null } });
  clock.set(now);
  const desk = await signedIn(app, db, { role: "RECEPTION", offices: ["zwolle"], email: "desk@iom.test", locale: "nl" });
  const zwolle = await db.office.findUniqueOrThrow({ where: { slug: "zwolle" } });
  return { ...built, amina, bat, desk, zwolle };
}

t.test("the day list shows every session and slot in time order with bookings and free places", async (t) => {
  const { desk, zwolle, amina, bat } = await setup(t);
  const start = await desk.browser.get("/staff/day");
  t.equal(start.headers.location, `/staff/offices/${zwolle.id}/day`, "today at the user's office");
  const page = await desk.browser.get(`/staff/offices/${zwolle.id}/day`);
  t.equal(page.statusCode, 200);
  const text = mainText(page.body);
  t.match(text, "Daglijst: Zwolle — Wijkcentrum Holtenbroek");
  t.match(text, "dinsdag 1 december 2026 (vandaag)");
  t.match(text, "Spreekuur 10:00–12:00");
  t.match(text, "4 vrije plaatsen");
  const rows = [...page.body.matchAll(/<tr (?:id="booking-\d+" )?class="(state-\w+|free)">([\s\S]*?)<\/tr>/g)].map((m) =>
    m[2]!.replace(/<form[\s\S]*?<\/form>/g, "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim(),
  );
  t.same(rows, [
    `10:00 ${amina.code.slice(0, 4)}-${amina.code.slice(4)} Amina Arabisch (العربية) ja zelf verwacht`,
    "10:20 Vrije plaats Inloop toevoegen 10:20",
    `10:40 ${bat.code.slice(0, 4)}-${bat.code.slice(4)} Bat-Erdene Mongools (Монгол) nee hulpverlener: VluchtelingenWerk verwacht`,
    "11:00 Vrije plaats Inloop toevoegen 11:00",
    "11:20 Vrije plaats Inloop toevoegen 11:20",
    "11:40 Vrije plaats Inloop toevoegen 11:40",
  ]);
  t.notMatch(page.body, "amina@example.org", "no contact details on the day list");
  t.notMatch(page.body, "children", "no notes on the day list");
  t.match(text, "Geboekt 2 Aangekomen 0 Inloop 0 Niet gekomen 0 Afgezegd 1 Wachtlijst 0");
});

t.test("check-in, seen, no-show and undo; a second check-in changes nothing; another desk sees it on reload", async (t) => {
  const { app, db, clock, desk, zwolle, amina, bat } = await setup(t);
  const other = await signedIn(app, db, { role: "OFFICER", offices: ["zwolle"], email: "officer@iom.test", locale: "en" });
  const act = (id: number, action: string) => desk.browser.post(`/staff/offices/${zwolle.id}/day/bookings/${id}/${action}`);
  clock.set("2026-12-01T08:25:00Z");
  const first = await act(amina.id, "check-in");
  t.equal(first.statusCode, 303);
  t.equal(first.headers.location, `/staff/offices/${zwolle.id}/day?date=2026-12-01#booking-${amina.id}`);
  clock.set("2026-12-01T08:28:00Z");
  await act(amina.id, "check-in");
  const row = await db.booking.findUniqueOrThrow({ where: { id: amina.id } });
  t.equal(row.checkedInAt?.toISOString(), "2026-12-01T08:25:00.000Z", "double check-in keeps the first arrival time");
  const seen = mainText((await other.browser.get(`/staff/offices/${zwolle.id}/day`)).body);
  t.match(seen, "arrived 09:25", "the other user sees the arrival on reload");
  await act(amina.id, "attended");
  clock.set("2026-12-01T09:45:00Z"); // 10:45: Bat-Erdene's 10:40 has come
  await desk.browser.signIn("desk@iom.test");
  await act(bat.id, "no-show");
  let text = mainText((await desk.browser.get(`/staff/offices/${zwolle.id}/day`)).body);
  t.match(text, "Amina Arabisch (العربية) ja zelf gezien");
  t.match(text, "hulpverlener: VluchtelingenWerk niet gekomen");
  t.match(text, "Geboekt 2 Aangekomen 1 Inloop 0 Niet gekomen 1 Afgezegd 1");
  await act(bat.id, "undo");
  text = mainText((await desk.browser.get(`/staff/offices/${zwolle.id}/day`)).body);
  t.match(text, "hulpverlener: VluchtelingenWerk verwacht", "undo of a mistaken no-show");
  const bad = await desk.browser.post(`/staff/offices/${zwolle.id}/day/bookings/${amina.id}/delete`);
  t.equal(bad.statusCode, 404, "unknown action");
});

t.test("arrival and outcome wait for the day: a later day's list offers no marks and refuses them", async (t) => {
  const { app, db, desk, zwolle } = await setup(t);
  // Thursday 3 December, 13:00 in Zwolle: two days ahead.
  const later = await book(app, "zwolle", "2026-12-03T12:00:00.000Z", { name: "Later" });
  const code = `${later.code.slice(0, 4)}-${later.code.slice(4)}`;
  const page = await desk.browser.get(`/staff/offices/${zwolle.id}/day?date=2026-12-03`);
  t.equal(page.statusCode, 200);
  t.match(mainText(page.body), `13:00 ${code} Later Krijgt geen berichten Arabisch (العربية) nee zelf verwacht`, "a client without contact is marked");
  t.notMatch(page.body, `/day/bookings/${later.id}/`, "no check-in or no-show buttons before the day");
  for (const action of ["check-in", "no-show", "attended"]) {
    const response = await desk.browser.post(`/staff/offices/${zwolle.id}/day/bookings/${later.id}/${action}`);
    t.equal(response.statusCode, 303, action);
    t.equal(response.headers.location, `/staff/offices/${zwolle.id}/day?date=2026-12-03#booking-${later.id}`);
  }
  t.match(await db.booking.findUniqueOrThrow({ where: { id: later.id } }), { status: "BOOKED", checkedInAt: null, outcomeAt: null }, "nothing was marked");
  t.equal(await db.auditEntry.count({ where: { entityType: "booking", entityId: later.id, actorType: "staff" } }), 0, "and nothing audited");
  t.match(mainText((await desk.browser.get(`/staff/offices/${zwolle.id}/day?date=2026-12-03`)).body), "Geboekt 1 Aangekomen 0 Inloop 0 Niet gekomen 0");
});

t.test("walk-ins take a free place, or join the waiting list when the session is full", async (t) => {
  const { app, db, clock, desk, zwolle } = await setup(t);
  clock.set("2026-12-01T09:25:00Z"); // 10:25: the 10:20 slot is under way and still free
  await desk.browser.signIn("desk@iom.test");
  const form = await desk.browser.get(`/staff/offices/${zwolle.id}/day/walk-in?slot=${slot("10:20")}`);
  t.equal(form.statusCode, 200);
  t.match(mainText(form.body), "Inloop toevoegen");
  const missing = await sendWalkIn(desk.browser, zwolle.id, slot("10:20"), { name: "", language: "ti", interpreter: "yes" });
  t.equal(missing.statusCode, 422);
  t.match(mainText(missing.body), "Vul een naam of schuilnaam in.");
  const added = await sendWalkIn(desk.browser, zwolle.id, slot("10:20"), { name: "Senait", language: "ti", interpreter: "yes" });
  t.equal(added.statusCode, 303);
  const walkIn = await db.booking.findFirstOrThrow({ where: { name: "Senait" } });
  t.same([walkIn.channel, walkIn.seat, walkIn.language, walkIn.interpreterNeeded], ["WALK_IN", 1, "ti", true]);
  t.equal(walkIn.checkedInAt?.toISOString(), "2026-12-01T09:25:00.000Z", "a walk-in is at the desk: checked in when added");
  const over = await sendWalkIn(desk.browser, zwolle.id, slot("10:00"), { name: "Late", language: "nl", interpreter: "no" });
  t.equal(over.statusCode, 422);
  t.match(mainText(over.body), "Deze plaats kan niet meer: de tijd is voorbij.");
  const taken = await sendWalkIn(desk.browser, zwolle.id, slot("10:20"), { name: "Twice", language: "nl", interpreter: "no" });
  t.match(mainText(taken.body), "Deze plaats is net bezet.");

  for (const hhmm of ["11:00", "11:20"]) {
    await sendWalkIn(desk.browser, zwolle.id, slot(hhmm), { name: `W${hhmm}`, language: "nl", interpreter: "no" });
  }
  const oneLeft = mainText((await desk.browser.get(`/staff/offices/${zwolle.id}/day`)).body);
  t.match(oneLeft, "Spreekuur 10:00–12:00 1 vrije plaats ", "one free place, in the singular");
  await sendWalkIn(desk.browser, zwolle.id, slot("11:40"), { name: "W11:40", language: "nl", interpreter: "no" });
  const full = await desk.browser.get(`/staff/offices/${zwolle.id}/day`);
  t.match(mainText(full.body), "0 vrije plaatsen");
  t.match(full.body, `/staff/offices/${zwolle.id}/day/waiting?date=2026-12-01&amp;session=10:00`, "the waiting list is offered");
  const waitingForm = await desk.browser.get(`/staff/offices/${zwolle.id}/day/waiting?date=2026-12-01&session=10:00`);
  const waitingFields = { date: "2026-12-01", session: "10:00", formKey: inputValue(waitingForm.body, "formKey"), name: "Giorgi", language: "ka", interpreter: "yes" };
  const waiting = await desk.browser.post(`/staff/offices/${zwolle.id}/day/waiting`, waitingFields);
  t.equal(waiting.statusCode, 303);
  const again = await desk.browser.post(`/staff/offices/${zwolle.id}/day/waiting`, waitingFields);
  t.same([again.statusCode, again.headers.location], [303, waiting.headers.location], "the same form twice adds Giorgi once");
  t.equal(await db.waitingListEntry.count(), 1);
  const keyless = await desk.browser.post(`/staff/offices/${zwolle.id}/day/waiting`, { ...waitingFields, formKey: "" });
  t.equal(keyless.statusCode, 422, "a form without its key is sent back");
  t.equal(await db.waitingListEntry.count(), 1);
  const entry = await db.waitingListEntry.findFirstOrThrow();
  t.same([entry.name, entry.sessionStart, entry.status], ["Giorgi", "10:00", "waiting"]);
  await desk.browser.post(`/staff/offices/${zwolle.id}/day/waiting/${entry.id}/seen`);
  const text = mainText((await desk.browser.get(`/staff/offices/${zwolle.id}/day`)).body);
  t.match(text, "Giorgi – Georgisch (ქართული), Tolk: ja – gezien");
  t.match(text, "Geboekt 2 Aangekomen 4 Inloop 4 Niet gekomen 0 Afgezegd 1 Wachtlijst 0", "the walk-ins arrived; the booked clients not yet");
  const audit = await app.db.auditEntry.findMany({ where: { actorType: "staff" } });
  t.ok(audit.some((a) => a.action === "waiting.added") && audit.some((a) => a.action === "booking.created"), "audited");
});

t.test("the waiting list is only for a session of the day that is not over", async (t) => {
  const { db, clock, desk, zwolle } = await setup(t);
  const fields = { date: "2026-12-01", name: "Giorgi", language: "ka", interpreter: "yes" };
  const nowhere = await desk.browser.post(`/staff/offices/${zwolle.id}/day/waiting`, { ...fields, session: "03:15" });
  t.equal(nowhere.statusCode, 404, "no session starts at 03:15");
  t.equal((await desk.browser.get(`/staff/offices/${zwolle.id}/day/waiting?date=2026-12-01&session=03:15`)).statusCode, 404);
  t.equal((await desk.browser.get(`/staff/offices/${zwolle.id}/day/waiting?date=2026-12-01&session=10:00`)).statusCode, 200, "the session of the day");

  clock.set("2026-12-01T11:05:00Z"); // 12:05: the 10:00–12:00 session is over
  await desk.browser.signIn("desk@iom.test");
  const page = await desk.browser.get(`/staff/offices/${zwolle.id}/day`);
  t.notMatch(page.body, "/day/waiting?", "no waiting list is offered for a session that is over");
  t.equal((await desk.browser.get(`/staff/offices/${zwolle.id}/day/waiting?date=2026-12-01&session=10:00`)).statusCode, 404);
  t.equal((await desk.browser.post(`/staff/offices/${zwolle.id}/day/waiting`, { ...fields, session: "10:00" })).statusCode, 404);
  t.equal(await db.waitingListEntry.count(), 0, "nobody was put on a waiting list");
});

t.test("the same walk-in form sent twice adds the person once; a form without its key is refused", async (t) => {
  const { db, clock, desk, zwolle } = await setup(t);
  // An extra afternoon session with three places per slot, so a second submit would fit.
  await db.scheduleException.create({
    data: { officeId: zwolle.id, kind: "EXTRA", date: "2026-12-01", startTime: "13:00", endTime: "14:00", slotMinutes: 20, capacity: 3, createdAt: clock.now() },
  });
  const at = slot("13:00");
  const form = await desk.browser.get(`/staff/offices/${zwolle.id}/day/walk-in?slot=${at}`);
  const formKey = /name="formKey" value="([^"]+)"/.exec(form.body)?.[1];
  t.match(formKey, /^[A-Za-z0-9_-]{48}$/, "the form carries a one-time key");
  const fields = { slot: at, formKey: formKey!, name: "Senait", language: "ti", interpreter: "yes" };
  const first = await desk.browser.post(`/staff/offices/${zwolle.id}/day/walk-in`, fields);
  const second = await desk.browser.post(`/staff/offices/${zwolle.id}/day/walk-in`, fields);
  const walkIns = await db.booking.findMany({ where: { channel: "WALK_IN" } });
  t.equal(walkIns.length, 1, "one walk-in");
  t.same([first.statusCode, second.statusCode], [303, 303]);
  t.equal(second.headers.location, first.headers.location, "the second send shows the walk-in the first one added");
  t.equal(first.headers.location, `/staff/offices/${zwolle.id}/day?date=2026-12-01#booking-${walkIns[0]!.id}`);

  const keyless = await desk.browser.post(`/staff/offices/${zwolle.id}/day/walk-in`, { slot: at, name: "Giorgi", language: "ka", interpreter: "no" });
  t.equal(keyless.statusCode, 422);
  t.match(mainText(keyless.body), "Dit formulier is verlopen.");
  t.match(keyless.body, 'value="Giorgi"', "what was typed is kept");
  t.match(keyless.body, /name="formKey" value="[A-Za-z0-9_-]{48}"/, "with a fresh key to send it again");
  t.equal(await db.booking.count({ where: { channel: "WALK_IN" } }), 1, "nothing added");
});

t.test("reception sees only its own offices; bad dates and offices are a clear 404", async (t) => {
  const { app, db, desk, zwolle, amina } = await setup(t);
  const tilburg = await db.office.findUniqueOrThrow({ where: { slug: "tilburg" } });
  t.equal((await desk.browser.get(`/staff/offices/${tilburg.id}/day`)).statusCode, 403);
  t.equal((await desk.browser.get(`/staff/offices/${tilburg.id}/day/print`)).statusCode, 403);
  t.equal((await desk.browser.post(`/staff/offices/${tilburg.id}/day/bookings/${amina.id}/check-in`)).statusCode, 403);
  for (const url of [
    `/staff/offices/9999/day`,
    `/staff/offices/abc/day`,
    `/staff/offices/${zwolle.id}/day?date=2031-01-01`,
    `/staff/offices/${zwolle.id}/day?date=2026-13-45`,
    `/staff/offices/${zwolle.id}/day?date=yesterday`,
    `/staff/offices/${zwolle.id}/day/print?date=1999-01-01`,
    `/staff/offices/${zwolle.id}/day/walk-in?slot=nonsense`,
  ]) {
    const res = await desk.browser.get(url);
    t.equal(res.statusCode, 404, url);
    t.match(res.body, "<h1>Pagina niet gevonden</h1>");
  }
  const tilburgBooking = await book(app, "tilburg", "2026-12-02T12:00:00Z");
  t.equal((await desk.browser.post(`/staff/offices/${zwolle.id}/day/bookings/${tilburgBooking.id}/check-in`)).statusCode, 404, "a booking of another office through this office's list");
  t.equal((await db.booking.findUniqueOrThrow({ where: { id: tilburgBooking.id } })).checkedInAt, null);
  t.equal((await desk.browser.get(`/staff/offices/${zwolle.id}/day.csv`)).statusCode, 403, "the CSV is for the officer");
});

t.test("the officer downloads the same list as CSV, safe for spreadsheets", async (t) => {
  const { app, db, zwolle, amina } = await setup(t);
  await book(app, "zwolle", slot("10:20"), { name: "=HYPERLINK(\"x\")", language: "nl" });
  const officer = await signedIn(app, db, { role: "OFFICER", offices: ["zwolle"], email: "o@iom.test", locale: "nl" });
  const csv = await officer.browser.get(`/staff/offices/${zwolle.id}/day.csv?date=2026-12-01`);
  t.equal(csv.statusCode, 200);
  t.match(csv.headers["content-type"], "text/csv");
  t.equal(csv.headers["content-disposition"], 'attachment; filename="daglijst-zwolle-2026-12-01.csv"');
  const lines = csv.body.replace(/^\uFEFF/, "").trim().split("\r\n");
  t.equal(lines[0], '"Datum";"Tijd";"Code";"Naam of schuilnaam";"Taal";"Tolk";"Geboekt via";"Status"');
  t.equal(lines[1], `"2026-12-01";"10:00";"${amina.code.slice(0, 4)}-${amina.code.slice(4)}";"Amina";"Arabisch (العربية)";"ja";"zelf";"verwacht"`);
  t.match(lines[2], `;"'=HYPERLINK(""x"")";`, "a formula is written as text");
  t.equal(lines.length, 4);
  t.notMatch(csv.body, "amina@example.org");
});

t.test("the print page carries only the minimum and the day's summary", async (t) => {
  const { desk, zwolle, amina } = await setup(t);
  const page = await desk.browser.get(`/staff/offices/${zwolle.id}/day/print?date=2026-12-01`);
  t.equal(page.statusCode, 200);
  t.match(page.body, '<link rel="stylesheet" href="/assets/print.css?v=');
  t.match(page.body, `${amina.code.slice(0, 4)}-${amina.code.slice(4)}`);
  t.match(page.body, "Afgedrukt dinsdag 1 december 09:00");
  for (const secret of ["+31 6 1111 2222", "amina@example.org", "children", "joke@vwn.example"]) t.notMatch(page.body, secret);
  t.match(mainText(page.body), "Geboekt 2 Aangekomen 0 Inloop 0 Niet gekomen 0 Afgezegd 1");
});

t.test("walk-ins and the waiting list are for today's sessions only", async (t) => {
  const { db, desk, zwolle } = await setup(t);
  // Thursday 3 December 13:00–15:00 in Zwolle: a session, but not today's.
  const thursday = new Date("2026-12-03T13:20:00+01:00").toISOString();
  const list = await desk.browser.get(`/staff/offices/${zwolle.id}/day?date=2026-12-03`);
  t.equal(list.statusCode, 200);
  t.notMatch(list.body, "/day/walk-in?", "no walk-in is offered on another day");
  t.notMatch(list.body, "/day/waiting?", "nor a waiting list");
  t.equal((await desk.browser.get(`/staff/offices/${zwolle.id}/day/walk-in?slot=${thursday}`)).statusCode, 404);
  const form = await desk.browser.get(`/staff/offices/${zwolle.id}/day/walk-in?slot=${slot("11:20")}`);
  const sent = await desk.browser.post(`/staff/offices/${zwolle.id}/day/walk-in`, { slot: thursday, formKey: inputValue(form.body, "formKey"), name: "Tomorrow", language: "nl", interpreter: "no" });
  t.equal(sent.statusCode, 422);
  t.match(mainText(sent.body), "Inloop kan alleen voor de spreekuren van vandaag.");
  t.equal((await desk.browser.get(`/staff/offices/${zwolle.id}/day/waiting?date=2026-12-03&session=13:00`)).statusCode, 404);
  t.equal((await desk.browser.post(`/staff/offices/${zwolle.id}/day/waiting`, { date: "2026-12-03", session: "13:00", formKey: inputValue(form.body, "formKey"), name: "W", language: "nl", interpreter: "no" })).statusCode, 404);
  t.equal(await db.booking.count({ where: { channel: "WALK_IN" } }), 0);
  t.equal(await db.waitingListEntry.count(), 0);
});
