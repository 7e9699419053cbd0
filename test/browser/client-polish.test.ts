// The public side in a real Chromium, at phone (390 px) and desktop (1280 px) width: the
// compact language control (content starts high; keyboard operable), switching language
// on a filled-in form, a first submit with only an alias, the office page's closed and
// not-yet-open days, and the caseworker's check step. Zero axe violations on each, and
// screenshots of each in test-output/ for people to look at.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import t from "tap";
import { projectRoot } from "../../src/paths.ts";
import { axeViolations } from "../helpers/axe.ts";
import { buildTestApp, type TestContext } from "../helpers/app.ts";
import { sharedChromium, skipWithoutChromium } from "../helpers/browser.ts";

const outDir = join(projectRoot, "test-output");
const now = "2026-11-30T08:00:00Z";
const slot = "2026-12-01T09:00:00.000Z";

async function open(t: TestContext, width = 390) {
  const { app, db } = await buildTestApp(t, { now, env: { PUBLIC_URL: "http://127.0.0.1" } });
  const base = await app.listen({ port: 0, host: "127.0.0.1" });
  const browser = await sharedChromium(t);
  const context = await browser.newContext({ viewport: { width, height: 844 } });
  const page = await context.newPage();
  mkdirSync(outDir, { recursive: true });
  return { app, db, base, page, context };
}

/** A screenshot of the page at phone and at desktop width. */
async function shoot(page: Page, name: string) {
  const size = page.viewportSize()!;
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 844 });
    await page.screenshot({ path: join(outDir, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize(size);
}

const focusedTag = (page: Page) => page.evaluate(() => `${document.activeElement?.tagName.toLowerCase()} ${document.activeElement?.getAttribute("href") ?? document.activeElement?.textContent?.trim() ?? ""}`);

async function tabUntil(page: Page, matches: (focused: string) => boolean): Promise<string> {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press("Tab");
    const focused = await focusedTag(page);
    if (matches(focused)) return focused;
  }
  throw new Error("Tab never reached it");
}

for (const locale of ["nl", "ar", "ti"] as const) {
  t.test(`the language control at 390 px: one line, the content right under it, keyboard operable (${locale})`, { skip: skipWithoutChromium }, async (t) => {
    const { base, page } = await open(t);
    await page.goto(`${base}/${locale}/offices/zwolle`);
    const header = (await page.locator(".site-header").boundingBox())!;
    const heading = (await page.locator("h1").boundingBox())!;
    t.ok(header.height <= 72, `the header is ${Math.round(header.height)} px high (the fifteen links took about 150)`);
    t.ok(heading.y < 200, `the heading starts at ${Math.round(heading.y)} px`);
    const summary = (await page.locator(".languages summary").innerText()).replace(/\s+/g, " ").trim();
    t.equal(summary, { nl: "Taal / Language", ar: "اللغة / Language", ti: "ቋንቋ / Language" }[locale]);
    t.same(await axeViolations(page), [], "no axe violations with the control closed");
    await shoot(page, `polish-office-${locale}`);

    // Tab to the control, open it with Enter: the current language first, then links.
    t.equal(await tabUntil(page, (f) => f.startsWith("summary")), `summary ${summary}`.replace(/\s+/g, " "));
    await page.keyboard.press("Enter");
    t.ok(await page.locator(".languages details").evaluate((d) => (d as HTMLDetailsElement).open), "Enter opens it");
    const items = await page.locator(".languages li").allInnerTexts();
    t.equal(items.length, 15);
    t.match(items[0]!, { nl: "Nederlands", ar: "العربية", ti: "ትግርኛ" }[locale], "the current language first");
    t.equal(await page.locator(".languages li").first().locator("[aria-current]").count(), 1);
    t.same(await axeViolations(page), [], "no axe violations with the control open");
    await shoot(page, `polish-language-menu-${locale}`);
    const next = await tabUntil(page, (f) => f.startsWith("a /language/"));
    t.match(next, locale === "nl" ? "a /language/en?next=%2Fen%2Foffices%2Fzwolle" : "a /language/nl?next=%2Fnl%2Foffices%2Fzwolle", "the next Tab reaches the first other language");
    await Promise.all([page.waitForURL(/\/(en|nl)\/offices\/zwolle$/), page.keyboard.press("Enter")]);
    t.equal(await page.locator("html").getAttribute("lang"), locale === "nl" ? "en" : "nl", "Enter on a language opens the page in it");
  });
}

t.test("a filled-in form: Enter sends it; another language keeps what was typed; only an alias books", { skip: skipWithoutChromium }, async (t) => {
  const { base, page, db } = await open(t);
  await page.goto(`${base}/nl/offices/zwolle/book?slot=${slot}`);
  t.same(await axeViolations(page), [], "the form: no axe violations");
  await shoot(page, "polish-booking-form-nl");
  await page.locator("#field-name").fill("Amina");
  await page.locator("#field-phone").fill("+31 6 1234 5678");
  await Promise.all([page.waitForLoadState("load"), page.waitForURL(/\/nl\/offices\/zwolle\/book$/), page.locator("#field-name").press("Enter")]);
  t.equal(await page.locator("html").getAttribute("lang"), "nl", "Enter in a field sends the form itself, not a language button");
  t.equal(await page.locator(".error-summary a").allInnerTexts().then((a) => a.length), 1, "only the missing tick is a mistake");

  await page.locator(".languages summary").click();
  await Promise.all([page.waitForURL(/\/ar\/offices\/zwolle\/book\/form$/), page.getByRole("button", { name: "العربية" }).click()]);
  t.equal(await page.locator("html").getAttribute("dir"), "rtl");
  t.equal(await page.locator("#field-name").inputValue(), "Amina", "the name is kept");
  t.equal(await page.locator("#field-phone").inputValue(), "+31 6 1234 5678", "the phone number is kept");
  t.equal(await page.locator("#field-language").inputValue(), "ar", "the language to speak follows the page");
  t.ok(await page.locator("#interpreter-no").isChecked(), "no interpreter, as it started");
  t.same(await axeViolations(page), [], "the form shown again in Arabic: no axe violations");
  await shoot(page, "polish-booking-form-ar-switched");

  await page.locator("#field-consent").check();
  await Promise.all([page.waitForURL(/\/ar\/booking\/[\w-]{22}\/confirmation$/), page.locator("form.booking-form button.primary").click()]);
  const booking = await db.booking.findFirstOrThrow();
  t.same([booking.name, booking.phone, booking.locale, booking.language, booking.interpreterNeeded], ["Amina", "+31612345678", "ar", "ar", false]);
  t.equal(await page.locator(".web-calendars a").count(), 4, "four web calendars beside the .ics file");
  t.same(await axeViolations(page), [], "the confirmation: no axe violations");
  await shoot(page, "polish-confirmation-ar");

  // A fresh form with only an alias and the tick.
  await page.goto(`${base}/en/offices/zwolle/book?slot=2026-12-01T09:20:00.000Z`);
  await page.locator("#field-name").fill("Only alias");
  await page.locator("#field-consent").check();
  await Promise.all([page.waitForURL(/\/en\/booking\/[\w-]{22}\/confirmation$/), page.locator("form.booking-form button.primary").click()]);
  t.equal(await page.locator("h1").innerText(), "Your appointment is booked", "a first submit with only an alias books");
  t.equal(await page.title(), "Your appointment is booked – Consultation hours");
  await shoot(page, "polish-confirmation-en");
});

t.test("the office page: closed days with the holiday's name, days not open yet, weeks beyond the horizon", { skip: skipWithoutChromium }, async (t) => {
  const { base, page } = await open(t);
  for (const [name, url] of [
    ["polish-office-holidays-en", "/en/offices/amsterdam?from=2026-12-21"],
    ["polish-office-holidays-fa", "/fa/offices/amsterdam?from=2026-12-21"],
    ["polish-office-not-open-nl", "/nl/offices/zwolle?from=2027-02-22"],
    ["polish-office-beyond-nl", "/nl/offices/zwolle?from=2027-06-01"],
  ] as const) {
    await page.goto(base + url);
    t.same(await axeViolations(page), [], `${url}: no axe violations`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    t.ok(overflow <= 1, `${url}: no sideways scrolling`);
    await shoot(page, name);
  }
  await page.goto(`${base}/en/offices/amsterdam?from=2026-12-21`);
  t.same(await page.locator(".day-state.closed").allInnerTexts(), ["Closed – Christmas Day", "Closed – New Year's Day"]);
});

for (const locale of ["en", "ar"] as const) {
  t.test(`the caseworker reads the details back, changes one, and books once (${locale})`, { skip: skipWithoutChromium }, async (t) => {
    const { base, page, db } = await open(t);
    await page.goto(`${base}/${locale}/caseworker/offices/zwolle/book?slot=${slot}`);
    await shoot(page, `polish-caseworker-form-${locale}`);
    await page.locator("#field-orgType").selectOption("church");
    await page.locator("#field-orgName").fill("Kerk & Co");
    await page.locator("#field-caseworkerName").fill("Sanne");
    await page.locator("#field-caseworkerEmail").fill("sanne@example.org");
    await page.locator("#field-name").fill("Tariq");
    await page.locator("#field-language").selectOption("ps");
    await page.locator("#field-clientLocale").selectOption("ps");
    await page.locator("#field-consent").check();
    await Promise.all([page.waitForURL(/\/caseworker\/offices\/zwolle\/book$/), page.locator("form.booking-form button.primary").click()]);
    t.equal(await page.locator(".steps [aria-current=step]").innerText(), locale === "en" ? "Check" : "المراجعة");
    t.equal(await db.booking.count(), 0, "nothing booked yet");
    t.same(await axeViolations(page), [], "the check step: no axe violations");
    await shoot(page, `polish-caseworker-check-${locale}`);

    await Promise.all([page.waitForURL(/\/book\/form$/), page.locator("form.booking-form button:not(.primary)").click()]);
    t.equal(await page.locator("#field-orgName").inputValue(), "Kerk & Co", "'Change the details' keeps them");
    t.equal(await page.locator("#field-name").inputValue(), "Tariq");
    t.ok(await page.locator("#field-consent").isChecked());
    await page.locator("#field-name").fill("Tariq A.");
    await Promise.all([page.waitForURL(/\/book$/), page.locator("form.booking-form button.primary").click()]);
    await Promise.all([page.waitForURL(/\/for-client$/), page.locator("form.booking-form button.primary").click()]);
    t.equal(await page.locator(".steps [aria-current=step]").innerText(), locale === "en" ? "Done" : "تم");
    const bookings = await db.booking.findMany();
    t.same(bookings.map((b) => [b.name, b.referrerOrgName]), [["Tariq A.", "Kerk & Co"]], "one booking, as changed");
  });
}
