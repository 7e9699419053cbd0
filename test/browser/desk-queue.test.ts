// The desk and the waiting room in a real Chromium: the scan field typed into as a
// scanner does (keys and Enter, no clicks), call next, the ticket, and the calling screen
// read from 5 m: large type, a tone where JavaScript runs, a reload without it, and a
// screen that comes back by itself after the server was away. axe on every page.
import { Writable } from "node:stream";
import type { FastifyInstance } from "fastify";
import type { Page } from "playwright-core";
import t from "tap";
import { buildApp } from "../../src/app.ts";
import { recordDeskAction } from "../../src/domain/booking/record-outcome.ts";
import { callNext, recallTicket } from "../../src/domain/queue/call-next.ts";
import { issueScreenLink } from "../../src/domain/queue/calling-screen.ts";
import { lastCallMark } from "../../src/domain/queue/queue-state.ts";
import { buildTestApp } from "../helpers/app.ts";
import { axeViolations } from "../helpers/axe.ts";
import { book } from "../helpers/bookings.ts";
import { sharedChromium, skipWithoutChromium, staffContext } from "../helpers/browser.ts";
import { createStaff, PASSWORD } from "../helpers/staff.ts";

const at = (hhmm: string) => new Date(`2026-12-01T${hhmm}:00+01:00`);

async function setup(t: Parameters<typeof buildTestApp>[0]) {
  const built = await buildTestApp(t, { now: "2026-11-25T08:00:00Z", env: { PUBLIC_URL: "http://127.0.0.1" } });
  const { app, db, clock } = built;
  const amina = await book(app, "zwolle", at("10:00").toISOString(), { name: "Amina" });
  const bat = await book(app, "zwolle", at("10:40").toISOString(), { name: "Bat-Erdene" });
  clock.set(at("09:50"));
  await createStaff(db, { role: "OFFICER", offices: ["zwolle"], email: "officer@iom.test", locale: "nl" });
  const zwolle = await db.office.findUniqueOrThrow({ where: { slug: "zwolle" } });
  const base = await app.listen({ port: 0, host: "127.0.0.1" });
  return { ...built, amina, bat, zwolle, base, day: `${base}/staff/offices/${zwolle.id}/day` };
}

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? "");

t.test("a scanner types codes into the day list: each is checked in, the field keeps the focus; call next and the ticket", { skip: skipWithoutChromium }, async (t) => {
  const { base, day, amina, bat } = await setup(t);
  const browser = await sharedChromium(t);
  const context = await staffContext(browser, base, "officer@iom.test", PASSWORD);
  const page = await context.newPage();
  await page.goto(day);
  t.equal(await focusedId(page), "scan-code", "the field has the focus when the list opens");
  await Promise.all([page.waitForURL(/scan=checked-in/), page.keyboard.type(`${amina.code}\n`)]);
  t.equal(await page.locator(".scan-result").innerText(), "Ingecheckt: Amina, afspraak om 10:00. Wachtnummer Z-01.\n\nBonnetje Z-01");
  t.equal(await focusedId(page), "scan-code", "and again after the scan, for the next one");
  // Someone clicks on the page's text; the next scan still lands in the field (desk.js).
  await page.locator("h1").click();
  await Promise.all([page.waitForURL(new RegExp(`scan=checked-in&booking=${bat.id}$`)), page.keyboard.type(`${bat.code.slice(0, 4)}-${bat.code.slice(4).toLowerCase()}\n`)]);
  t.match(await page.locator(".scan-result").innerText(), "Ingecheckt: Bat-Erdene, afspraak om 10:40. Wachtnummer Z-02.");
  await Promise.all([page.waitForURL(/scan=unknown/), page.keyboard.type("ABCD-EFGH\n")]);
  t.equal(await page.locator(".scan-result").innerText(), "Deze code kennen we niet. Controleer de code en probeer het opnieuw.");
  t.same(await axeViolations(page), [], "the day list with the queue has no axe violations");

  await page.getByLabel("Kamer of balie").fill("Balie 2");
  await Promise.all([page.waitForURL(/call=called/), page.getByRole("button", { name: "Volgende oproepen" }).click()]);
  t.equal(await page.locator(".call-result").innerText(), "Opgeroepen: Z-01 (Amina) naar Balie 2.");
  t.same(await axeViolations(page), [], "nor after a call");

  await page.goto(day);
  await page.getByRole("link", { name: "Z-02" }).click();
  t.equal(await page.locator("h1").innerText(), "Wachtnummer\nZ-02");
  t.same(await axeViolations(page), [], "nor the ticket");
  const pdf = await page.pdf({ preferCSSPageSize: true });
  t.ok(pdf.length > 500, "the ticket prints");

  await page.goto(`${base}/staff/offices/${(await page.evaluate(() => location.pathname)).split("/")[3]}/screen-link`);
  t.same(await axeViolations(page), [], "nor the screen-link page");
});

t.test("the calling screen: readable from 5 m, a tone on each call, a reload without JavaScript, back by itself after the server was away", { skip: skipWithoutChromium }, async (t) => {
  const built = await setup(t);
  const { db, clock, config, zwolle, amina, bat, base } = built;
  const token = await issueScreenLink(db, { actor: { type: "system" }, officeId: zwolle.id }, clock.now());
  const actor = { type: "staff" as const, id: (await db.staffUser.findFirstOrThrow()).id };
  let app: FastifyInstance = built.app;
  for (const b of [amina, bat]) await recordDeskAction(app.deps, { actor, bookingId: b.id, action: "check-in" }, clock.now());
  await callNext(app.deps, { actor, office: zwolle, to: "Balie 2", seen: "none" }, clock.now());

  const browser = await sharedChromium(t);
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const screen = await context.newPage();
  await screen.goto(`${base}/screen/${token}`);
  t.equal(await screen.locator("[data-number]").innerText(), "Z-01");
  t.equal(await screen.locator("[data-to]").innerText(), "Balie 2");
  t.same(await axeViolations(screen), [], "the calling screen has no axe violations");
  const size = (selector: string) => screen.locator(selector).evaluate((el) => ({ font: parseFloat(getComputedStyle(el).fontSize), height: el.getBoundingClientRect().height }));
  const number = await size("[data-number]");
  const desk = await size("[data-to]");
  // At 1080 lines (a 40-inch screen is about 50 cm high), 120 px is about 5.5 cm of type:
  // letters 4 cm high and more, which signage guidance asks for at 5 m and beyond.
  t.ok(number.font >= 200, `the number is set at ${number.font}px (24% of the screen's height)`);
  t.ok(desk.font >= 120, `the room or desk at ${desk.font}px`);
  t.ok(number.height >= 200, `and the number's box is ${number.height}px high`);
  t.equal(await screen.locator("svg.icon").count(), 4, "pictograms: bell, ticket, arrow, speaker");
  t.notMatch(await screen.content(), "Amina", "no name on the screen");

  const noScript = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 720 } });
  const plain = await noScript.newPage();
  await plain.goto(`${base}/screen/${token}`);
  t.equal(await plain.locator("[data-number]").innerText(), "Z-01");
  t.equal(await plain.getByRole("button", { name: "Geluid aan" }).isVisible(), false, "no sound button without JavaScript");

  // A browser lets a page sound only after a touch (unless the screen's browser is set
  // to allow it): the button is there for that touch.
  const sound = screen.getByRole("button", { name: "Geluid aan" });
  if (await sound.isVisible()) await sound.click();
  t.equal(await sound.isVisible(), false, "the sound is on");
  const called = await db.queueTicket.findMany({ where: { calledAt: { not: null } }, orderBy: { calledAt: "desc" } });
  await callNext(app.deps, { actor, office: zwolle, to: "Kamer 3", seen: lastCallMark(called) }, clock.now());
  await screen.locator("[data-number]", { hasText: "Z-02" }).waitFor({ timeout: 20_000 });
  t.equal(await screen.locator("[data-to]").innerText(), "Kamer 3", "the new call shows without a reload (JavaScript)");
  t.equal(await screen.locator("[data-previous] li").first().innerText(), "Z-01 Balie 2");
  await screen.waitForFunction(() => document.body.dataset.tones === "1", undefined, { timeout: 10_000 });
  t.pass("one tone for the new call (Web Audio)");
  // Without JavaScript the page reloads itself every 5 seconds (meta refresh).
  await plain.locator("[data-to]", { hasText: "Kamer 3" }).waitFor({ timeout: 20_000 });
  t.equal(await plain.locator("[data-number]").innerText(), "Z-02", "the screen without JavaScript shows the call after its own reload");
  await noScript.close();

  // The server goes away: the JavaScript screen keeps the last call and says so.
  await app.close();
  await screen.locator("[data-offline]").waitFor({ state: "visible", timeout: 20_000 });
  t.equal(await screen.locator("[data-number]").innerText(), "Z-02", "the last call stays on the screen");
  // A new server on the same database and address: the screen carries on by itself.
  app = await buildApp({ config, clock, db, logStream: new Writable({ write: (_chunk, _encoding, done) => done() }) });
  t.teardown(() => app.close());
  await app.listen({ port: Number(new URL(base).port), host: "127.0.0.1" });
  const ticket = await db.queueTicket.findFirstOrThrow({ where: { number: 2 } });
  await recallTicket(app.deps, { actor, office: zwolle, ticketId: ticket.id, calls: 1, to: "Kamer 4" }, clock.now());
  await screen.locator("[data-to]", { hasText: "Kamer 4" }).waitFor({ timeout: 20_000 });
  t.equal(await screen.locator("[data-offline]").isVisible(), false, "the notice is gone");
  await screen.waitForFunction(() => document.body.dataset.tones === "2", undefined, { timeout: 10_000 });
  t.pass("a recall sounds again");
});
