// Back and submit again, as a real browser does it: Chromium restores the booking form
// from its history, with the same form key, so the second submit leads to the booking
// the first one made instead of making another.
import t from "tap";
import { buildTestApp } from "../helpers/app.ts";
import { sharedChromium, skipWithoutChromium } from "../helpers/browser.ts";

const cases = [
  // Amsterdam has two places per slot: a second submit could take the other one.
  { office: "amsterdam", slot: "2026-12-01T09:00:00.000Z", places: 2 },
  // Zwolle has one: the form must come back, not "this time was just taken".
  { office: "zwolle", slot: "2026-12-01T09:00:00.000Z", places: 1 },
];

for (const { office, slot, places } of cases) {
  t.test(`back to the booking form and submit again: one booking (${places} place${places > 1 ? "s" : ""})`, { skip: skipWithoutChromium }, async (t) => {
    const { app, db } = await buildTestApp(t, { now: "2026-11-30T08:00:00Z", env: { PUBLIC_URL: "http://127.0.0.1" } });
    const base = await app.listen({ port: 0, host: "127.0.0.1" });
    const browser = await sharedChromium(t);
    const page = await (await browser.newContext()).newPage();

    await page.goto(`${base}/en/offices/${office}/book?slot=${slot}`);
    await page.getByLabel("Name or alias").fill("Amina");
    await page.getByLabel("Yes").check();
    await page.locator('input[name="consent"]').check();
    await Promise.all([page.waitForURL(/\/confirmation$/), page.getByRole("button", { name: "Make the appointment" }).click()]);
    const confirmation = page.url();

    await page.goBack();
    t.equal(await page.locator("h1").innerText(), "Your details", "the form is back");
    t.equal(await page.getByLabel("Name or alias").inputValue(), "", "without what was typed: the next person at this computer must not see it");
    t.ok(await page.getByLabel("No", { exact: true }).isChecked(), "the interpreter question is back at its default, not at what was chosen");
    await page.getByLabel("Name or alias").fill("Amina");
    await page.getByLabel("Yes").check();
    await page.locator('input[name="consent"]').check();
    await Promise.all([page.waitForURL(/\/confirmation$/), page.getByRole("button", { name: "Make the appointment" }).click()]);
    t.equal(page.url(), confirmation, "the same booking's confirmation");
    t.equal(await db.booking.count(), 1, "one booking");
  });
}

t.test("back to the caseworker's form and submit again: one booking", { skip: skipWithoutChromium }, async (t) => {
  const { app, db } = await buildTestApp(t, { now: "2026-11-30T08:00:00Z", env: { PUBLIC_URL: "http://127.0.0.1" } });
  const base = await app.listen({ port: 0, host: "127.0.0.1" });
  const browser = await sharedChromium(t);
  const page = await (await browser.newContext()).newPage();
  const fill = async () => {
    await page.getByLabel("Type of organisation").selectOption("church");
    await page.getByLabel("Name of your organisation").fill("Kerk & Co");
    await page.getByLabel("Your name", { exact: true }).fill("Sanne");
    await page.getByLabel("Your email address").fill("sanne@example.org");
    await page.getByLabel("Name or alias of the client").fill("Tariq");
    await page.getByLabel("Which language does the client want to speak?").selectOption("ps");
    await page.getByLabel("In which language should the client read our messages?").selectOption("en");
    await page.getByLabel("Yes").check();
    await page.locator('input[name="consent"]').check();
    await Promise.all([page.waitForURL(/\/book$/), page.getByRole("button", { name: "Next: check the details" }).click()]);
    await Promise.all([page.waitForURL(/\/for-client$/), page.getByRole("button", { name: "Make the appointment" }).click()]);
  };
  // Amsterdam: two places, so a second booking would fit.
  await page.goto(`${base}/en/caseworker/offices/amsterdam/book?slot=2026-12-01T09:00:00.000Z`);
  await fill();
  const confirmation = page.url();
  // Back past the check step (a page sent with no-store, which the browser will not show
  // again without sending it) to the form.
  await Promise.all([page.waitForEvent("load"), page.evaluate(() => history.go(-2))]);
  t.equal(await page.locator("h1").innerText(), "Details of you and your client", "the form is back");
  await fill();
  t.equal(page.url(), confirmation, "the same booking's confirmation");
  t.equal(await db.booking.count(), 1, "one booking");
});

t.test("the next person at a shared computer goes back to the form: their own booking, not the last one", { skip: skipWithoutChromium }, async (t) => {
  const { app, db } = await buildTestApp(t, { now: "2026-11-30T08:00:00Z", env: { PUBLIC_URL: "http://127.0.0.1" } });
  const base = await app.listen({ port: 0, host: "127.0.0.1" });
  const browser = await sharedChromium(t);
  const page = await (await browser.newContext()).newPage();
  const book = async (name: string) => {
    await page.getByLabel("Name or alias").fill(name);
    await page.getByLabel("Yes").check();
    await page.locator('input[name="consent"]').check();
    await page.getByRole("button", { name: "Make the appointment" }).click();
    await page.waitForLoadState("load");
  };
  // Amsterdam: two places, so the second person can book the same time.
  await page.goto(`${base}/en/offices/amsterdam/book?slot=2026-12-01T09:00:00.000Z`);
  await book("Amina");
  const first = page.url();
  t.match(first, /\/confirmation$/);
  await page.goBack();
  await book("Bashir");
  t.equal(await page.locator(".error-summary").count(), 1, "the kept form is refused: it was used");
  t.equal(await page.getByLabel("Name or alias").inputValue(), "Bashir", "what Bashir typed is kept");
  await page.getByLabel("Yes").check();
  await page.locator('input[name="consent"]').check();
  await Promise.all([page.waitForURL(/\/confirmation$/), page.getByRole("button", { name: "Make the appointment" }).click()]);
  t.not(page.url(), first, "Bashir sees his own booking, not Amina's");
  t.notMatch(await page.content(), "Amina");
  t.same((await db.booking.findMany({ orderBy: { id: "asc" } })).map((b) => b.name), ["Amina", "Bashir"]);
});
