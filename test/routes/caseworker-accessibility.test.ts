// The caseworker pages in a real Chromium with axe-core, in Dutch and English, also with
// form errors and when the chosen time is gone.
import t from "tap";
import { axeViolations } from "../helpers/axe.ts";
import { buildTestApp } from "../helpers/app.ts";
import { sharedChromium, skipWithoutChromium } from "../helpers/browser.ts";

t.test("the caseworker pages have no axe violations", { skip: skipWithoutChromium }, async (t) => {
  const { app } = await buildTestApp(t, { now: "2026-11-30T08:00:00Z", env: { PUBLIC_URL: "http://127.0.0.1" } });
  const base = await app.listen({ port: 0, host: "127.0.0.1" });
  const browser = await sharedChromium(t);
  const page = await (await browser.newContext()).newPage();

  async function check(url: string, submit = false) {
    await page.goto(base + url);
    if (submit) await Promise.all([page.waitForLoadState(), page.locator("form.booking-form button.primary").click()]);
    t.same(await axeViolations(page), [], `${url}${submit ? " (sent empty)" : ""}`);
  }

  for (const lang of ["nl", "en"]) {
    await check(`/${lang}/`);
    await check(`/${lang}/caseworker`);
    await check(`/${lang}/caseworker/offices/zwolle`);
    await check(`/${lang}/caseworker/offices/zwolle/book?slot=2026-12-03T12:00:00.000Z`);
    await check(`/${lang}/caseworker/offices/zwolle/book?slot=2026-12-03T12:00:00.000Z`, true);
    await check(`/${lang}/caseworker/offices/zwolle/book?slot=2026-12-01T09:05:00.000Z`);
  }
});
