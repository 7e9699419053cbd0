// A client moves their own appointment from the manage link: pick another free time,
// confirm, and the booking has the new time, the old place is free, and the new-time
// email (with its calendar file) is in the outbox.
import t from "tap";
import { buildTestApp, type TestContext } from "../helpers/app.ts";
import { bookSlot, location, mainText, postForm, slotLinks, validBooking } from "../helpers/forms.ts";

// Monday 30 November 2026, 09:00 in Zwolle (Tuesday 10–12 and Thursday 13–15, one place each).
const now = "2026-11-30T08:00:00Z";
const tuesday10 = "/nl/offices/zwolle/book?slot=2026-12-01T09:00:00.000Z";

async function booked(t: TestContext, fields: Record<string, string> = validBooking) {
  const test = await buildTestApp(t, { now });
  const { response, token } = await bookSlot(test.app, tuesday10, fields);
  if (response.statusCode !== 303) throw new Error(`booking answered ${response.statusCode}`);
  return { ...test, managePath: `/nl/booking/${token}` };
}

t.test("a client moves an appointment to another free time", async (t) => {
  const { app, db, managePath } = await booked(t, { ...validBooking, email: "amina@example.org" });

  const manage = await app.inject({ url: managePath });
  t.match(manage.body, `<a class="button" href="${managePath}/move">Kies een andere tijd</a>`);

  const choice = await app.inject({ url: `${managePath}/move` });
  t.equal(choice.statusCode, 200);
  t.equal(choice.headers["cache-control"], "no-store");
  t.match(mainText(choice.body), "Uw afspraak nu");
  const links = slotLinks(choice.body);
  t.equal(links[0], `${managePath}/move?slot=2026-12-01T09:20:00.000Z`, "the first other free time, Tuesday 10:20");
  t.notOk(links.some((href) => href.endsWith("2026-12-01T09:00:00.000Z")), "the current time is not offered");
  t.match(choice.body, 'aria-label="dinsdag 1 december, 10:20">10:20</a>', "times read with their date");

  // Thursday 3 December 13:00 in Zwolle is 12:00 UTC.
  const target = `${managePath}/move?slot=2026-12-03T12:00:00.000Z`;
  t.ok(links.includes(target));
  const ask = await app.inject({ url: target });
  t.equal(ask.statusCode, 200);
  t.match(mainText(ask.body), "Wilt u uw afspraak verzetten naar donderdag 3 december 2026 om 13:00?");
  t.match(mainText(ask.body), "dinsdag 1 december 2026", "the current appointment is shown beside the question");
  t.equal(await db.booking.count({ where: { startsAt: new Date("2026-12-03T12:00:00Z") } }), 0, "asking changes nothing");

  const moved = await postForm(app, `${managePath}/move`, { slot: "2026-12-03T12:00:00.000Z" });
  t.equal(moved.statusCode, 303);
  t.equal(location(moved), `${managePath}/confirmation?done=moved`);
  const card = await app.inject({ url: location(moved) });
  t.match(card.body, "<h1>Uw afspraak is verzet</h1>");
  t.match(mainText(card.body), "donderdag 3 december 2026");
  t.match(mainText(card.body), "13:00–13:20");

  const booking = await db.booking.findFirstOrThrow();
  t.same([booking.startsAt.toISOString(), booking.seat, booking.status, booking.sequence], ["2026-12-03T12:00:00.000Z", 1, "BOOKED", 1]);
  const office = await app.inject({ url: "/nl/offices/zwolle" });
  t.ok(slotLinks(office.body).includes(tuesday10), "the old time is free again for others");
  t.notOk(slotLinks(office.body).includes("/nl/offices/zwolle/book?slot=2026-12-03T12:00:00.000Z"), "the new one is taken");

  const messages = await db.outboxMessage.findMany({ where: { bookingId: booking.id }, orderBy: { id: "asc" } });
  t.same(
    messages.map((m) => [m.kind, m.status, m.dueAt.toISOString()]),
    [
      ["confirmation", "PENDING", "2026-11-30T08:00:00.000Z"],
      ["reminder", "WITHDRAWN", "2026-11-30T09:00:00.000Z"],
      ["moved", "PENDING", "2026-11-30T08:00:00.000Z"],
      // The day before the new time, at 10:00 in Amsterdam.
      ["reminder", "PENDING", "2026-12-02T09:00:00.000Z"],
    ],
    "the client is told, and the reminder follows the new time",
  );
  const audit = await db.auditEntry.findFirstOrThrow({ where: { action: "booking.moved" } });
  t.same([audit.actorType, audit.actorId, JSON.parse(audit.detail!)], ["client", null, { from: "2026-12-01T09:00:00.000Z", to: "2026-12-03T12:00:00.000Z" }]);
});

t.test("sending the same move twice moves once", async (t) => {
  const { app, db, managePath } = await booked(t);
  const first = await postForm(app, `${managePath}/move`, { slot: "2026-12-03T12:00:00.000Z" });
  const again = await postForm(app, `${managePath}/move`, { slot: "2026-12-03T12:00:00.000Z" });
  t.same([first.statusCode, again.statusCode], [303, 303]);
  t.equal(location(again), `${managePath}/confirmation?done=moved`);
  const booking = await db.booking.findFirstOrThrow();
  t.equal(booking.sequence, 1, "one move");
  t.equal(await db.outboxMessage.count({ where: { kind: "moved" } }), 0, "no email address, so no messages");
  t.equal(await db.auditEntry.count({ where: { action: "booking.moved" } }), 1);
});

t.test("a time just taken by someone else: told so, offered others, nothing changed", async (t) => {
  const { app, db, managePath } = await booked(t);
  const other = await bookSlot(app, "/nl/offices/zwolle/book?slot=2026-12-03T12:00:00.000Z", { ...validBooking, name: "Other" });
  t.equal(other.response.statusCode, 303);
  const response = await postForm(app, `${managePath}/move`, { slot: "2026-12-03T12:00:00.000Z" });
  t.equal(response.statusCode, 409);
  t.match(response.body, "<h1>Deze tijd is net bezet</h1>");
  const alternatives = slotLinks(response.body);
  t.ok(alternatives.length > 0 && alternatives.every((href) => href.startsWith(`${managePath}/move?slot=`)), "the other times lead to moving, not to a new booking");
  t.match(response.body, `href="${managePath}/move">Alle vrije tijden</a>`);
  const mine = await db.booking.findFirstOrThrow({ where: { name: "Amina" } });
  t.same([mine.startsAt.toISOString(), mine.sequence], ["2026-12-01T09:00:00.000Z", 0], "still at its old time");
});

t.test("times that cannot be chosen, and bookings that cannot move", async (t) => {
  const { app, db, managePath } = await booked(t);
  for (const slot of ["2026-12-03T12:05:00.000Z", "not-a-time", "2026-11-30T08:20:00.000Z", "2027-06-01T08:00:00.000Z"]) {
    const asked = await app.inject({ url: `${managePath}/move?slot=${encodeURIComponent(slot)}` });
    t.equal(asked.statusCode, 404, `GET ${slot}`);
    t.match(asked.body, "<h1>Deze tijd kan niet meer</h1>");
    const sent = await postForm(app, `${managePath}/move`, { slot });
    t.equal(sent.statusCode, 404, `POST ${slot}`);
  }
  t.equal((await db.booking.findFirstOrThrow()).sequence, 0, "none of them moved it");

  t.equal((await app.inject({ url: "/nl/booking/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/move" })).statusCode, 404, "a guessed link opens nothing");
  t.equal((await postForm(app, "/nl/booking/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/move", { slot: "2026-12-03T12:00:00.000Z" })).statusCode, 404);

  await postForm(app, `${managePath}/cancel`, {});
  const cancelled = await app.inject({ url: `${managePath}/move` });
  t.equal(cancelled.statusCode, 303, "a cancelled booking cannot be moved");
  t.equal(location(cancelled), managePath);
  const late = await postForm(app, `${managePath}/move`, { slot: "2026-12-03T12:00:00.000Z" });
  t.equal(late.statusCode, 303);
  t.equal(await db.booking.count({ where: { startsAt: new Date("2026-12-03T12:00:00Z") } }), 0);
});

t.test("an appointment under way cannot be moved", async (t) => {
  const { app, db, clock, managePath } = await booked(t);
  clock.set("2026-12-01T09:05:00Z");
  const page = await app.inject({ url: `${managePath}/move` });
  t.equal(page.statusCode, 303);
  t.equal(location(page), managePath);
  const manage = await app.inject({ url: managePath });
  t.notMatch(manage.body, "/move\"", "the manage page no longer offers it");
  t.equal((await postForm(app, `${managePath}/move`, { slot: "2026-12-03T12:00:00.000Z" })).statusCode, 303);
  t.equal((await db.booking.findFirstOrThrow()).startsAt.toISOString(), "2026-12-01T09:00:00.000Z");
});

t.test("with two places per time, the client's own time is still not offered to move to", async (t) => {
  const test = await buildTestApp(t, { now });
  // Amsterdam: Tuesdays and Fridays 10:00–13:00, 20-minute slots, two places each.
  const { response, token } = await bookSlot(test.app, "/nl/offices/amsterdam/book?slot=2026-12-01T09:00:00.000Z");
  t.equal(response.statusCode, 303);
  const office = await test.app.inject({ url: "/nl/offices/amsterdam" });
  t.ok(slotLinks(office.body).includes("/nl/offices/amsterdam/book?slot=2026-12-01T09:00:00.000Z"), "the time still has a free place");
  const choice = await test.app.inject({ url: `/nl/booking/${token}/move` });
  const links = slotLinks(choice.body);
  t.equal(links[0], `/nl/booking/${token}/move?slot=2026-12-01T09:20:00.000Z`);
  t.notOk(links.some((href) => href.endsWith("=2026-12-01T09:00:00.000Z")));
  const same = await postForm(test.app, `/nl/booking/${token}/move`, { slot: "2026-12-01T09:00:00.000Z" });
  t.equal(same.statusCode, 303, "moving to the time it has is no error");
  const booking = await test.db.booking.findFirstOrThrow();
  t.same([booking.seat, booking.sequence], [1, 0], "and changes nothing");
});

t.test("a double click that sends the move twice at once moves once and answers both alike", async (t) => {
  const test = await buildTestApp(t, { now });
  // Amsterdam has two places a time, so the second request could take the other one.
  const { token } = await bookSlot(test.app, "/nl/offices/amsterdam/book?slot=2026-12-01T09:00:00.000Z");
  const managePath = `/nl/booking/${token}`;
  const [a, b] = await Promise.all([
    postForm(test.app, `${managePath}/move`, { slot: "2026-12-04T09:00:00.000Z" }),
    postForm(test.app, `${managePath}/move`, { slot: "2026-12-04T09:00:00.000Z" }),
  ]);
  t.same([a.statusCode, b.statusCode], [303, 303]);
  t.same([location(a), location(b)], [`${managePath}/confirmation?done=moved`, `${managePath}/confirmation?done=moved`]);
  const bookings = await test.db.booking.findMany();
  t.same(bookings.map((x) => [x.startsAt.toISOString(), x.seat, x.sequence]), [["2026-12-04T09:00:00.000Z", 1, 1]], "one booking, moved once");
});
