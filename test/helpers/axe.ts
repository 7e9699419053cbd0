// axe-core inside a real page. The site's CSP blocks injected script tags, so axe comes in
// as a script Playwright evaluates in each new document of the browser context (an init
// script, which the page's CSP does not govern; it only defines window.axe), and the page
// hands back only the violations. Both matter for speed: axe is 550 KB of source, and its
// full result (every rule that passed, with its nodes) is large to send back and check.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { BrowserContext, Page } from "playwright-core";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const withAxe = new WeakSet<BrowserContext>();

/** WCAG 2.1 A and AA and axe's best practices: every violation as "rule: selectors". */
export async function axeViolations(page: Page): Promise<string[]> {
  const context = page.context();
  if (!withAxe.has(context)) {
    withAxe.add(context);
    await context.addInitScript({ content: axeSource });
  }
  // A document opened before the context had axe gets it now.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const { axe } = window as unknown as { axe: { run(o: object): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } };
    const result = await axe.run({ runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
}
