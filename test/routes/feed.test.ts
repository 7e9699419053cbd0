// The private calendar feed: sessions and bookings with local times right on both sides
// of a daylight-saving change, no contact details, and a URL that renew, revoke and a
// disabled account all switch off.
import { DateTime } from "luxon";
import ical, { type VEvent } from "node-ical";
import t from "tap";
import { searchNameOf } from "../../src/db/search-name.ts";
import { cancelBooking } from "../../src/domain/booking/cancel-booking.ts";
import { buildTestApp } from "../helpers/app.ts";
import { bookSlot, location, mainText, validBooking } from "../helpers/forms.ts";
import { signedIn } from "../helpers/staff.ts";

const feedUrlOf = (html: string) => /<code class="feed-url" translate="no">https:\/\/spreekuur\.test(\/feeds\/[A-Za-z0-9_-]{43}\.ics)<\/code>/.exec(html)?.[1];
/** A calendar property's text, whether or not it came with parameters. */
const text = (value: ical.ParameterValue | undefined) => (typeof value === "object" ? value.val : (value ?? ""));
const local = (d: Date) => DateTime.fromJSDate(d, { zone: "Europe/Amsterdam" });
const eventsOf = (body: string) =>
  Object.values(ical.sync.parseICS(body)).filter((c): c is VEvent => c?.type === "VEVENT").sort(
    (a, b) => a.start.getTime() - b.start.getTime() || text(a.summary).localeCompare(text(b.summary)),
  );

t.test("the feed lists sessions and bookings in local time across the March 2027 change, without contact details", async (t) => {
  const { app, db } = await buildTestApp(t, { now: "2027-03-15T08:00:00Z" });
  const before = { ...validBooking, name: "Zebulon Quartermaine", email: "zebulon@example.org", phone: "0612345678", note: "Komt met zijn broer" };
  const after = { ...validBooking, name: "  أبو  علي", email: "", phone: "0687654321", note: "Heeft een rolstoel" };
  // Tuesday 23 March 10:00 CET and Tuesday 30 March 10:00 CEST.
  await bookSlot(app, "/nl/offices/zwolle/book?slot=2027-03-23T09:00:00.000Z", before);
  await bookSlot(app, "/nl/offices/zwolle/book?slot=2027-03-30T08:00:00.000Z", after);
  const cancelled = await bookSlot(app, "/nl/offices/zwolle/book?slot=2027-03-23T09:20:00.000Z", { ...validBooking, name: "Cancelled Person" });
  await bookSlot(app, "/nl/offices/tilburg/book?slot=2027-03-17T12:00:00.000Z", { ...validBooking, name: "Tilburg Client" });
  // Tuesday 8 June is past the twelve weeks (the last day is Sunday 6 June).
  const zwolle = await db.office.findUniqueOrThrow({ where: { slug: "zwolle" } });
  await db.booking.create({
    data: {
      code: "TTTTLLLL", manageTokenHash: "x".repeat(64), officeId: zwolle.id, startsAt: new Date("2027-06-08T08:00:00Z"), endsAt: new Date("2027-06-08T08:20:00Z"),
      seat: 1, channel: "STAFF", locale: "nl", language: "nl", interpreterNeeded: false, name: "Too Late", searchName: searchNameOf("Too Late"), createdAt: new Date("2027-03-15T08:00:00Z"),
    },
  });
  const byName = async (name: string) => db.booking.findFirstOrThrow({ where: { name: { startsWith: name } } });
  const zebulon = await byName("Zebulon");
  const amina = await byName("أبو");
  t.equal(cancelled.response.statusCode, 303);
  await cancelBooking(app.deps, { actor: { type: "client" }, bookingId: (await byName("Cancelled Person")).id, by: "client" }, new Date("2027-03-15T08:00:00Z"));

  const { browser, user } = await signedIn(app, db, { role: "OFFICER", offices: ["zwolle"] });
  t.match(mainText((await browser.get("/staff/calendar")).body), "You do not have a calendar feed yet.");
  const made = await browser.post("/staff/calendar/feed");
  t.equal(made.statusCode, 200);
  const path = feedUrlOf(made.body);
  t.ok(path, "the full URL is shown once");
  const token = path!.slice("/feeds/".length, -".ics".length);
  const stored = await db.staffUser.findUniqueOrThrow({ where: { id: user.id } });
  t.not(stored.feedTokenHash, null);
  t.notMatch(stored.feedTokenHash!, token, "only a hash is stored");
  const again = await browser.get("/staff/calendar");
  t.notMatch(again.body, token, "not shown again");
  t.match(mainText(again.body), "You have a calendar feed.");

  const feed = await app.inject({ url: path! });
  t.equal(feed.statusCode, 200);
  t.match(feed.headers["content-type"], "text/calendar");
  t.match(feed.headers["cache-control"], "no-store");
  const body = feed.body;
  for (const personal of ["zebulon@example.org", "0612345678", "0687654321", "Zebulon", "Quartermaine", "أبو", "علي", "broer", "rolstoel", "Cancelled", "Tilburg Client", "Too Late", "TTTT"]) {
    t.notMatch(body, personal, `no "${personal}" in the feed`);
  }
  t.match(body, "DTSTART;TZID=Europe/Amsterdam:20270323T100000");
  t.match(body, "DTSTART;TZID=Europe/Amsterdam:20270330T100000");
  t.match(body, /BEGIN:VTIMEZONE\r?\nTZID:Europe\/Amsterdam/);
  t.same([...new Set(body.match(/^DTSTAMP:.*$/gm)!.map((l) => l.trim()))], ["DTSTAMP:20270315T080000Z"], "DTSTAMP in UTC from the app's clock");

  const events = eventsOf(body);
  const code = (b: { code: string }) => `${b.code.slice(0, 4)}-${b.code.slice(4)}`;
  const bookings = events.filter((e) => e.uid.startsWith("feed-booking-"));
  t.same(
    bookings.map((e) => ({ summary: e.summary, start: e.start.toISOString(), end: e.end?.toISOString(), tz: (e.start as Date & { tz?: string }).tz, uid: e.uid })),
    [
      { summary: `Appointment ${code(zebulon)}`, start: "2027-03-23T09:00:00.000Z", end: "2027-03-23T09:20:00.000Z", tz: "Europe/Amsterdam", uid: `feed-booking-${zebulon.id}@spreekuur.test` },
      { summary: `Appointment ${code(amina)}`, start: "2027-03-30T08:00:00.000Z", end: "2027-03-30T08:20:00.000Z", tz: "Europe/Amsterdam", uid: `feed-booking-${amina.id}@spreekuur.test` },
    ],
  );
  t.same(bookings.map((e) => `${local(e.start).toFormat("ccc d LLL HH:mm")}`), ["Tue 23 Mar 10:00", "Tue 30 Mar 10:00"], "10:00 local on both sides");

  const sessions = events.filter((e) => e.uid.startsWith("feed-session-"));
  t.equal(sessions.length + bookings.length, events.length, "nothing else");
  // Tuesdays 10–12 and Thursdays 13–15 for twelve weeks from Monday 15 March; closed on
  // King's Day (Tuesday 27 April) and Ascension Day (Thursday 6 May).
  t.same(
    sessions.map((e) => `${local(e.start).toFormat("yyyy-MM-dd HH:mm")}–${local(e.end!).toFormat("HH:mm")}`),
    [
      "2027-03-16 10:00–12:00", "2027-03-18 13:00–15:00", "2027-03-23 10:00–12:00", "2027-03-25 13:00–15:00",
      "2027-03-30 10:00–12:00", "2027-04-01 13:00–15:00", "2027-04-06 10:00–12:00", "2027-04-08 13:00–15:00",
      "2027-04-13 10:00–12:00", "2027-04-15 13:00–15:00", "2027-04-20 10:00–12:00", "2027-04-22 13:00–15:00",
      "2027-04-29 13:00–15:00", "2027-05-04 10:00–12:00", "2027-05-11 10:00–12:00", "2027-05-13 13:00–15:00",
      "2027-05-18 10:00–12:00", "2027-05-20 13:00–15:00", "2027-05-25 10:00–12:00", "2027-05-27 13:00–15:00",
      "2027-06-01 10:00–12:00", "2027-06-03 13:00–15:00",
    ],
  );
  t.same([...new Set(sessions.map((e) => e.summary))], ["Consultation hours Zwolle — Wijkcentrum Holtenbroek"], "in the user's language");
  t.match(text(sessions[0]!.location), "Rembrandtlaan 2, 8031 RK Zwolle");
  t.equal(sessions[4]!.start.toISOString(), "2027-03-30T08:00:00.000Z", "after the change: UTC+2");
  t.equal(sessions[2]!.start.toISOString(), "2027-03-23T09:00:00.000Z", "before the change: UTC+1");
  t.equal(new Set(events.map((e) => e.uid)).size, events.length, "a UID per event");

  const later = await app.inject({ url: path! });
  t.same(eventsOf(later.body).map((e) => e.uid), events.map((e) => e.uid), "stable UIDs");
  t.same(
    (await db.auditEntry.findMany({ where: { entityType: "user", action: { startsWith: "user.feed" } } })).map((a) => [a.action, a.entityId]),
    [["user.feed-created", user.id]],
  );
});

t.test("renewing, revoking and disabling switch the old URL off", async (t) => {
  const { app, db } = await buildTestApp(t, { now: "2027-03-15T08:00:00Z" });
  const { browser, user } = await signedIn(app, db, { role: "OFFICER", offices: ["zwolle"] });
  const first = feedUrlOf((await browser.post("/staff/calendar/feed")).body)!;
  t.equal((await app.inject({ url: first })).statusCode, 200);

  const renewed = await browser.post("/staff/calendar/feed");
  const second = feedUrlOf(renewed.body)!;
  t.not(second, first);
  const old = await app.inject({ url: first });
  t.equal(old.statusCode, 404, "renewed: the old URL is dead");
  t.equal(old.body, "Not found");
  t.match(old.headers["content-type"], "text/plain");
  t.equal((await app.inject({ url: second })).statusCode, 200);

  const revoked = await browser.post("/staff/calendar/revoke");
  t.equal(location(revoked), "/staff/calendar?done=revoked");
  t.match(mainText((await browser.get(location(revoked))).body), "The link has been revoked and no longer works.");
  t.equal((await app.inject({ url: second })).statusCode, 404, "revoked");
  t.equal((await db.staffUser.findUniqueOrThrow({ where: { id: user.id } })).feedTokenHash, null);

  const third = feedUrlOf((await browser.post("/staff/calendar/feed")).body)!;
  t.equal((await app.inject({ url: third })).statusCode, 200);
  await db.staffUser.update({ where: { id: user.id }, data: { disabled: true } });
  const disabled = await app.inject({ url: third });
  t.same([disabled.statusCode, disabled.body], [404, "Not found"], "a disabled user's feed is gone too");

  // An administrator works for every office, so their feed has every office's sessions.
  const { browser: admin } = await signedIn(app, db, { role: "ADMIN" });
  const adminFeed = await app.inject({ url: feedUrlOf((await admin.post("/staff/calendar/feed")).body)! });
  t.same([...new Set(eventsOf(adminFeed.body).map((e) => text(e.location).split(", ").pop()))].sort(), ["1091 GR Amsterdam", "2593 BH Den Haag", "5038 CH Tilburg", "8031 RK Zwolle"]);

  for (const url of ["/feeds/abc.ics", `/feeds/${"A".repeat(43)}.ics`, third.replace(".ics", ""), `${third}x`, "/feeds/"]) {
    t.equal((await app.inject({ url })).statusCode, 404, url.slice(0, 20));
  }
  t.same(
    (await db.auditEntry.findMany({ where: { action: { startsWith: "user.feed" } }, orderBy: { id: "asc" } })).map((a) => a.action),
    ["user.feed-created", "user.feed-renewed", "user.feed-revoked", "user.feed-created", "user.feed-created"],
  );
});

t.test("a series hosted by one officer is in that officer's feed, not in a colleague's at the same office", async (t) => {
  const { app, db } = await buildTestApp(t, { now: "2027-03-15T08:00:00Z" });
  await bookSlot(app, "/nl/offices/zwolle/book?slot=2027-03-16T09:00:00.000Z", { ...validBooking, name: "Tuesday Client" });
  await bookSlot(app, "/nl/offices/zwolle/book?slot=2027-03-18T12:00:00.000Z", { ...validBooking, name: "Thursday Client" });
  const sanne = await signedIn(app, db, { role: "OFFICER", offices: ["zwolle"], email: "sanne@iom.test" });
  const piet = await signedIn(app, db, { role: "OFFICER", offices: ["zwolle"], email: "piet@iom.test" });
  const zwolle = await db.office.findUniqueOrThrow({ where: { slug: "zwolle" } });
  await db.consultationSeries.updateMany({ where: { officeId: zwolle.id, weekdays: "2" }, data: { hostId: sanne.user.id } });
  const firstWeek = async (browser: typeof sanne.browser) => {
    const feed = await app.inject({ url: feedUrlOf((await browser.post("/staff/calendar/feed")).body)! });
    return eventsOf(feed.body)
      .filter((e) => e.start.getTime() < Date.parse("2027-03-21T00:00:00Z"))
      .map((e) => `${local(e.start).toFormat("ccc HH:mm")} ${text(e.summary).replace(/^Appointment [A-Z0-9]{4}-[A-Z0-9]{4}$/, "Appointment")}`)
      .sort();
  };
  const session = "Consultation hours Zwolle — Wijkcentrum Holtenbroek";
  t.same(await firstWeek(sanne.browser), ["Thu 13:00 Appointment", `Thu 13:00 ${session}`, "Tue 10:00 Appointment", `Tue 10:00 ${session}`], "her Tuesdays and the unhosted Thursdays");
  t.same(await firstWeek(piet.browser), ["Thu 13:00 Appointment", `Thu 13:00 ${session}`], "no Tuesdays: Sanne hosts them");
});
