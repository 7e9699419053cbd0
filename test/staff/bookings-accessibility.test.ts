// The staff booking pages in a real Chromium with axe-core: no WCAG 2.1 A/AA or
// best-practice violations, also on pages that show form errors.
import t from "tap";
import { axeViolations } from "../helpers/axe.ts";
import { buildTestApp } from "../helpers/app.ts";
import { sharedChromium, skipWithoutChromium, staffContext } from "../helpers/browser.ts";
import { createStaff, PASSWORD } from "../helpers/staff.ts";
import { bookPublic } from "./bookings-helpers.ts";

t.test("the booking pages of the staff side have no axe violations", { skip: skipWithoutChromium }, async (t) => {
  const { app, db } = await buildTestApp(t, { now: "2026-11-30T08:00:00Z", env: { PUBLIC_URL: "http://127.0.0.1" } });
  const { booking } = await bookPublic(app, db, "zwolle", "2026-12-01T09:00:00.000Z", { name: "Amina", email: "amina@example.org" });
  await bookPublic(app, db, "den-haag", "2026-12-02T08:30:00.000Z", { name: "First" });
  await bookPublic(app, db, "den-haag", "2026-12-02T08:30:00.000Z", { name: "Second" });
  const zwolle = await db.office.findUniqueOrThrow({ where: { slug: "zwolle" } });
  const denHaag = await db.office.findUniqueOrThrow({ where: { slug: "den-haag" } });
  await createStaff(db, { role: "ADMIN", email: "admin@iom.test", locale: "en" });
  const base = await app.listen({ port: 0, host: "127.0.0.1" });
  const browser = await sharedChromium(t);
  const context = await staffContext(browser, base, "admin@iom.test", PASSWORD);
  const page = await context.newPage();

  async function check(url: string, submit?: string) {
    await page.goto(base + url);
    if (submit) await Promise.all([page.waitForLoadState(), page.getByRole("button", { name: submit, exact: true }).click()]);
    t.same(await axeViolations(page), [], `${url}${submit ? ` after "${submit}"` : ""}`);
  }

  await check("/staff/bookings");
  await check("/staff/bookings?q=amina");
  await check(`/staff/offices/${zwolle.id}/week`);
  await check(`/staff/offices/${denHaag.id}/week?week=2026-12-02`);
  await check(`/staff/bookings/${booking.id}`);
  await check(`/staff/bookings/${booking.id}`, "Cancel the booking");
  await check(`/staff/bookings/${booking.id}/move`);
  await check(`/staff/offices/${zwolle.id}/book`);
  await check(`/staff/offices/${zwolle.id}/book?slot=2026-12-03T12:00:00.000Z`);
  await check(`/staff/offices/${zwolle.id}/book?slot=2026-12-03T12:00:00.000Z`, "Book");
});
