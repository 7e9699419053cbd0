// The statistics page in a real Chromium: no axe-core violations (WCAG 2.1 A/AA and best
// practice), and the strict Content-Security-Policy refuses nothing the page contains —
// the server-drawn SVG charts use presentation attributes, never inline styles.
import t from "tap";
import { axeViolations } from "../helpers/axe.ts";
import { buildTestApp } from "../helpers/app.ts";
import { book } from "../helpers/bookings.ts";
import { sharedChromium, skipWithoutChromium, staffContext } from "../helpers/browser.ts";
import { createStaff, PASSWORD } from "../helpers/staff.ts";

t.test("the statistics page is accessible and breaks no CSP rule", { skip: skipWithoutChromium }, async (t) => {
  const { app, db } = await buildTestApp(t, { now: "2026-01-05T08:00:00Z", env: { PUBLIC_URL: "http://127.0.0.1" } });
  await book(app, "zwolle", "2026-01-06T09:00:00Z", { language: "ti", interpreterNeeded: true });
  await book(app, "den-haag", "2026-03-04T08:30:00Z", { language: "fa", channel: "CASEWORKER", referrer: { orgType: "church", orgName: "Kerk", name: "R", email: "r@example.org", contactViaReferrer: false } });
  await createStaff(db, { role: "ADMIN", email: "admin@iom.test", locale: "en" });
  await createStaff(db, { role: "ADMIN", email: "beheer@iom.test", locale: "nl" });
  const base = await app.listen({ port: 0, host: "127.0.0.1" });
  const browser = await sharedChromium(t);

  for (const email of ["admin@iom.test", "beheer@iom.test"]) {
    const context = await staffContext(browser, base, email, PASSWORD);
    const page = await context.newPage();
    const refused: string[] = [];
    page.on("console", (message) => {
      // Chromium reports every refusal by the policy on the console ("Refused to apply inline style …").
      if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
    });
    for (const url of ["/staff/statistics", "/staff/statistics?year=2026&office=2", "/staff/statistics?year=1900&office=x"]) {
      const response = await page.goto(base + url);
      t.equal(response?.status(), url.includes("1900") ? 422 : 200, url);
      t.same(await axeViolations(page), [], `${email} ${url}`);
      if (process.env.SPREEKUUR_KEEP_SCREENSHOT && !url.includes("1900")) {
        await page.screenshot({ path: `${process.env.SPREEKUUR_KEEP_SCREENSHOT}-${email.split("@")[0]}-${url.includes("office=2") ? "office" : "all"}.png`, fullPage: true });
      }
    }
    // The charts are drawn, and each is one image with its summary as the name.
    await page.goto(`${base}/staff/statistics`);
    const charts = page.getByRole("img");
    t.equal(await charts.count(), 7);
    const box = await charts.first().boundingBox();
    t.ok(box && box.width > 300 && box.height > 100, "the month chart has a visible size");
    t.same(refused, [], "the browser refused nothing (no inline style or script)");
    await context.close();
  }
});
