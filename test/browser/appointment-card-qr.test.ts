// The QR code on the appointment card, rendered by a real Chromium and read back by an
// independent decoder (jsQR): on a phone screenshot (at the pixel ratios of a cheap and a
// better phone) and at its printed size, it reads back exactly as the short manage link.
// The confirmation page with the card has no axe violations.
import jsQRModule from "jsqr";
import type { Locator, Page } from "playwright-core";
import t from "tap";
import { newManageToken } from "../../src/domain/booking/manage-token.ts";
import { axeViolations } from "../helpers/axe.ts";
import { buildTestApp } from "../helpers/app.ts";
import { book } from "../helpers/bookings.ts";
import { sharedChromium, skipWithoutChromium } from "../helpers/browser.ts";

// jsqr is CommonJS whose export is the function itself, also under .default; its types
// describe only the latter.
const jsQR = jsQRModule.default;

/** Decodes a screenshot of `element`: the PNG is turned into pixels by a blank page's canvas. */
async function readQr(element: Locator, blank: Page): Promise<{ text: string | null; size: number }> {
  const png = (await element.screenshot()).toString("base64");
  const image = await blank.evaluate(async (data) => {
    const img = new Image();
    img.src = `data:image/png;base64,${data}`;
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const context = canvas.getContext("2d")!;
    context.drawImage(img, 0, 0);
    return { width: canvas.width, height: canvas.height, pixels: Array.from(context.getImageData(0, 0, canvas.width, canvas.height).data) };
  }, png);
  const found = jsQR(Uint8ClampedArray.from(image.pixels), image.width, image.height);
  return { text: found?.data ?? null, size: image.width };
}

t.test("the card's QR code reads back as the short manage link on a phone screenshot and in print", { skip: skipWithoutChromium }, async (t) => {
  const { app } = await buildTestApp(t, { now: "2026-11-30T08:00:00Z", env: { PUBLIC_URL: "https://afspraak.example.nl" } });
  const base = await app.listen({ port: 0, host: "127.0.0.1" });
  const browser = await sharedChromium(t);
  const blank = await (await browser.newContext()).newPage();

  for (const [i, locale] of (["en", "ar", "nl"] as const).entries()) {
    const token = newManageToken();
    await book(app, "amsterdam", new Date(Date.UTC(2026, 11, 1, 9, 0) + i * 20 * 60_000).toISOString(), { token, locale });
    const shortLink = `https://afspraak.example.nl/b/${token}`;
    for (const deviceScaleFactor of [1, 2]) {
      const page = await (await browser.newContext({ viewport: { width: 360, height: 780 }, deviceScaleFactor })).newPage();
      await page.goto(`${base}/${locale}/booking/${token}/confirmation`);
      const qr = page.locator(".appointment-card svg.qr");
      const screen = await readQr(qr, blank);
      t.equal(screen.text, shortLink, `${locale}, screenshot at ${deviceScaleFactor}×: reads back as the short link`);
      t.ok(screen.size >= 160 * deviceScaleFactor, `${locale}: at least 160 CSS pixels wide on screen (${screen.size} px)`);
      t.match(await page.locator(".appointment-card .short-link").innerText(), shortLink, `${locale}: the link is written beside the code`);
      if (deviceScaleFactor === 1) {
        t.same(await axeViolations(page), [], `${locale}: no axe violations on the confirmation with its card`);
        // Printed (A6), at the screen's 96 dpi: far coarser than any printer, so a code that
        // reads here reads on paper.
        await page.emulateMedia({ media: "print" });
        const printed = await readQr(qr, blank);
        t.equal(printed.text, shortLink, `${locale}: reads back at its printed size`);
        t.ok(printed.size >= 81 && printed.size <= 85, `${locale}: 22 mm on paper (${printed.size} px at 96 dpi)`);
      }
      await page.context().close();
    }
  }
});
