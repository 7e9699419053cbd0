// A real headless Chromium (Debian's package) driven by playwright-core. On a machine
// without it the browser tests skip with a loud message (and the test command fails, as
// it does for any skipped test); under CI they fail instead, because .ci/run installs
// Chromium.
import { existsSync } from "node:fs";
import { chromium, type Browser, type BrowserContext } from "playwright-core";
import tap from "tap";
import type { TestContext } from "./app.ts";

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const installHint = "sudo apt-get install -y chromium";

/**
 * The `skip` option for browser tests: false where Chromium is installed, and always
 * under CI (a missing browser then fails the test); elsewhere a message that names the
 * install command, also printed loudly.
 */
export const skipWithoutChromium: string | false = (() => {
  if (existsSync(chromiumPath) || process.env.CI) return false;
  const message = `Chromium is not installed at ${chromiumPath}; browser tests need it. Install it with: ${installHint}`;
  console.error(`\n*** SKIPPING BROWSER TESTS *** ${message}\n`);
  return message;
})();

let shared: Promise<Browser> | null = null;

/**
 * The file's Chromium, launched on first use (Playwright starts it with a fresh, empty
 * profile of its own) and closed when the file's tests are done: a launch costs a second
 * or more of both cores. Tests stay apart: each opens its own contexts (cookies, storage,
 * cache and history of their own), and those are closed when the test ends.
 */
export async function sharedChromium(t: TestContext): Promise<Browser> {
  shared ??= chromium
    .launch({
      executablePath: chromiumPath,
      headless: true,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    })
    .then((browser) => {
      tap.teardown(() => browser.close());
      return browser;
    });
  const browser = await shared;
  t.teardown(() => Promise.all(browser.contexts().map((context) => context.close())));
  return browser;
}

/** Signs a staff member in through the real sign-in page. */
export async function staffContext(browser: Browser, base: string, email: string, password: string): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: "nl-NL", timezoneId: "Europe/Amsterdam" });
  const page = await context.newPage();
  await page.goto(`${base}/staff/login`);
  await page.getByLabel(/E-mailadres|Email address/).fill(email);
  await page.getByLabel(/^(Wachtwoord|Password)$/).fill(password);
  await Promise.all([page.waitForURL(`${base}/staff`), page.getByRole("button", { name: /Aanmelden|Sign in/ }).click()]);
  await page.close();
  return context;
}
