// Every public page in every language, in a real Chromium: no axe violations (WCAG 2.1
// AA and best practices), right-to-left where the language is, nothing loaded from
// other hosts, under 30 KB transferred, and no sideways scrolling at 320 px.
import t from "tap";
import { newManageToken } from "../../src/domain/booking/manage-token.ts";
import { localeInfo, locales } from "../../src/i18n/locales.ts";
import { axeViolations } from "../helpers/axe.ts";
import { book } from "../helpers/bookings.ts";
import { buildTestApp } from "../helpers/app.ts";
import { launchChromium, skipWithoutChromium } from "../helpers/browser.ts";

const slot = "2026-12-03T12:00:00.000Z"; // Zwolle, Thursday 3 December 13:00

t.test("public pages in all 15 languages", { skip: skipWithoutChromium }, async (t) => {
  const { app } = await buildTestApp(t, { now: "2026-11-30T08:00:00Z", env: { PUBLIC_URL: "http://127.0.0.1" } });
  const base = await app.listen({ port: 0, host: "127.0.0.1" });
  const browser = await launchChromium(t);
  const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  const foreign: string[] = [];
  let bytes = 0;
  page.on("request", (request) => {
    if (!request.url().startsWith(base) && !request.url().startsWith("data:")) foreign.push(request.url());
  });
  page.on("response", async (response) => {
    const length = Number(response.headers()["content-length"] ?? (await response.body().catch(() => Buffer.alloc(0))).length);
    bytes += length + 300; // and roughly the response headers
  });

  for (const locale of locales) {
    const token = newManageToken();
    // Amsterdam, Tuesday 1 December: nine slots of two places, one booking per language.
    const startsAt = new Date(Date.UTC(2026, 11, 1, 9, 0) + Math.floor(locales.indexOf(locale) / 2) * 20 * 60_000);
    await book(app, "amsterdam", startsAt.toISOString(), { token, locale, name: `Client ${locale}` });
    const pages: Array<[string, string, boolean?]> = [
      ["home", `/${locale}/`],
      ["office", `/${locale}/offices/zwolle`],
      ["booking form", `/${locale}/offices/zwolle/book?slot=${slot}`],
      ["booking form with errors", `/${locale}/offices/zwolle/book?slot=${slot}`, true],
      ["time gone", `/${locale}/offices/zwolle/book?slot=2026-12-03T12:05:00.000Z`],
      ["confirmation", `/${locale}/booking/${token}/confirmation`],
      ["manage", `/${locale}/booking/${token}`],
      ["cancel", `/${locale}/booking/${token}/cancel`],
      ["move: other times", `/${locale}/booking/${token}/move`],
      // Amsterdam, Friday 4 December 10:00.
      ["move: confirm", `/${locale}/booking/${token}/move?slot=2026-12-04T09:00:00.000Z`],
      ["move: done", `/${locale}/booking/${token}/confirmation?done=moved`],
      ["privacy", `/${locale}/privacy`],
      ["accessibility", `/${locale}/accessibility`],
      ["caseworker", `/${locale}/caseworker`],
      ["caseworker office", `/${locale}/caseworker/offices/zwolle`],
      ["caseworker form", `/${locale}/caseworker/offices/zwolle/book?slot=${slot}`],
      ["not found", `/${locale}/no-such-page`],
    ];
    await t.test(`${locale} (${localeInfo[locale].nativeName})`, async (t) => {
      const problems: string[] = [];
      for (const [name, url, submit] of pages) {
        bytes = 0;
        foreign.length = 0;
        await page.goto(base + url, { waitUntil: "load" });
        if (submit) {
          bytes = 0;
          await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.locator("form.booking-form button.primary").click()]);
        }
        const weight = bytes;
        const facts = await page.evaluate(() => ({
          lang: document.documentElement.lang,
          dir: document.documentElement.dir,
          overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        }));
        if (facts.lang !== locale || facts.dir !== localeInfo[locale].dir) problems.push(`${name}: lang=${facts.lang} dir=${facts.dir}`);
        if (facts.overflow > 1) problems.push(`${name}: scrolls sideways by ${facts.overflow}px at 320px`);
        if (weight > 30 * 1024) problems.push(`${name}: ${weight} bytes transferred`);
        if (foreign.length > 0) problems.push(`${name}: requests to other hosts ${foreign.join(" ")}`);
        for (const violation of await axeViolations(page)) problems.push(`${name}: ${violation}`);
      }
      t.same(problems, [], `${pages.length} pages: axe, direction, weight, other hosts, 320px`);
    });
  }
});
