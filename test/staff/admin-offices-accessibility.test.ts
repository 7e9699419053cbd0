// The administrator's office pages in a real Chromium with axe-core: the list with its
// "not yet confirmed" marks, the form with the contact details, desk hours and the texts
// in other languages (opened), and the form showing errors.
import t from "tap";
import { axeViolations } from "../helpers/axe.ts";
import { buildTestApp } from "../helpers/app.ts";
import { sharedChromium, skipWithoutChromium, staffContext } from "../helpers/browser.ts";
import { createStaff, PASSWORD } from "../helpers/staff.ts";

t.test("the office pages of the administration have no axe violations", { skip: skipWithoutChromium }, async (t) => {
  const { app, db } = await buildTestApp(t, { now: "2026-11-30T08:00:00Z", env: { PUBLIC_URL: "http://127.0.0.1" } });
  const zwolle = await db.office.findUniqueOrThrow({ where: { slug: "zwolle" } });
  await createStaff(db, { role: "ADMIN", email: "admin@iom.test", locale: "en" });
  const base = await app.listen({ port: 0, host: "127.0.0.1" });
  const browser = await sharedChromium(t);
  const page = await (await staffContext(browser, base, "admin@iom.test", PASSWORD)).newPage();

  await page.goto(`${base}/staff/offices`);
  t.same(await axeViolations(page), [], "the list");
  await page.goto(`${base}/staff/offices/${zwolle.id}/edit`);
  await page.locator("details.office-texts summary").click();
  t.equal(await page.locator("#field-name_ti").isVisible(), true, "the texts in other languages are open");
  t.same(await axeViolations(page), [], "the form, with the texts in other languages open");
  await page.locator("#field-phone").fill("call me");
  await page.locator("#field-hours1").fill("9 to 5");
  await Promise.all([page.waitForLoadState(), page.getByRole("button", { name: "Save changes", exact: true }).click()]);
  t.equal(await page.locator(".error-summary li").count(), 2, "two mistakes listed");
  t.same(await axeViolations(page), [], "the form with errors");
  t.equal((await db.office.findUniqueOrThrow({ where: { id: zwolle.id } })).phone, zwolle.phone, "nothing changed");
});
