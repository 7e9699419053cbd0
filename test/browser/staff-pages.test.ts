// The staff pages changed for "no silent gaps" and the polish round, in a real Chromium:
// zero axe violations, a header laid out from start to end whatever the menu holds, and
// screenshots at 390 px and 1280 px in test-output/ for people to look at.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import t from "tap";
import { projectRoot } from "../../src/paths.ts";
import { axeViolations } from "../helpers/axe.ts";
import { buildTestApp } from "../helpers/app.ts";
import { sharedChromium, skipWithoutChromium, staffContext } from "../helpers/browser.ts";
import { bookSlot, validBooking } from "../helpers/forms.ts";
import { createStaff, PASSWORD } from "../helpers/staff.ts";

const outDir = join(projectRoot, "test-output");
const widths = [390, 1280] as const;

/** Where the brand ends, the menu begins, and the account and the header's content end. */
interface HeaderBox { brandRight: number; brandTop: number; navLeft: number | null; navTop: number | null; accountRight: number; wrapRight: number }
// A string, so the test runner's transform adds nothing the page does not know.
const measureHeader = `(() => {
  const brand = document.querySelector(".site-header .brand").getBoundingClientRect();
  const link = document.querySelector(".staff-nav li a");
  const nav = link ? link.getBoundingClientRect() : null;
  const account = document.querySelector(".site-header .account").getBoundingClientRect();
  const wrap = document.querySelector(".site-header .wrap");
  const padding = parseFloat(getComputedStyle(wrap).paddingInlineEnd);
  return { brandRight: brand.right, brandTop: brand.top, navLeft: nav ? nav.left : null, navTop: nav ? nav.top : null, accountRight: account.right, wrapRight: wrap.getBoundingClientRect().right - padding };
})()`;
const headerBox = (page: Page) => page.evaluate<HeaderBox>(measureHeader);

t.test("changed staff pages: no axe violations, a header from start to end, screenshots at 390 and 1280 px", { skip: skipWithoutChromium }, async (t) => {
  mkdirSync(outDir, { recursive: true });
  const { app, db, clock } = await buildTestApp(t, { now: "2026-11-30T08:00:00Z", env: { PUBLIC_URL: "http://127.0.0.1" } });
  const book = async (slot: string, fields: Record<string, string>) => {
    const { response } = await bookSlot(app, `/en/offices/zwolle/book?slot=${slot}`, { ...validBooking, ...fields });
    if (response.statusCode !== 303) throw new Error(`booking answered ${response.statusCode}`);
    return db.booking.findFirstOrThrow({ where: { name: fields.name } });
  };
  const mail = await book("2026-12-08T09:00:00.000Z", { name: "Amina Haddad", email: "amina@example.org" });
  const phone = await book("2026-12-08T09:20:00.000Z", { name: "Yonas Tesfay", phone: "06 1111 2222" });
  await book("2026-12-08T09:40:00.000Z", { name: "أبو علي" });
  await app.outbox.runOnce();
  const message = await db.outboxMessage.findFirstOrThrow({ where: { kind: "confirmation", status: "SENT" } });
  const zwolle = await db.office.findUniqueOrThrow({ where: { slug: "zwolle" } });
  await createStaff(db, { role: "OFFICER", offices: ["zwolle"], email: "officer@iom.test", name: "Olga Officer", locale: "en" });
  await createStaff(db, { role: "RECEPTION", offices: ["zwolle"], email: "desk@iom.test", name: "Rita Reception", locale: "nl" });
  await createStaff(db, { role: "ADMIN", email: "admin@iom.test", name: "Ada Admin", locale: "nl" });
  const fresh = await createStaff(db, { role: "OFFICER", offices: ["zwolle"], email: "new@iom.test", name: "Nina New", locale: "nl" });
  await db.staffUser.update({ where: { id: fresh.id }, data: { mustChangePassword: true } });
  const base = await app.listen({ port: 0, host: "127.0.0.1" });
  const browser = await sharedChromium(t);

  async function shoot(page: Page, name: string) {
    for (const width of widths) {
      await page.setViewportSize({ width, height: 900 });
      t.same(await axeViolations(page), [], `${name} at ${width} px`);
      const header = await headerBox(page);
      t.ok(header.accountRight <= width && header.brandRight <= width, `${name} at ${width} px: the header fits the screen`);
      await page.screenshot({ path: join(outDir, `staff-${name}-${width}.png`), fullPage: true });
    }
  }

  // Reception: one menu item, right after the brand; the account at the far end.
  clock.set("2026-12-08T07:00:00Z");
  const desk = await (await staffContext(browser, base, "desk@iom.test", PASSWORD)).newPage();
  await desk.goto(`${base}/staff/offices/${zwolle.id}/day?date=2026-12-08`);
  await desk.setViewportSize({ width: 1280, height: 900 });
  const wide = await headerBox(desk);
  t.ok(wide.navLeft !== null && wide.navLeft - wide.brandRight < 40, `the one menu item follows the brand (${wide.brandRight} → ${wide.navLeft})`);
  t.ok(Math.abs(wide.accountRight - wide.wrapRight) < 2, `the account ends where the header does (${wide.accountRight} / ${wide.wrapRight})`);
  t.ok(Math.abs((wide.navTop ?? 0) - wide.brandTop) < 20, "on one line at 1280 px");
  t.match(await desk.locator(`#booking-${phone.id}`).innerText(), "Krijgt geen berichten");
  await shoot(desk, "day-list");

  clock.set("2026-11-30T08:00:00Z");
  const officer = await (await staffContext(browser, base, "officer@iom.test", PASSWORD)).newPage();
  await officer.goto(`${base}/staff/bookings/${phone.id}`);
  await shoot(officer, "booking-call");
  await officer.goto(`${base}/staff/bookings/${mail.id}/move`);
  await shoot(officer, "booking-move");
  await officer.goto(`${base}/staff/outbox/${message.id}/message`);
  await shoot(officer, "outbox-message");
  // Closing the Tuesday: the check, then the result.
  await officer.goto(`${base}/staff/offices/${zwolle.id}/schedule/exceptions/new?kind=CLOSURE`);
  await officer.locator("#field-date").fill("2026-12-07");
  await officer.locator("#field-endDate").fill("2026-12-09");
  await Promise.all([officer.waitForLoadState(), officer.getByRole("button", { name: "Save", exact: true }).click()]);
  t.match(await officer.locator("h1").innerText(), "Check the bookings");
  await shoot(officer, "schedule-check");
  await officer.locator("#field-clientReason").fill("The office is closed for building work.");
  await Promise.all([officer.waitForURL(/done=exception.create/), officer.getByRole("button", { name: "Save the change and inform the clients" }).click()]);
  t.match(await officer.locator("[role=status]").first().innerText(), "2 clients get no message");
  await shoot(officer, "schedule-result");

  // An administrator's long menu, in Dutch.
  const admin = await (await staffContext(browser, base, "admin@iom.test", PASSWORD)).newPage();
  await admin.goto(`${base}/staff/audit`);
  await shoot(admin, "audit");

  // A one-time password: the page asking for one's own, in the language chosen at sign-in.
  const first = await (await browser.newContext()).newPage();
  await first.goto(`${base}/staff/login`);
  await first.getByRole("link", { name: "English" }).click();
  await first.getByLabel("Email address").fill("new@iom.test");
  await first.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await Promise.all([first.waitForURL(/\/staff\/password/), first.getByRole("button", { name: "Sign in" }).click()]);
  t.equal(await first.locator("html").getAttribute("lang"), "en");
  await shoot(first, "password-forced");
  await Promise.all([first.waitForLoadState(), first.getByRole("button", { name: "Nederlands" }).click()]);
  t.equal(await first.locator("html").getAttribute("lang"), "nl", "the language button works before the password is changed");
});
