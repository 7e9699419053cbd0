// Guarding the day at the desk: nobody is a no-show before their appointment's time, a
// session that is over has no free places left to count, and the printed list has rows to
// write walk-ins in.
import t from "tap";
import { buildTestApp } from "../helpers/app.ts";
import { book } from "../helpers/bookings.ts";
import { mainText } from "../helpers/forms.ts";
import { signedIn } from "../helpers/staff.ts";
import { statusMessage } from "./bookings-helpers.ts";

// Tuesday 1 December 2026 in Zwolle; the session runs 10:00–12:00 (six 20-minute slots).
const slot = (hhmm: string) => new Date(`2026-12-01T${hhmm}:00+01:00`).toISOString();

async function setup(t: Parameters<typeof buildTestApp>[0], locale = "nl") {
  const built = await buildTestApp(t, { now: "2026-11-25T08:00:00Z" });
  const { app, db, clock } = built;
  const amina = await book(app, "zwolle", slot("10:00"), { name: "Amina" });
  const bat = await book(app, "zwolle", slot("10:40"), { name: "Bat-Erdene" });
  clock.set("2026-12-01T09:30:00Z"); // 10:30 in Zwolle
  const desk = await signedIn(app, db, { role: "RECEPTION", offices: ["zwolle"], email: "desk@iom.test", locale });
  const zwolle = await db.office.findUniqueOrThrow({ where: { slug: "zwolle" } });
  const code = (b: { code: string }) => `${b.code.slice(0, 4)}-${b.code.slice(4)}`;
  return { ...built, amina, bat, desk, zwolle, code };
}

for (const [locale, refusal] of [
  ["nl", "is niet als niet gekomen gemarkeerd: de afspraak begint om 10:40. Dat kan vanaf die tijd."],
  ["en", "was not marked as a no-show: the appointment starts at 10:40. That is possible from then on."],
] as const) {
  t.test(`no-show only after the appointment's start time, refused in the staff language (${locale})`, async (t) => {
    const { app, db, clock, desk, zwolle, amina, bat, code } = await setup(t, locale);
    const list = await desk.browser.get(`/staff/offices/${zwolle.id}/day`);
    t.match(list.body, `/day/bookings/${amina.id}/no-show"`, "10:00 has begun: no-show is offered");
    t.notMatch(list.body, `/day/bookings/${bat.id}/no-show"`, "10:40 has not: no-show is not offered");
    t.match(list.body, `/day/bookings/${bat.id}/check-in"`, "but arriving early is");

    const refused = await desk.browser.post(`/staff/offices/${zwolle.id}/day/bookings/${bat.id}/no-show`);
    t.equal(refused.statusCode, 409);
    t.equal(statusMessage(refused.body), `${code(bat)} ${refusal}`);
    t.match(mainText(refused.body), locale === "nl" ? "Daglijst: Zwolle" : "Day list: Zwolle", "the day list, with the message on it");
    t.match(await db.booking.findUniqueOrThrow({ where: { id: bat.id } }), { status: "BOOKED", outcomeAt: null }, "nothing changed");
    t.equal(await db.auditEntry.count({ where: { entityType: "booking", entityId: bat.id, actorType: "staff" } }), 0, "nothing audited");

    // The booking page of an officer refuses it the same way.
    const officer = await signedIn(app, db, { role: "OFFICER", offices: ["zwolle"], email: "officer@iom.test", locale });
    const detail = await officer.browser.get(`/staff/bookings/${bat.id}`);
    t.notMatch(detail.body, 'value="no-show"', "the booking page offers no no-show yet");
    const outcome = await officer.browser.post(`/staff/bookings/${bat.id}/outcome`, { action: "no-show" });
    t.equal(outcome.headers.location, `/staff/bookings/${bat.id}?done=notStarted`);
    const shown = await officer.browser.get(outcome.headers.location as string);
    t.equal(
      statusMessage(shown.body),
      locale === "nl" ? "Niet gekomen kan pas worden vastgelegd als de tijd van de afspraak is begonnen." : "A no-show can only be recorded once the appointment's time has begun.",
    );
    t.equal((await db.booking.findUniqueOrThrow({ where: { id: bat.id } })).status, "BOOKED", "still nothing changed");

    const done = await desk.browser.post(`/staff/offices/${zwolle.id}/day/bookings/${amina.id}/no-show`);
    t.equal(done.statusCode, 303, "a time that has begun can be marked");
    t.equal((await db.booking.findUniqueOrThrow({ where: { id: amina.id } })).status, "NO_SHOW");
    clock.set("2026-12-01T09:40:00Z"); // 10:40
    t.equal((await desk.browser.post(`/staff/offices/${zwolle.id}/day/bookings/${bat.id}/no-show`)).statusCode, 303, "from the start time on");
    t.equal((await db.booking.findUniqueOrThrow({ where: { id: bat.id } })).status, "NO_SHOW");
  });
}

t.test("places of slots that are over are not counted as free; a finished session has none", async (t) => {
  const { clock, desk, zwolle } = await setup(t);
  clock.set("2026-12-01T08:00:00Z"); // 09:00, before the session
  await desk.browser.signIn("desk@iom.test");
  t.match(mainText((await desk.browser.get(`/staff/offices/${zwolle.id}/day`)).body), "Spreekuur 10:00–12:00 4 vrije plaatsen");
  clock.set("2026-12-01T09:45:00Z"); // 10:45: the 10:20 slot is over
  await desk.browser.signIn("desk@iom.test");
  const during = await desk.browser.get(`/staff/offices/${zwolle.id}/day`);
  t.match(mainText(during.body), "Spreekuur 10:00–12:00 3 vrije plaatsen");
  t.match(mainText(during.body), "10:20 Niet gebruikt", "the 10:20 place stayed empty");
  clock.set("2026-12-01T11:05:00Z"); // 12:05: the session is over
  await desk.browser.signIn("desk@iom.test");
  const after = mainText((await desk.browser.get(`/staff/offices/${zwolle.id}/day`)).body);
  t.match(after, "Spreekuur 10:00–12:00 0 vrije plaatsen");
  t.notMatch(after, "Vrije plaats ", "no place is shown as free");
  t.match(after, "11:40 Niet gebruikt");
  const yesterday = mainText((await desk.browser.get(`/staff/offices/${zwolle.id}/day?date=2026-12-01`)).body);
  t.match(yesterday, "0 vrije plaatsen");
});

t.test("the printed day list has empty rows to write walk-ins in, in the staff language", async (t) => {
  const { desk, zwolle, code, amina, bat } = await setup(t);
  const page = await desk.browser.get(`/staff/offices/${zwolle.id}/day/print`);
  t.equal(page.statusCode, 200);
  const rows = [...page.body.matchAll(/<tr( class="walk-in-row")?>([\s\S]*?)<\/tr>/g)].map((m) => [m[1] ? "walk-in" : "booked", m[2]!.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim()]);
  t.same(rows.slice(-5), [
    ["booked", `10:00 ${code(amina)} Amina Arabisch nee zelf`],
    ["booked", `10:40 ${code(bat)} Bat-Erdene Arabisch nee zelf`],
    ["walk-in", "inloop"],
    ["walk-in", "inloop"],
    ["walk-in", "inloop"],
  ]);
  const none = await desk.browser.get(`/staff/offices/${zwolle.id}/day/print?date=2026-12-06`);
  t.notMatch(none.body, "walk-in-row", "a day without consultation hours has none");
});
