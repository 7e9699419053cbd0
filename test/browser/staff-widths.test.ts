// Every staff page on a 768 px tablet and a 390 px phone, in a real Chromium: no sideways
// scrolling, no word broken in the middle (cells wrap only between words, so a word that
// does not fit would stick out of its box, and that is checked too), and no axe
// violations. Screenshots go to test-output/staff-widths/ for people to look at.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import t from "tap";
import { projectRoot } from "../../src/paths.ts";
import { axeViolations } from "../helpers/axe.ts";
import { wordsBrokenMidWord } from "../helpers/layout.ts";
import { buildTestApp } from "../helpers/app.ts";
import { sharedChromium, skipWithoutChromium, staffContext } from "../helpers/browser.ts";
import { staffPagesWithData } from "../helpers/staff-pages.ts";
import { PASSWORD } from "../helpers/staff.ts";

const outDir = join(projectRoot, "test-output", "staff-widths");

/** What is wrong with the page at its width: sideways scrolling, and text that sticks out of its box. */
async function layoutProblems(page: Page): Promise<string[]> {
  // No named functions inside: the test runner's compiler would wrap them in a helper the page does not have.
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) problems.push(`scrolls sideways: ${root.scrollWidth} > ${root.clientWidth}`);
    // Clipped to nothing on purpose (text for screen readers only): not laid out for the eye.
    const clipped = [...document.querySelectorAll<HTMLElement>("main *")].filter((el) => getComputedStyle(el).clipPath !== "none" || el.classList.contains("visually-hidden"));
    for (const el of document.querySelectorAll<HTMLElement>("main *")) {
      const style = getComputedStyle(el);
      if (style.display === "none" || style.visibility === "hidden" || clipped.some((c) => c.contains(el))) continue;
      const what = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""} "${(el.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 40)}"`;
      const cell = el.tagName === "TD" || el.tagName === "TH";
      // A word may break only where a line may: no cell may allow breaking inside one.
      if (cell && (style.wordBreak === "break-all" || style.overflowWrap === "anywhere" || style.overflowWrap === "break-word")) problems.push(`${what} may break words`);
      if (cell && el.scrollWidth > el.clientWidth + 1) problems.push(`${what} is wider than its cell`);
      const box = el.getBoundingClientRect();
      if (box.width > 0 && (box.right > root.clientWidth + 1 || box.left < -1)) problems.push(`${what} sticks out of the page (${Math.round(box.left)}–${Math.round(box.right)})`);
    }
    return [...new Set(problems)].slice(0, 8);
  });
}

t.test("every staff page fits a tablet and a phone without sideways scrolling or words broken mid-word", { skip: skipWithoutChromium }, async (t) => {
  const { app, db, clock } = await buildTestApp(t, { env: { PUBLIC_URL: "http://127.0.0.1" } });
  const pages = await staffPagesWithData(app, db, clock);
  const base = await app.listen({ port: 0, host: "127.0.0.1" });
  mkdirSync(outDir, { recursive: true });
  const browser = await sharedChromium(t);
  const context = await staffContext(browser, base, "admin@iom.test", PASSWORD);
  const page = await context.newPage();
  const anonymous = await (await browser.newContext({ locale: "nl-NL" })).newPage();
  for (const width of [768, 390]) {
    await page.setViewportSize({ width, height: 900 });
    const problems: string[] = [];
    // The sign-in page, before anyone is signed in.
    await anonymous.setViewportSize({ width, height: 900 });
    await anonymous.goto(`${base}/staff/login`);
    for (const problem of await layoutProblems(anonymous)) problems.push(`sign-in: ${problem}`);
    await anonymous.screenshot({ path: join(outDir, `sign-in-${width}.png`), fullPage: true });
    if (width === 390) for (const violation of await axeViolations(anonymous)) problems.push(`sign-in: ${violation}`);
    for (const { name, url, status } of pages) {
      const response = await page.goto(base + url);
      if (response?.status() !== (status ?? 200)) problems.push(`${name}: status ${response?.status()}`);
      for (const problem of await layoutProblems(page)) problems.push(`${name}: ${problem}`);
      for (const word of await wordsBrokenMidWord(page, "main td, main th")) problems.push(`${name}: "${word}" is broken inside`);
      await page.screenshot({ path: join(outDir, `${name.replace(/[^a-z0-9]+/gi, "-")}-${width}.png`), fullPage: true });
      if (width === 390) for (const violation of await axeViolations(page)) problems.push(`${name}: ${violation}`);
    }
    t.same(problems, [], `${pages.length + 1} staff pages at ${width} px`);
  }
});
