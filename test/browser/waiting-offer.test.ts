// A freed place offered to the waiting list, end to end in a real Chromium: reception puts
// someone on tomorrow's full list with their email address, a client cancels, the email
// with the link goes out, the person opens it and takes the place; and the desk's side of
// an offer without a message. axe on every page.
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import t from "tap";
import { projectRoot } from "../../src/paths.ts";
import { cancelBooking } from "../../src/domain/booking/cancel-booking.ts";
import { buildTestApp } from "../helpers/app.ts";
import { axeViolations } from "../helpers/axe.ts";
import { book } from "../helpers/bookings.ts";
import { sharedChromium, skipWithoutChromium, staffContext } from "../helpers/browser.ts";
import { createStaff, PASSWORD } from "../helpers/staff.ts";

const outDir = join(projectRoot, "test-output");

/** A screenshot of the page at phone and at desktop width, for people to look at. */
async function shoot(page: Page, name: string) {
  mkdirSync(outDir, { recursive: true });
  const size = page.viewportSize()!;
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 844 });
    await page.screenshot({ path: join(outDir, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize(size);
}

const at = (hhmm: string) => new Date(`2026-12-01T${hhmm}:00+01:00`).toISOString();

t.test("reception adds someone to tomorrow's waiting list; a place is freed; they take it by the link in their email", { skip: skipWithoutChromium }, async (t) => {
  const { app, db, clock, dir } = await buildTestApp(t, { now: "2026-11-25T08:00:00Z", env: { PUBLIC_URL: "http://127.0.0.1" } });
  const booked = [];
  for (const hhmm of ["10:00", "10:20", "10:40", "11:00", "11:20", "11:40"]) booked.push(await book(app, "zwolle", at(hhmm), { name: `Client ${hhmm}` }));
  clock.set("2026-11-30T14:00:00Z"); // Monday 15:00: tomorrow's session is full
  await createStaff(db, { role: "RECEPTION", offices: ["zwolle"], email: "desk@iom.test", locale: "en" });
  const zwolle = await db.office.findUniqueOrThrow({ where: { slug: "zwolle" } });
  const base = await app.listen({ port: 0, host: "127.0.0.1" });
  const browser = await sharedChromium(t);

  const desk = await (await staffContext(browser, base, "desk@iom.test", PASSWORD)).newPage();
  await desk.goto(`${base}/staff/offices/${zwolle.id}/day?date=2026-12-01`);
  await desk.getByRole("link", { name: "Add to the waiting list" }).click();
  t.same(await axeViolations(desk), [], "the waiting list form has no axe violations");
  await shoot(desk, "waiting-form-en");
  await desk.getByLabel("Name or alias").fill("Farida");
  await desk.getByLabel("Email address").fill("farida@example.org");
  await desk.getByLabel("Language of the messages").selectOption("fa");
  await Promise.all([desk.waitForURL(/day\?date=2026-12-01#waiting-\d+$/), desk.getByRole("button", { name: "Add to the waiting list" }).click()]);
  t.match(await desk.locator("ul.waiting").innerText(), "Farida");
  t.match(await desk.locator("ul.waiting").innerText(), "a freed place: by email");

  await cancelBooking(app.deps, { actor: { type: "client" }, bookingId: booked[3]!.id, by: "client" }, clock.now());
  await app.outbox.runOnce();
  const mail = readdirSync(join(dir, "mail"))
    .map((f) => readFileSync(join(dir, "mail", f), "utf8"))
    .find((m) => m.includes("To: farida@example.org"));
  t.ok(mail, "the offer went out by email");
  const link = /http:\/\/127\.0\.0\.1\/o\/[A-Za-z0-9_-]{22}/.exec(mail!.replace(/=\r?\n/g, ""))?.[0];
  t.ok(link, "with the link");

  const client = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await client.goto(link!.replace("http://127.0.0.1", base));
  t.match(client.url(), /\/fa\/offer\//, "in the language of the messages");
  t.equal(await client.locator("html").getAttribute("dir"), "rtl");
  t.same(await axeViolations(client), [], "the offer page has no axe violations");
  await shoot(client, "offer-fa");
  await Promise.all([client.waitForURL(/\/fa\/booking\/[A-Za-z0-9_-]{22}\/confirmation$/), client.locator('button[value="accept"]').click()]);
  t.same(await axeViolations(client), [], "nor the confirmation it leads to");
  const mine = await db.booking.findFirstOrThrow({ where: { name: "Farida" } });
  t.same([mine.startsAt.toISOString(), mine.status, mine.email, mine.locale], [at("11:00"), "BOOKED", "farida@example.org", "fa"]);

  await desk.goto(`${base}/staff/offices/${zwolle.id}/day?date=2026-12-01`);
  const offers = await desk.locator("ul.offers").innerText();
  t.match(offers, "11:00 offered to Farida, by email, at 15:00");
  t.match(offers, "took the place at 15:00");
  t.match(await desk.locator(`#booking-${mine.id}`).innerText(), "Farida", "and she is on the day list at 11:00");
  t.same(await axeViolations(desk), [], "the day list with its offers has no axe violations");
  await shoot(desk, "offers-day-list-en");
});

t.test("an offer reception must make by telephone: the desk sees whom to call and records the answer", { skip: skipWithoutChromium }, async (t) => {
  const { app, db, clock } = await buildTestApp(t, { now: "2026-11-25T08:00:00Z", env: { PUBLIC_URL: "http://127.0.0.1" } });
  const booked = [];
  for (const hhmm of ["10:00", "10:20", "10:40", "11:00", "11:20", "11:40"]) booked.push(await book(app, "zwolle", at(hhmm), { name: `Client ${hhmm}` }));
  clock.set(at("09:30")); // Tuesday, the day itself
  const zwolle = await db.office.findUniqueOrThrow({ where: { slug: "zwolle" } });
  await db.waitingListEntry.create({ data: { officeId: zwolle.id, date: "2026-12-01", sessionStart: "10:00", name: "Giorgi", phone: "+31633334444", language: "ka", interpreterNeeded: true, createdAt: clock.now() } });
  await createStaff(db, { role: "RECEPTION", offices: ["zwolle"], email: "desk@iom.test", locale: "nl" });
  const base = await app.listen({ port: 0, host: "127.0.0.1" });
  await cancelBooking(app.deps, { actor: { type: "client" }, bookingId: booked[2]!.id, by: "client" }, clock.now());
  const browser = await sharedChromium(t);
  const desk = await (await staffContext(browser, base, "desk@iom.test", PASSWORD)).newPage();
  await desk.setViewportSize({ width: 390, height: 844 });
  await desk.goto(`${base}/staff/offices/${zwolle.id}/day`);
  t.match(await desk.locator("ul.offers").innerText(), "Bel deze persoon: 06 33334444");
  t.same(await axeViolations(desk), [], "no axe violations on a phone-sized screen");
  await shoot(desk, "offers-call-nl");
  await Promise.all([desk.waitForURL(/#offer-\d+$/), desk.getByRole("button", { name: "Zegt nee of niet bereikt – Giorgi" }).click()]);
  t.match(await desk.locator("ul.offers").innerText(), "heeft nee gezegd om 09:30");
  t.equal((await db.booking.findUniqueOrThrow({ where: { id: booked[2]!.id } })).seat, null, "nobody else waits: the place is free again");
  t.match(await desk.locator("main").innerText(), "Inloop toevoegen", "and open for a walk-in");
});
