// Freed places offered to the waiting list (src/domain/desk/waiting-offers.ts): a booking
// of tomorrow is cancelled, and the place goes to the first person waiting — accepted by
// the link, by a text reply or at the desk; declined; unanswered until the hold time
// passes; or raced by two cancellations at once. Runs on SQLite and on PostgreSQL, where
// "at once" also means two app servers with their own connections.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import t, { type Test } from "tap";
import { createPrismaClient, engineOf } from "../../src/db/client.ts";
import { cancelBooking } from "../../src/domain/booking/cancel-booking.ts";
import { createBooking } from "../../src/domain/booking/create-booking.ts";
import { newManageToken } from "../../src/domain/booking/manage-token.ts";
import { answerOffer } from "../../src/domain/desk/answer-offer.ts";
import { expireOffers } from "../../src/domain/desk/end-offers.ts";
import { loadAvailability } from "../../src/domain/availability/load-availability.ts";
import { handleInbound } from "../../src/sms/inbound.ts";
import { buildTestApp } from "../helpers/app.ts";
import { book } from "../helpers/bookings.ts";
import { onPostgres } from "../helpers/database.ts";
import { inputValue, mainText } from "../helpers/forms.ts";
import { signedIn } from "../helpers/staff.ts";

// Tuesday 1 December 2026 in Zwolle: the session 10:00–12:00 has six places of 20 minutes.
const slot = (hhmm: string) => new Date(`2026-12-01T${hhmm}:00+01:00`).toISOString();
const times = ["10:00", "10:20", "10:40", "11:00", "11:20", "11:40"];
// Monday 30 November, 15:00 in Zwolle: tomorrow's session is full.
const monday = "2026-11-30T14:00:00Z";
const minutes = (n: number) => n * 60_000;

async function fullTomorrow(t: Test) {
  const built = await buildTestApp(t, { now: "2026-11-25T08:00:00Z" });
  const { app, db, clock } = built;
  const bookings: Awaited<ReturnType<typeof book>>[] = [];
  for (const [i, hhmm] of times.entries()) bookings.push(await book(app, "zwolle", slot(hhmm), { name: `Client ${i + 1}`, email: `client${i + 1}@example.org` }));
  clock.set(monday);
  const zwolle = await db.office.findUniqueOrThrow({ where: { slug: "zwolle" } });
  const desk = await signedIn(app, db, { role: "RECEPTION", offices: ["zwolle"], email: "desk@iom.test", locale: "nl" });
  /** Puts someone on tomorrow's waiting list through the form, as reception does. */
  const addWaiting = async (fields: Record<string, string>) => {
    const form = await desk.browser.get(`/staff/offices/${zwolle.id}/day/waiting?date=2026-12-01&session=10:00`);
    t.equal(form.statusCode, 200, "the waiting list of tomorrow's full session opens");
    const sent = await desk.browser.post(`/staff/offices/${zwolle.id}/day/waiting`, { date: "2026-12-01", session: "10:00", formKey: inputValue(form.body, "formKey"), language: "ar", interpreter: "no", locale: "nl", ...fields });
    t.equal(sent.statusCode, 303, `${fields.name} is on the list`);
    return db.waitingListEntry.findFirstOrThrow({ where: { name: fields.name! } });
  };
  // A second app server on PostgreSQL: its own database client and connections.
  let otherDeps = app.deps;
  if (onPostgres) {
    const other = await createPrismaClient(built.config.databaseUrl, { poolSize: 4 });
    await engineOf(other).ready();
    t.teardown(() => other.$disconnect());
    otherDeps = { ...app.deps, db: other };
  }
  const cancel = (i: number, deps = app.deps) => cancelBooking(deps, { actor: { type: "client" }, bookingId: bookings[i]!.id, by: "client" }, clock.now());
  /** The links in the messages sent so far (text messages and emails). */
  const links = () => {
    const read = (dir: string) => {
      try {
        return readdirSync(dir).map((f) => readFileSync(join(dir, f), "utf8"));
      } catch {
        return [];
      }
    };
    return [...read(join(built.dir, "sms")), ...read(join(built.dir, "mail"))].flatMap((text) => [...text.matchAll(/https:\/\/spreekuur\.test\/o\/([A-Za-z0-9_-]{22})/g)].map((m) => m[1]!));
  };
  const freeAt = async (hhmm: string) => {
    const states = await loadAvailability(db, zwolle, { from: "2026-12-01", to: "2026-12-01" }, clock.now());
    return states.flatMap((s) => s.slots).find((s) => s.startsAt.toISOString() === slot(hhmm))!.free;
  };
  return { ...built, bookings, zwolle, desk, addWaiting, otherDeps, cancel, links, freeAt };
}

t.test("a place freed tomorrow is held for the first person waiting, who takes it by the link in a text message", async (t) => {
  const { app, db, clock, bookings, zwolle, desk, addWaiting, cancel, links, freeAt } = await fullTomorrow(t);
  const list = await desk.browser.get(`/staff/offices/${zwolle.id}/day?date=2026-12-01`);
  t.match(list.body, "/day/waiting?date=2026-12-01&amp;session=10:00", "tomorrow's full session takes a waiting list");
  const amal = await addWaiting({ name: "Amal", phone: "06 1111 2222", smsConsent: "yes", locale: "ar" });
  const bilal = await addWaiting({ name: "Bilal", email: "bilal@example.org", locale: "en" });
  t.same([amal.phone, amal.smsConsent, amal.locale, bilal.email], ["+31611112222", true, "ar", "bilal@example.org"], "contact details kept as given");

  t.equal((await cancel(1)).kind, "cancelled");
  const offer = await db.waitingOffer.findFirstOrThrow();
  t.same([offer.entryId, offer.channel, offer.status, offer.startsAt.toISOString()], [amal.id, "sms", "open", slot("10:20")], "offered to the first person waiting, by text");
  t.equal(offer.expiresAt.getTime() - clock.now().getTime(), minutes(30), "held for half an hour");
  const held = await db.booking.findUniqueOrThrow({ where: { id: bookings[1]!.id } });
  t.same([held.status, held.seat], ["CANCELLED", bookings[1]!.seat], "the cancelled booking keeps the seat");
  t.equal(await freeAt("10:20"), 0, "the place is not free for anyone else");
  const other = await createBooking(
    app.deps,
    { actor: { type: "client" }, office: zwolle, startsAt: new Date(slot("10:20")), channel: "SELF", rules: "desk", token: newManageToken(), locale: "nl", language: "nl", interpreterNeeded: false, name: "Someone else", phone: null, email: null, note: null },
    clock.now(),
  );
  t.not(other.kind, "created", "someone else cannot book the held place");
  t.equal((await db.waitingListEntry.findUniqueOrThrow({ where: { id: bilal.id } })).status, "waiting", "the second person is not offered it too");

  await app.outbox.runOnce();
  const sent = await db.outboxMessage.findFirstOrThrow({ where: { kind: "offer" } });
  t.same([sent.channel, sent.status, sent.lastError], ["sms", "SENT", null], "the offer went out by text");
  const [token] = links();
  t.ok(token, "the text message carries the link");
  const text = readdirSync(join(app.config.sms.dir)).map((f) => readFileSync(join(app.config.sms.dir, f), "utf8")).join("\n");
  t.match(text, "+31611112222", "sent to Amal's number");
  t.notMatch(text, "Client 2", "nothing of the person who cancelled");

  const opened = await app.inject({ method: "GET", url: `/o/${token}` });
  t.same([opened.statusCode, opened.headers.location], [303, `/ar/offer/${token}`], "the link opens the offer in the language of the messages");
  const page = await app.inject({ method: "GET", url: `/ar/offer/${token}` });
  t.equal(page.statusCode, 200);
  t.match(page.body, /name="answer" value="accept"/);
  t.equal(page.headers["cache-control"], "no-store");

  const [first, second] = await Promise.all([
    app.inject({ method: "POST", url: `/ar/offer/${token}`, payload: "answer=accept", headers: { "content-type": "application/x-www-form-urlencoded" } }),
    app.inject({ method: "POST", url: `/ar/offer/${token}`, payload: "answer=accept", headers: { "content-type": "application/x-www-form-urlencoded" } }),
  ]);
  t.same([first.statusCode, second.statusCode], [303, 303], "a double click answers once");
  t.match(first.headers.location, /^\/ar\/booking\/[A-Za-z0-9_-]{22}\/confirmation$/);
  t.equal(second.headers.location, first.headers.location, "both lead to the same booking");
  const taken = await db.booking.findMany({ where: { startsAt: new Date(slot("10:20")), seat: { not: null } } });
  t.equal(taken.length, 1, "one booking holds the place");
  const booking = taken[0]!;
  t.same([booking.name, booking.phone, booking.smsConsent, booking.locale, booking.status, booking.seat], ["Amal", "+31611112222", true, "ar", "BOOKED", bookings[1]!.seat], "the place is Amal's booking now");
  t.equal((await db.booking.findUniqueOrThrow({ where: { id: bookings[1]!.id } })).seat, null, "the cancelled booking let go of the seat");
  const ended = await db.waitingOffer.findUniqueOrThrow({ where: { id: offer.id } });
  t.same([ended.status, ended.bookingId, ended.answeredBy, ended.openPlace, ended.tokenSealed], ["accepted", booking.id, "client", null, null]);
  t.equal((await db.waitingListEntry.findUniqueOrThrow({ where: { id: amal.id } })).status, "booked");
  t.equal(await db.outboxMessage.count({ where: { bookingId: booking.id, kind: "confirmation", channel: "sms" } }), 1, "Amal gets the confirmation, with her own manage link");

  const actions = (await db.auditEntry.findMany({ where: { action: { startsWith: "waiting." } }, orderBy: { id: "asc" } })).map((a) => a.action);
  t.same(actions, ["waiting.added", "waiting.added", "waiting.offered", "waiting.offer.accepted"]);
  const audits = await db.auditEntry.findMany({ where: { OR: [{ action: { startsWith: "waiting.offer" } }, { action: "booking.created", entityId: booking.id }] } });
  t.notMatch(JSON.stringify(audits), /Amal|1111|example\.org/, "audited without personal data");

  // The officer sees who was offered what.
  const officer = await signedIn(app, db, { role: "OFFICER", offices: ["zwolle"], email: "officer@iom.test", locale: "en" });
  const day = mainText((await officer.browser.get(`/staff/offices/${zwolle.id}/day?date=2026-12-01`)).body);
  t.match(day, "Freed places offered");
  t.match(day, "10:20 offered to Amal, by text message, at 15:00");
  t.match(day, "took the place at 15:00");
});

t.test("an offer nobody answers goes to the next person when its time is up; a no passes it on; with nobody left the place is free", async (t) => {
  const { app, db, clock, zwolle, addWaiting, cancel, links, freeAt, desk } = await fullTomorrow(t);
  const amal = await addWaiting({ name: "Amal", phone: "06 1111 2222", smsConsent: "yes" });
  const bilal = await addWaiting({ name: "Bilal", email: "bilal@example.org", locale: "en" });
  await cancel(1);
  await app.outbox.runOnce();
  const [amalToken] = links();

  clock.advance(minutes(29));
  t.equal(await expireOffers(app.deps, clock.now()), 0, "not before the hold time has passed");
  clock.advance(minutes(1));
  t.equal(await expireOffers(app.deps, clock.now()), 1, "ended when it has");
  t.equal(await expireOffers(app.deps, clock.now()), 0, "and only once");
  const offers = await db.waitingOffer.findMany({ orderBy: { id: "asc" } });
  t.same(offers.map((o) => [o.entryId, o.status, o.channel]), [[amal.id, "expired", "sms"], [bilal.id, "open", "email"]], "then offered to the next person, by email");
  t.equal((await db.waitingListEntry.findUniqueOrThrow({ where: { id: amal.id } })).status, "waiting", "Amal stays on the list");
  t.equal(await freeAt("10:20"), 0, "still held");

  // Amal's link, too late: the page says the offer has ended, and nothing is booked.
  const late = await app.inject({ method: "POST", url: `/nl/offer/${amalToken}`, payload: "answer=accept", headers: { "content-type": "application/x-www-form-urlencoded" } });
  t.equal(late.statusCode, 409);
  t.match(mainText(late.body), "Dit aanbod is voorbij");
  t.equal(await db.booking.count({ where: { startsAt: new Date(slot("10:20")), status: "BOOKED" } }), 0);

  await app.outbox.runOnce();
  const bilalToken = links().find((x) => x !== amalToken)!;
  const mail = readdirSync(join(app.config.mail.dir)).map((f) => readFileSync(join(app.config.mail.dir, f), "utf8")).find((m) => m.includes(bilalToken))!;
  t.match(mail, "To: bilal@example.org");
  t.match(mail, "A place is free for you");
  // The office's officer reading the message on the outbox page sees the link masked.
  const officer = await signedIn(app, db, { role: "OFFICER", offices: ["zwolle"], email: "officer@iom.test" });
  const row = await db.outboxMessage.findFirstOrThrow({ where: { kind: "offer", channel: "email" } });
  t.equal(row.offerId, offers[1]!.id, "the message belongs to its offer");
  t.match(mainText((await officer.browser.get("/staff/outbox")).body), "Freed place offered", "the outbox lists it by its kind");
  const elsewhere = await signedIn(app, db, { role: "OFFICER", offices: ["tilburg"], email: "tilburg@iom.test" });
  t.notMatch(mainText((await elsewhere.browser.get("/staff/outbox")).body), "Freed place offered", "not to another office's officer");
  t.equal((await elsewhere.browser.get(`/staff/outbox/${row.id}/message`)).statusCode, 403);
  const shown = await officer.browser.get(`/staff/outbox/${row.id}/message`);
  t.equal(shown.statusCode, 200);
  t.notMatch(shown.body, bilalToken, "the offer's token is not on the outbox page");
  t.match(mainText(shown.body), "/o/••••••••");
  const no = await app.inject({ method: "POST", url: `/en/offer/${bilalToken}`, payload: "answer=decline", headers: { "content-type": "application/x-www-form-urlencoded" } });
  t.equal(no.statusCode, 200);
  t.match(mainText(no.body), "You said no to this place");
  t.same((await db.waitingOffer.findMany({ orderBy: { id: "asc" } })).map((o) => o.status), ["expired", "declined"]);
  t.equal((await db.waitingListEntry.findUniqueOrThrow({ where: { id: bilal.id } })).status, "waiting", "Bilal stays on the list too");
  t.equal(await freeAt("10:20"), 1, "both were offered it: the place is free for anyone now");
  t.equal(await db.waitingOffer.count({ where: { status: "open" } }), 0, "and it is not offered to them a second time");
  const day = mainText((await desk.browser.get(`/staff/offices/${zwolle.id}/day?date=2026-12-01`)).body);
  t.match(day, "geen antwoord voor 15:30: aangeboden aan de volgende");
  t.match(day, "heeft nee gezegd om 15:30");
});

t.test("without a phone or email, reception sees 'call this person' and books the place for them", async (t) => {
  const { app, db, zwolle, desk, addWaiting, cancel } = await fullTomorrow(t);
  const chen = await addWaiting({ name: "Chen", phone: "06 3333 4444" });
  await cancel(2);
  const offer = await db.waitingOffer.findFirstOrThrow();
  t.same([offer.entryId, offer.channel], [chen.id, "call"], "a number without a yes to text messages: reception calls");
  t.equal(await db.outboxMessage.count({ where: { kind: "offer" } }), 0, "no message is sent");
  const page = await desk.browser.get(`/staff/offices/${zwolle.id}/day?date=2026-12-01`);
  const text = mainText(page.body);
  t.match(text, "Bel deze persoon: 06 33334444");
  t.match(text, "Afgezegd – vastgehouden voor de wachtlijst");
  const accepted = await desk.browser.post(`/staff/offices/${zwolle.id}/day/offers/${offer.id}/accept`);
  t.equal(accepted.statusCode, 303);
  const booking = await db.booking.findFirstOrThrow({ where: { name: "Chen" } });
  t.equal(accepted.headers.location, `/staff/offices/${zwolle.id}/day?date=2026-12-01#booking-${booking.id}`);
  t.same([booking.startsAt.toISOString(), booking.status, booking.channel], [slot("10:40"), "BOOKED", "STAFF"]);
  const again = await desk.browser.post(`/staff/offices/${zwolle.id}/day/offers/${offer.id}/accept`);
  t.equal(again.statusCode, 303, "pressed twice: nothing more");
  t.equal(await db.booking.count({ where: { name: "Chen" } }), 1);
  const audit = await db.auditEntry.findFirstOrThrow({ where: { action: "waiting.offer.accepted" } });
  t.same([audit.actorType, audit.actorId], ["staff", desk.user.id]);
  t.equal((await desk.browser.post(`/staff/offices/${zwolle.id}/day/offers/99999/accept`)).statusCode, 404, "an unknown offer");
  t.equal((await desk.browser.post(`/staff/offices/${zwolle.id}/day/offers/${offer.id}/maybe`)).statusCode, 404, "an unknown answer");
  void app;
});

t.test("two cancellations at once offer two places to two people; with one person waiting, one offer and one free place", async (t) => {
  await t.test("two waiting", async (t) => {
    const { db, addWaiting, cancel, otherDeps } = await fullTomorrow(t);
    await addWaiting({ name: "Amal", phone: "06 1111 2222", smsConsent: "yes" });
    await addWaiting({ name: "Bilal", email: "bilal@example.org" });
    const results = await Promise.all([cancel(1), cancel(2, otherDeps), cancel(1, otherDeps), cancel(2)]);
    t.equal(results.filter((r) => r.kind === "cancelled").length, 2, "each booking cancelled once");
    const offers = await db.waitingOffer.findMany({ where: { status: "open" } });
    t.equal(offers.length, 2, "two offers");
    t.equal(new Set(offers.map((o) => o.entryId)).size, 2, "to two different people");
    t.equal(new Set(offers.map((o) => o.placeBookingId)).size, 2, "of two different places");
    t.equal(await db.waitingListEntry.count({ where: { status: "offered" } }), 2);
  });
  await t.test("one waiting", async (t) => {
    const { db, addWaiting, cancel, otherDeps, freeAt } = await fullTomorrow(t);
    const amal = await addWaiting({ name: "Amal", phone: "06 1111 2222", smsConsent: "yes" });
    await Promise.all([cancel(1), cancel(2, otherDeps)]);
    const offers = await db.waitingOffer.findMany();
    t.same(offers.map((o) => [o.entryId, o.status]), [[amal.id, "open"]], "one offer: a person holds one offer at a time");
    t.same([await freeAt("10:20"), await freeAt("10:40")].sort(), [0, 1], "the other place is free for anyone");
  });
  await t.test("accepted and expired at the same moment", async (t) => {
    const { app, db, clock, addWaiting, cancel, otherDeps } = await fullTomorrow(t);
    await addWaiting({ name: "Amal", phone: "06 1111 2222", smsConsent: "yes" });
    await cancel(1);
    const offer = await db.waitingOffer.findFirstOrThrow();
    clock.set(new Date(offer.expiresAt.getTime() - 1));
    const lookup = { id: offer.id, officeId: offer.officeId };
    const [answer] = await Promise.all([answerOffer(otherDeps, { lookup, answer: "accept", actor: { type: "client" } }, clock.now()), expireOffers(app.deps, offer.expiresAt)]);
    const ended = await db.waitingOffer.findUniqueOrThrow({ where: { id: offer.id } });
    const booked = await db.booking.count({ where: { startsAt: new Date(slot("10:20")), seat: { not: null }, status: "BOOKED" } });
    if (answer.kind === "accepted") t.same([ended.status, booked], ["accepted", 1], "the answer came first: booked, and not expired");
    else t.same([ended.status, booked], ["expired", 0], "the clock came first: not booked");
    t.equal(await db.booking.count({ where: { startsAt: new Date(slot("10:20")), seat: { not: null } } }), answer.kind === "accepted" ? 1 : 0, "never two holders of the place");
  });
});

t.test("a text reply answers the offer: JA takes the place, NEE passes it on; other replies change nothing", async (t) => {
  const { app, db, clock, addWaiting, cancel } = await fullTomorrow(t);
  const amal = await addWaiting({ name: "Amal", phone: "06 1111 2222", smsConsent: "yes" });
  const bilal = await addWaiting({ name: "Bilal", phone: "06 5555 6666", smsConsent: "yes", locale: "en" });
  await cancel(1);
  await cancel(2);
  const reply = (from: string, text: string) => handleInbound(app.deps, { kind: "reply", from, text }, clock.now());
  t.same(await reply("+31699999999", "JA"), { kind: "reply-ignored", reason: "no-code" }, "an unknown number");
  t.same(await reply("+31611112222", "JA graag morgen"), { kind: "reply-ignored", reason: "no-code" }, "more than a yes");
  t.equal(await db.waitingOffer.count({ where: { status: "open" } }), 2, "nothing changed");
  t.same(await reply("+31611112222", " ja "), { kind: "offer-answered", answer: "accepted" });
  t.equal((await db.booking.findFirstOrThrow({ where: { name: "Amal" } })).status, "BOOKED");
  t.same(await reply("+31655556666", "No"), { kind: "offer-answered", answer: "declined" });
  t.equal((await db.waitingListEntry.findUniqueOrThrow({ where: { id: bilal.id } })).status, "waiting");
  t.equal((await db.waitingListEntry.findUniqueOrThrow({ where: { id: amal.id } })).status, "booked");
  const audit = await db.auditEntry.findMany({ where: { action: { in: ["waiting.offer.accepted", "waiting.offer.declined"] } } });
  t.same(audit.map((a) => (JSON.parse(a.detail!) as { via?: string }).via), ["sms-reply", "sms-reply"]);
});

t.test("no offers for a place after tomorrow or one begun; marking someone as gone passes their offer on", async (t) => {
  const { app, db, clock, addWaiting, cancel, desk, zwolle, freeAt } = await fullTomorrow(t);
  const amal = await addWaiting({ name: "Amal" });
  await addWaiting({ name: "Bilal" });
  // Thursday is the day after tomorrow: its freed places go back to online booking.
  const thursday = await book(app, "zwolle", new Date("2026-12-03T13:20:00+01:00").toISOString(), { name: "Thursday" });
  await cancelBooking(app.deps, { actor: { type: "client" }, bookingId: thursday.id, by: "client" }, clock.now());
  t.equal((await db.booking.findUniqueOrThrow({ where: { id: thursday.id } })).seat, null);
  t.equal(await db.waitingOffer.count(), 0, "nothing offered");
  await cancel(1);
  const offer = await db.waitingOffer.findFirstOrThrow();
  t.equal(offer.entryId, amal.id);
  const gone = await desk.browser.post(`/staff/offices/${zwolle.id}/day/waiting/${amal.id}/left`);
  t.equal(gone.statusCode, 303);
  const offers = await db.waitingOffer.findMany({ orderBy: { id: "asc" } });
  t.same(offers.map((o) => o.status), ["withdrawn", "open"], "Amal left: the place goes to Bilal");
  // Staff cancel the 11:00 appointment after it began: too late to offer.
  clock.set(slot("11:05"));
  await cancelBooking(app.deps, { actor: { type: "staff", id: desk.user.id }, bookingId: (await db.booking.findFirstOrThrow({ where: { name: "Client 4" } })).id, by: "staff" }, clock.now());
  t.equal(await db.waitingOffer.count(), 2, "no offer for a place that has begun");
  t.equal(await freeAt("11:00"), 1);
});
