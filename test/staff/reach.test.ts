// No silent gaps: wherever staff cancel, move or close, every affected client is listed
// with how they will be told — email, text message, their caseworker, or nobody (then the
// officer must call, on the number the client gave) — and no banner says the clients are
// told while some are not.
import t from "tap";
import { buildTestApp } from "../helpers/app.ts";
import { bookSlot, location, mainText, validBooking } from "../helpers/forms.ts";
import { signedIn } from "../helpers/staff.ts";
import { officeIds, offeredSlots } from "./schedule-support.ts";

const dashed = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;

/** Four clients on Tuesday 8 December in Zwolle, each reached another way (or not at all). */
async function bookMix(app: Parameters<typeof bookSlot>[0], db: Awaited<ReturnType<typeof buildTestApp>>["db"]) {
  const book = async (slot: string, fields: Record<string, string>) => {
    const { response } = await bookSlot(app, `/en/offices/zwolle/book?slot=${slot}`, { ...validBooking, ...fields });
    if (response.statusCode !== 303) throw new Error(`booking answered ${response.statusCode}`);
    return db.booking.findFirstOrThrow({ where: { name: fields.name } });
  };
  const mail = await book("2026-12-08T09:00:00.000Z", { name: "Mail Client", email: "mail@example.org" });
  const phone = await book("2026-12-08T09:20:00.000Z", { name: "Phone Client", phone: "06 1111 2222" });
  const none = await book("2026-12-08T09:40:00.000Z", { name: "Alias Only" });
  const text = await book("2026-12-08T10:00:00.000Z", { name: "Text Client", phone: "06 3333 4444" });
  await db.booking.update({ where: { id: text.id }, data: { smsConsent: true } });
  return { mail, phone, none, text };
}

const rowText = (html: string, code: string) => {
  const row = [...html.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim()).find((r) => r.includes(code));
  return row ?? "";
};

t.test("closing a date: the check and the result name each client's way of hearing, and who to call", async (t) => {
  const { app, db } = await buildTestApp(t);
  const ids = await officeIds(db);
  const { browser } = await signedIn(app, db, { role: "OFFICER", offices: ["zwolle"] });
  const base = `/staff/offices/${ids.zwolle}/schedule`;
  const b = await bookMix(app, db);
  const closure = { kind: "CLOSURE", date: "2026-12-08", endDate: "", reason: "" };

  const check = await browser.post(`${base}/exceptions`, closure);
  t.equal(check.statusCode, 200);
  t.match(rowText(check.body, dashed(b.mail.code)), "Mail Client This time no longer exists Told by email");
  t.match(rowText(check.body, dashed(b.text.code)), "Told by text message");
  t.match(rowText(check.body, dashed(b.phone.code)), "Nobody is told — call them: 06 11112222");
  t.match(rowText(check.body, dashed(b.none.code)), "Nobody is told, and no phone number was given");
  const checkText = mainText(check.body);
  t.notMatch(checkText, "Every client gets a message", "never 'everyone is told' while two are not");
  t.match(checkText, "2 clients get no message. Call them yourself:");
  t.match(checkText, `${dashed(b.phone.code)} Phone Client, Tuesday, 8 December 2026, 10:20–10:40: Nobody is told — call them: 06 11112222`);
  t.match(checkText, `${dashed(b.none.code)} Alias Only, Tuesday, 8 December 2026, 10:40–11:00: Nobody is told, and no phone number was given`);

  const shown = [b.mail, b.phone, b.none, b.text].map((x) => x.id).join(",");
  const done = await browser.post(`${base}/exceptions`, { ...closure, confirm: "yes", shown, clientReason: "The office is closed" });
  t.equal(done.statusCode, 303);
  const result = await browser.get(location(done));
  const banner = /<div class="(notice|success)" role="status">([\s\S]*?)<\/div>/.exec(result.body);
  t.equal(banner?.[1], "notice", "not shown as plain success");
  const bannerText = banner![2]!.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim();
  t.match(bannerText, "Bookings cancelled: 4. Bookings moved: 0. 2 clients get no message: call them. See the list below.");
  t.notMatch(bannerText, /every client|are (being )?informed|get an email/i);
  t.match(rowText(result.body, dashed(b.mail.code)), "Mail Client Cancelled Told by email");
  t.match(rowText(result.body, dashed(b.phone.code)), "Phone Client Cancelled Nobody is told — call them: 06 11112222");
  t.match(rowText(result.body, dashed(b.none.code)), "Alias Only Cancelled Nobody is told, and no phone number was given");
  t.match(rowText(result.body, dashed(b.text.code)), "Text Client Cancelled Told by text message");
  t.equal((result.body.match(/class="must-call"/g) ?? []).length, 2, "marked in words, with a class for the eye");

  // Someone else's ids in the address show nothing of another office.
  const tilburgSlot = offeredSlots((await app.inject({ url: "/en/offices/tilburg" })).body)[0]!;
  t.equal((await bookSlot(app, `/en/offices/tilburg/book?slot=${tilburgSlot}`, { ...validBooking, name: "Tilburg Person" })).response.statusCode, 303);
  const other = await db.booking.findFirstOrThrow({ where: { name: "Tilburg Person" } });
  const foreign = await browser.get(`${base}?done=exception.create&cancelled=1&moved=0&bookings=${other.id}`);
  t.equal(foreign.statusCode, 200);
  t.notMatch(foreign.body, "Tilburg Person");
  for (const junk of ["1,,2", "x", "-1", "1".repeat(40), ""]) {
    t.equal((await browser.get(`${base}?done=exception.create&cancelled=1&moved=0&bookings=${encodeURIComponent(junk)}`)).statusCode, 200, `bookings=${junk}`);
  }
});

t.test("when every client is reached, the check and the result say so", async (t) => {
  const { app, db } = await buildTestApp(t);
  const ids = await officeIds(db);
  const { browser } = await signedIn(app, db, { role: "OFFICER", offices: ["zwolle"] });
  const base = `/staff/offices/${ids.zwolle}/schedule`;
  const { response } = await bookSlot(app, "/en/offices/zwolle/book?slot=2026-12-08T09:00:00.000Z", { ...validBooking, name: "Mail Client", email: "mail@example.org" });
  t.equal(response.statusCode, 303);
  const booking = await db.booking.findFirstOrThrow();
  const closure = { kind: "CLOSURE", date: "2026-12-08", endDate: "", reason: "" };
  const check = mainText((await browser.post(`${base}/exceptions`, closure)).body);
  t.match(check, "Every client gets a message in their own language, as the list shows.");
  t.notMatch(check, "get no message");
  const done = await browser.post(`${base}/exceptions`, { ...closure, confirm: "yes", shown: String(booking.id), clientReason: "Closed" });
  const result = await browser.get(location(done));
  t.match(result.body, '<div class="success" role="status">');
  t.match(mainText(result.body), "Bookings cancelled: 1. Bookings moved: 0. Every client gets a message, as the list below shows.");
});

t.test("cancelling or moving one booking: the form and the result say how the client hears of it, or who to call", async (t) => {
  const { app, db } = await buildTestApp(t);
  const { browser } = await signedIn(app, db, { role: "OFFICER", offices: ["zwolle"] });
  const b = await bookMix(app, db);
  const reachLine = (html: string) => /<p class="(reach|notice)">([^<]*)<\/p>/.exec(html)?.slice(1);
  const banner = (html: string) => {
    const m = /<div class="(success|notice)" role="status">([\s\S]*?)<\/div>/.exec(html);
    return m ? [m[1], m[2]!.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim()] : null;
  };

  t.same(reachLine((await browser.get(`/staff/bookings/${b.mail.id}`)).body), ["reach", "Told by email"]);
  t.same(reachLine((await browser.get(`/staff/bookings/${b.text.id}`)).body), ["reach", "Told by text message"]);
  t.same(reachLine((await browser.get(`/staff/bookings/${b.phone.id}`)).body), ["notice", "Nobody is told — call them: 06 11112222"]);
  t.same(reachLine((await browser.get(`/staff/bookings/${b.none.id}/move`)).body), ["notice", "Nobody is told, and no phone number was given"], "the move page too");

  const cancelled = await browser.post(`/staff/bookings/${b.phone.id}/cancel`, { reason: "Ill" });
  t.same(banner((await browser.get(location(cancelled))).body), ["notice", "The booking has been cancelled. Nobody is told — call them: 06 11112222"], "never 'the client is told'");
  const mailed = await browser.post(`/staff/bookings/${b.mail.id}/cancel`, { reason: "Ill" });
  t.same(banner((await browser.get(location(mailed))).body), ["success", "The booking has been cancelled. Told by email"]);
  const moved = await browser.post(`/staff/bookings/${b.none.id}/move`, { slot: "2026-12-03T12:00:00.000Z" });
  t.equal(moved.statusCode, 303);
  t.same(banner((await browser.get(location(moved))).body), ["notice", "The booking has been moved. Nobody is told, and no phone number was given"]);
});

t.test("the day list marks, in words, the expected clients no message reaches", async (t) => {
  const { app, db, clock } = await buildTestApp(t);
  const ids = await officeIds(db);
  const b = await bookMix(app, db);
  clock.set("2026-12-08T07:00:00Z");
  const { browser } = await signedIn(app, db, { role: "RECEPTION", offices: ["zwolle"] });
  const page = await browser.get(`/staff/offices/${ids.zwolle}/day?date=2026-12-08`);
  t.equal(page.statusCode, 200);
  const row = (id: number) => (new RegExp(`<tr id="booking-${id}"[^>]*>([\\s\\S]*?)</tr>`).exec(page.body)?.[1] ?? "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
  t.match(row(b.phone.id), "Phone Client Gets no messages");
  t.match(row(b.none.id), "Alias Only Gets no messages");
  t.notMatch(row(b.mail.id), "Gets no messages");
  t.notMatch(row(b.text.id), "Gets no messages");
  t.match(page.body, '<span class="badge must-call">Gets no messages</span>');
});
