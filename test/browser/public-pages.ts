// Every public page in a set of languages, in a real Chromium: no axe violations (WCAG
// 2.1 AA and best practices), right-to-left where the language is, nothing loaded from
// other hosts, under 30 KB transferred, and no sideways scrolling at 320 px. Error pages
// too: 404, 409 (a time just taken), 422 (forms with mistakes) and 429 (too many
// requests). The languages are spread over several test files (public-pages-*.test.ts)
// so they run side by side.
import { cancelBooking } from "../../src/domain/booking/cancel-booking.ts";
import { newManageToken } from "../../src/domain/booking/manage-token.ts";
import { localeInfo, locales, type Locale } from "../../src/i18n/locales.ts";
import { axeViolations } from "../helpers/axe.ts";
import { book } from "../helpers/bookings.ts";
import type { Test as TapTest } from "tap";
import { buildTestApp } from "../helpers/app.ts";
import { sharedChromium } from "../helpers/browser.ts";
import { offeredPlace } from "../helpers/offers.ts";

type Test = TapTest;

const slot = "2026-12-03T12:00:00.000Z"; // Zwolle, Thursday 3 December 13:00

async function openBrowser(t: Test, env: Record<string, string> = {}) {
  const { app } = await buildTestApp(t, { now: "2026-11-30T08:00:00Z", env: { PUBLIC_URL: "http://127.0.0.1", ...env } });
  const base = await app.listen({ port: 0, host: "127.0.0.1" });
  const browser = await sharedChromium(t);
  const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  const seen = { foreign: [] as string[], bytes: 0 };
  page.on("request", (request) => {
    if (!request.url().startsWith(base) && !request.url().startsWith("data:")) seen.foreign.push(request.url());
  });
  page.on("response", async (response) => {
    const length = Number(response.headers()["content-length"] ?? (await response.body().catch(() => Buffer.alloc(0))).length);
    seen.bytes += length + 300; // and roughly the response headers
  });

  /** Opens a page (and sends its form), and lists what is wrong with it. */
  async function visit(name: string, url: string, submit?: boolean, status?: number): Promise<string[]> {
    const locale = url.split("/")[1] as Locale;
    const problems: string[] = [];
    seen.bytes = 0;
    seen.foreign.length = 0;
    let response = await page.goto(base + url, { waitUntil: "load" });
    if (submit) {
      seen.bytes = 0;
      [response] = await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.locator("form.booking-form button.primary, form.lost-link-form button.primary").click()]);
    }
    if (status !== undefined && response?.status() !== status) problems.push(`${name}: status ${response?.status()}, not ${status}`);
    const weight = seen.bytes;
    const facts = await page.evaluate(() => ({
      lang: document.documentElement.lang,
      dir: document.documentElement.dir,
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    }));
    if (facts.lang !== locale || facts.dir !== localeInfo[locale].dir) problems.push(`${name}: lang=${facts.lang} dir=${facts.dir}`);
    if (facts.overflow > 1) problems.push(`${name}: scrolls sideways by ${facts.overflow}px at 320px`);
    if (weight > 30 * 1024) problems.push(`${name}: ${weight} bytes transferred`);
    if (seen.foreign.length > 0) problems.push(`${name}: requests to other hosts ${seen.foreign.join(" ")}`);
    for (const violation of await axeViolations(page)) problems.push(`${name}: ${violation}`);
    return problems;
  }
  return { app, visit };
}

/** Every public page in each of these languages. */
export async function checkLanguages(t: Test, chosen: readonly Locale[]) {
  const { app, visit } = await openBrowser(t);
  // Zwolle, Thursday 3 December 13:20 (one place) is taken: its form is the 409 page.
  const taken = "2026-12-03T12:20:00.000Z";
  await book(app, "zwolle", taken, { name: "Taken" });
  // Tilburg without texts in other languages: its page shows the Dutch ones, marked as Dutch.
  await app.db.officeText.deleteMany({ where: { office: { slug: "tilburg" } } });

  for (const locale of chosen) {
    const token = newManageToken();
    const cancelled = newManageToken();
    // Amsterdam, Tuesday 1 December: nine slots of two places, one booking per language,
    // and on Friday 4 December one more that is cancelled.
    const startsAt = new Date(Date.UTC(2026, 11, 1, 9, 0) + Math.floor(locales.indexOf(locale) / 2) * 20 * 60_000);
    await book(app, "amsterdam", startsAt.toISOString(), { token, locale, name: `Client ${locale}` });
    const other = await book(app, "amsterdam", new Date(startsAt.getTime() + 3 * 86_400_000).toISOString(), { token: cancelled, locale, name: `Cancelled ${locale}` });
    // Cancelled by staff with a reason: the manage page quotes the officer's words.
    await cancelBooking(app.deps, { actor: { type: "system" }, bookingId: other.id, by: "staff", reason: "De zaal is niet beschikbaar." }, app.clock.now());
    // Zwolle, Tuesday 1 December (tomorrow): a freed place offered to someone waiting, and one whose offer has ended.
    const place = (n: number) => new Date(Date.UTC(2026, 11, 1, 9, 0) + ((2 * chosen.indexOf(locale) + n) % 6) * 20 * 60_000).toISOString();
    const offer = await offeredPlace(app, { slug: "zwolle", startsAt: place(0), sessionStart: "10:00", locale });
    const endedOffer = await offeredPlace(app, { slug: "zwolle", startsAt: place(1), sessionStart: "10:00", locale, ended: true });
    // [what, path, send its form?, status when not 200]
    const pages: Array<[string, string, boolean?, number?]> = [
      ["home", `/${locale}/`],
      ["office", `/${locale}/offices/zwolle`],
      ["office with Dutch texts only", `/${locale}/offices/tilburg`],
      ["booking form", `/${locale}/offices/zwolle/book?slot=${slot}`],
      ["booking form with errors", `/${locale}/offices/zwolle/book?slot=${slot}`, true, 422],
      ["time gone", `/${locale}/offices/zwolle/book?slot=2026-12-03T12:05:00.000Z`, false, 404],
      ["time taken", `/${locale}/offices/zwolle/book?slot=${taken}`, false, 409],
      ["confirmation", `/${locale}/booking/${token}/confirmation`],
      ["manage", `/${locale}/booking/${token}`],
      ["cancel", `/${locale}/booking/${token}/cancel`],
      ["move: other times", `/${locale}/booking/${token}/move`],
      // Amsterdam, Friday 4 December 10:00.
      ["move: confirm", `/${locale}/booking/${token}/move?slot=2026-12-04T09:00:00.000Z`],
      ["move: done", `/${locale}/booking/${token}/confirmation?done=moved`],
      ["cancelled booking", `/${locale}/booking/${cancelled}`],
      ["cancelled booking's confirmation", `/${locale}/booking/${cancelled}/confirmation`],
      ["place offered", `/${locale}/offer/${offer}`],
      ["offer ended", `/${locale}/offer/${endedOffer}`],
      ["lost link", `/${locale}/lost-link`],
      ["lost link with errors", `/${locale}/lost-link`, true, 422],
      ["lost link: the answer", `/${locale}/lost-link/sent`],
      ["privacy", `/${locale}/privacy`],
      ["accessibility", `/${locale}/accessibility`],
      ["caseworker", `/${locale}/caseworker`],
      ["caseworker office", `/${locale}/caseworker/offices/zwolle`],
      ["caseworker form", `/${locale}/caseworker/offices/zwolle/book?slot=${slot}`],
      ["caseworker form with errors", `/${locale}/caseworker/offices/zwolle/book?slot=${slot}`, true, 422],
      ["caseworker time gone", `/${locale}/caseworker/offices/zwolle/book?slot=2026-12-03T12:05:00.000Z`, false, 404],
      ["not found", `/${locale}/no-such-page`, false, 404],
    ];
    await t.test(`${locale} (${localeInfo[locale].nativeName})`, async (t) => {
      const problems: string[] = [];
      for (const [name, url, submit, status] of pages) problems.push(...(await visit(name, url, submit, status ?? 200)));
      t.same(problems, [], `${pages.length} pages: axe, direction, weight, other hosts, 320px`);
    });
  }
}

/** The "wait a moment" page (429) in every language. */
export async function checkTooMany(t: Test) {
  // Booking forms are limited to 20 a minute here.
  const { app, visit } = await openBrowser(t, { RATE_LIMIT_BOOKINGS: "20" });
  let status = 0;
  for (let i = 0; i < 40 && status !== 429; i++) {
    status = (await app.inject({ method: "POST", url: "/nl/offices/zwolle/book", headers: { "content-type": "application/x-www-form-urlencoded" }, payload: "slot=x" })).statusCode;
  }
  t.equal(status, 429, "the limit of 20 booking forms a minute is reached");
  const tooMany: string[] = [];
  for (const locale of locales) tooMany.push(...(await visit(`${locale} too many requests`, `/${locale}/offices/zwolle/book?slot=${slot}`, true, 429)));
  t.same(tooMany, [], "the 429 page in 15 languages: axe, direction, weight, other hosts, 320px");
}
