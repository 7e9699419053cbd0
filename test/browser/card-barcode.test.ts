// The booking code's barcode on the appointment card, read back the way a desk scanner
// reads it: Chromium draws the card, a screenshot of the barcode goes to zbarimg (Debian's
// zbar-tools, a barcode reader independent of our encoder), and what it reads is typed
// into the day list's check-in field.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import t from "tap";
import { code128 } from "../../src/domain/booking/code-barcode.ts";
import { newManageToken } from "../../src/domain/booking/manage-token.ts";
import { buildTestApp } from "../helpers/app.ts";
import { axeViolations } from "../helpers/axe.ts";
import { book } from "../helpers/bookings.ts";
import { sharedChromium, skipWithoutChromium, staffContext } from "../helpers/browser.ts";
import { createStaff, PASSWORD } from "../helpers/staff.ts";

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), "barcode-"));

/** What zbarimg reads in a PNG: one line per barcode found. */
async function scanned(png: Buffer, name: string): Promise<string> {
  const file = join(dir, `${name}.png`);
  writeFileSync(file, png);
  const { stdout } = await run("zbarimg", ["--raw", "-q", "-Sdisable", "-Scode128.enable", file]);
  return stdout.replace(/\n$/, "");
}

t.test("every symbol of code set B reads back as sent", { skip: skipWithoutChromium }, async (t) => {
  const browser = await sharedChromium(t);
  const page = await (await browser.newContext({ deviceScaleFactor: 2 })).newPage();
  // All 95 printable characters (symbol values 0–94), in three barcodes of a readable length.
  const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join("");
  for (const [i, text] of [printable.slice(0, 32), printable.slice(32, 64), printable.slice(64)].entries()) {
    const { bars, modules } = code128(text);
    const rects = bars.map((b) => `<rect x="${b.x}" y="0" width="${b.width}" height="40"/>`).join("");
    await page.setContent(`<svg xmlns="http://www.w3.org/2000/svg" width="${modules * 3}" height="120" viewBox="0 0 ${modules} 40" preserveAspectRatio="none"><rect width="${modules}" height="40" fill="#fff"/>${rects}</svg>`);
    t.equal(await scanned(await page.locator("svg").screenshot(), `set-b-${i}`), text, `characters ${JSON.stringify(text.slice(0, 3))}…`);
  }
});

t.test("the card's barcode holds the booking code, and the scanner's reading checks the client in", { skip: skipWithoutChromium }, async (t) => {
  const { app, db, clock } = await buildTestApp(t, { now: "2026-11-25T08:00:00Z", env: { PUBLIC_URL: "http://127.0.0.1" } });
  const token = newManageToken();
  const booking = await book(app, "zwolle", new Date("2026-12-01T10:00:00+01:00").toISOString(), { name: "Amina", token, locale: "ar" });
  await createStaff(db, { role: "RECEPTION", offices: ["zwolle"], email: "desk@iom.test", locale: "nl" });
  const base = await app.listen({ port: 0, host: "127.0.0.1" });
  const browser = await sharedChromium(t);
  const card = await (await browser.newContext({ deviceScaleFactor: 2 })).newPage();
  await card.goto(`${base}/ar/booking/${token}/confirmation`);
  t.same(await axeViolations(card), [], "the card with its barcode has no axe violations");
  const barcode = card.locator(".appointment-card .code-barcode");
  t.equal(await barcode.getAttribute("aria-hidden"), "true", "screen readers read the code beside it instead");
  const onScreen = await scanned(await barcode.screenshot(), "card");
  t.equal(onScreen, booking.code, "the barcode holds the booking code");
  t.notMatch(await barcode.evaluate((el) => el.outerHTML), token, "and not the manage link");
  await card.emulateMedia({ media: "print" });
  t.equal(await scanned(await barcode.screenshot(), "card-print"), booking.code, "printed too");

  clock.set("2026-12-01T08:55:00Z");
  const context = await staffContext(browser, base, "desk@iom.test", PASSWORD);
  const desk = await context.newPage();
  const zwolle = await db.office.findUniqueOrThrow({ where: { slug: "zwolle" } });
  await desk.goto(`${base}/staff/offices/${zwolle.id}/day`);
  await Promise.all([desk.waitForURL(/scan=checked-in/), desk.keyboard.type(`${onScreen}\n`)]);
  t.equal(await desk.locator(".scan-result p").first().innerText(), "Ingecheckt: Amina, afspraak om 10:00. Wachtnummer Z-01.");
});
