// A whole booking with the keyboard alone, in Dutch and in Arabic, at phone width:
// office → slot → form with one mistake → fix → confirmation → manage → cancel.
// Screenshots of the booking pages go to test-output/ for people to look at.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import t from "tap";
import { projectRoot } from "../../src/paths.ts";
import { buildTestApp } from "../helpers/app.ts";
import { sharedChromium, skipWithoutChromium } from "../helpers/browser.ts";

const outDir = join(projectRoot, "test-output");

interface Focused {
  tag: string;
  name: string;
  href: string | null;
  id: string;
  type: string | null;
  label: string;
}

async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const label = el?.id ? (document.querySelector(`label[for="${el.id}"]`)?.textContent ?? "") : "";
    return {
      tag: el?.tagName.toLowerCase() ?? "",
      name: (el?.getAttribute("aria-label") ?? el?.textContent ?? "").trim(),
      href: el?.getAttribute("href") ?? null,
      id: el?.id ?? "",
      type: el?.getAttribute("type") ?? null,
      label: label.trim(),
    };
  });
}

/** Presses Tab until the focused element matches; fails if it never does. */
async function tabTo(page: Page, what: string, matches: (f: Focused) => boolean): Promise<Focused> {
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press("Tab");
    const f = await focused(page);
    if (matches(f)) return f;
  }
  throw new Error(`Tab never reached ${what}`);
}

const texts = {
  nl: { name: "Amina", confirmed: "Uw afspraak is gemaakt", emailError: "Dit e-mailadres klopt niet", cancelled: "Deze afspraak is afgezegd.", slot: "dinsdag 1 december, 10:00" },
  ar: { name: "أمينة", confirmed: "تم حجز موعدك", emailError: "", cancelled: "", slot: "" },
};

for (const locale of ["nl", "ar"] as const) {
  t.test(`a booking made and cancelled with the keyboard alone (${locale})`, { skip: skipWithoutChromium }, async (t) => {
    const { app, db } = await buildTestApp(t, { now: "2026-11-30T08:00:00Z", env: { PUBLIC_URL: "http://127.0.0.1" } });
    const base = await app.listen({ port: 0, host: "127.0.0.1" });
    const browser = await sharedChromium(t);
    const page = await (await browser.newContext({ viewport: { width: 360, height: 780 } })).newPage();
    mkdirSync(outDir, { recursive: true });

    await page.goto(`${base}/${locale}/`);
    await tabTo(page, "the Zwolle office", (f) => f.href === `/${locale}/offices/zwolle`);
    await Promise.all([page.waitForURL(`**/${locale}/offices/zwolle`), page.keyboard.press("Enter")]);

    const slot = await tabTo(page, "the first free time", (f) => f.tag === "a" && (f.href ?? "").includes("/book?slot="));
    t.equal(slot.href, `/${locale}/offices/zwolle/book?slot=2026-12-01T09:00:00.000Z`);
    t.match(slot.name, /1.*10:00/, `the slot reads with its date: "${slot.name}"`);
    if (locale === "nl") t.equal(slot.name, texts.nl.slot);
    if (locale === "ar") t.match(slot.name, /، 10:00$/, "date and time joined with the Arabic comma");
    await Promise.all([page.waitForURL(/\/book\?slot=/), page.keyboard.press("Enter")]);
    await page.screenshot({ path: join(outDir, `booking-form-${locale}-360.png`), fullPage: true });

    // Fill in the form, with a mistake in the email address.
    await tabTo(page, "the name field", (f) => f.id === "field-name");
    await page.keyboard.type(texts[locale].name);
    await tabTo(page, "the email field", (f) => f.id === "field-email");
    await page.keyboard.type("amina@");
    const radio = await tabTo(page, "the interpreter choice", (f) => f.type === "radio");
    t.equal(radio.id, "interpreter-no", "the group's tab stop is its choice to start with, 'no'");
    await page.keyboard.press("ArrowUp");
    t.equal((await focused(page)).id, "interpreter-yes", "the arrow key moves to 'yes' and chooses it");
    await tabTo(page, "the consent box", (f) => f.id === "field-consent");
    await page.keyboard.press("Space");
    await tabTo(page, "the submit button", (f) => f.tag === "button" && f.type === "submit");
    await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);

    // The mistake: announced in the summary (which takes the focus, so a screen reader
    // reads it out and the keyboard starts there), linked to its field, marked on the field.
    const summary = page.locator("#error-summary");
    t.equal(await summary.getAttribute("role"), "alert");
    t.equal((await focused(page)).id, "error-summary", "the error summary has the focus");
    const message = (await summary.locator("a").first().innerText()).trim();
    if (locale === "nl") t.match(message, texts.nl.emailError);
    t.equal(await page.locator("#field-email").getAttribute("aria-invalid"), "true");
    t.match(await page.locator("#field-email").getAttribute("aria-describedby"), "error-email");
    t.equal(await page.locator("#field-name").inputValue(), texts[locale].name, "what was typed is kept");
    await page.screenshot({ path: join(outDir, `booking-form-errors-${locale}-360.png`), fullPage: true });
    await tabTo(page, "the error message's link", (f) => f.href === "#field-email");
    await page.keyboard.press("Enter");
    t.equal((await focused(page)).id, "field-email", "the link takes the keyboard to the field");
    await page.keyboard.press("Control+A");
    await page.keyboard.type("amina@example.org");
    await tabTo(page, "the submit button", (f) => f.tag === "button" && f.type === "submit");
    await Promise.all([page.waitForURL(/\/confirmation$/), page.keyboard.press("Enter")]);

    const heading = (await page.locator("h1").innerText()).trim();
    if (locale === "nl") t.equal(heading, texts.nl.confirmed);
    const booking = await db.booking.findFirstOrThrow();
    t.same([booking.name, booking.email, booking.interpreterNeeded, booking.locale], [texts[locale].name, "amina@example.org", true, locale]);
    await page.screenshot({ path: join(outDir, `confirmation-${locale}-360.png`), fullPage: true });

    const manage = await tabTo(page, "the manage link", (f) => f.tag === "a" && /^\/\w\w\/booking\/[\w-]{22}$/.test(f.href ?? ""));
    await Promise.all([page.waitForURL(`**${manage.href}`), page.keyboard.press("Enter")]);
    await tabTo(page, "the cancel link", (f) => (f.href ?? "").endsWith("/cancel"));
    await Promise.all([page.waitForURL(/\/cancel$/), page.keyboard.press("Enter")]);
    await tabTo(page, "the confirm button", (f) => f.tag === "button" && f.type === "submit");
    await Promise.all([page.waitForURL(manage.href ? `**${manage.href}` : /booking/), page.keyboard.press("Enter")]);
    if (locale === "nl") t.match(await page.locator("main").innerText(), texts.nl.cancelled);
    t.equal((await db.booking.findFirstOrThrow()).status, "CANCELLED", "cancelled with the keyboard alone");
  });
}
