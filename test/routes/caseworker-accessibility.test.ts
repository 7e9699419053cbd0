// The caseworker pages in a real Chromium with axe-core, in Dutch and English, also with
// form errors and when the chosen time is gone.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import t from "tap";
import { projectRoot } from "../../src/paths.ts";
import { axeViolations } from "../helpers/axe.ts";
import { inputValue, postForm, tokenOf } from "../helpers/forms.ts";
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

t.test("the caseworker's page after booking: no axe violations, and screenshots at 390 and 1280 px", { skip: skipWithoutChromium }, async (t) => {
  const { app } = await buildTestApp(t, { now: "2026-11-30T08:00:00Z", env: { PUBLIC_URL: "http://127.0.0.1" } });
  const outDir = join(projectRoot, "test-output");
  mkdirSync(outDir, { recursive: true });
  const base = await app.listen({ port: 0, host: "127.0.0.1" });
  const browser = await sharedChromium(t);
  const page = await (await browser.newContext()).newPage();
  const slots = ["2026-12-01T09:00:00.000Z", "2026-12-01T09:20:00.000Z", "2026-12-01T09:40:00.000Z"];
  for (const [i, [lang, clientLocale]] of ([["nl", "ti"], ["en", "en"], ["ar", "fa"]] as const).entries()) {
    const url = `/${lang}/caseworker/offices/zwolle/book?slot=${slots[i]}`;
    const form = await app.inject({ url });
    const response = await postForm(app, `/${lang}/caseworker/offices/zwolle/book`, {
      orgType: "municipality", orgName: "Gemeente Zwolle", caseworkerName: "Sanne de Vries", caseworkerEmail: "sanne@zwolle.test",
      name: "Cliënt T.", language: "ti", clientLocale, interpreter: "yes", phone: "", email: "", note: "", consent: "yes", confirm: "yes",
      slot: inputValue(form.body, "slot"), formKey: inputValue(form.body, "formKey"),
    });
    t.equal(response.statusCode, 303, url);
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${base}/${lang}/booking/${tokenOf(response)}/for-client`);
      t.same(await axeViolations(page), [], `${lang} at ${width} px`);
      await page.screenshot({ path: join(outDir, `caseworker-confirmation-${lang}-${width}.png`), fullPage: true });
    }
  }
});
