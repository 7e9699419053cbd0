// The appointment card, printed to PDF by a real Chromium and read back with pdf.js: one
// A6 page in every language with the key facts and their Dutch repeat, the office's phone
// and the short manage link (its QR code is read back in appointment-card-qr.test.ts). Other pages print
// as they are (not blank).
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import t from "tap";
import { newManageToken } from "../../src/domain/booking/manage-token.ts";
import { locales } from "../../src/i18n/locales.ts";
import { buildTestApp } from "../helpers/app.ts";
import { book } from "../helpers/bookings.ts";
import { sharedChromium, skipWithoutChromium } from "../helpers/browser.ts";

/** Each page's size in points and its text. */
async function pdfPages(pdf: Buffer): Promise<Array<{ width: number; height: number; text: string }>> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
  const pages = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const [, , width = 0, height = 0] = page.view;
    const content = await page.getTextContent();
    const text = content.items.map((item) => ("str" in item ? item.str : "")).join(" ").replace(/\s+/g, " ");
    pages.push({ width: Math.round(width), height: Math.round(height), text });
  }
  return pages;
}

// A6 is 105 × 148 mm: 298 × 420 points.
const A6 = { width: 298, height: 420 };

t.test("the appointment card prints on one A6 page in every language; other pages are not blank", { skip: skipWithoutChromium }, async (t) => {
  const { app } = await buildTestApp(t, { now: "2026-11-30T08:00:00Z", env: { PUBLIC_URL: "http://127.0.0.1" } });
  const base = await app.listen({ port: 0, host: "127.0.0.1" });
  const browser = await sharedChromium(t);
  const page = await (await browser.newContext({ viewport: { width: 360, height: 780 } })).newPage();

  const problems: string[] = [];
  for (const [i, locale] of locales.entries()) {
    const token = newManageToken();
    // Amsterdam, Tuesday 1 December: nine slots of two places.
    const startsAt = new Date(Date.UTC(2026, 11, 1, 9, 0) + Math.floor(i / 2) * 20 * 60_000).toISOString();
    const booking = await book(app, "amsterdam", startsAt, { token, locale });
    const code = `${booking.code.slice(0, 4)}-${booking.code.slice(4)}`;
    await page.goto(`${base}/${locale}/booking/${token}/confirmation`);
    const pages = await pdfPages(await page.pdf({ preferCSSPageSize: true }));
    const sizes = pages.map((p) => `${p.width}×${p.height}`);
    if (pages.length !== 1 || sizes[0] !== `${A6.width}×${A6.height}`) problems.push(`${locale}: ${pages.length} page(s) of ${sizes.join(", ")}`);
    const text = pages.map((p) => p.text).join(" ");
    // The code, once in the client's language and (but on the Dutch card) once more in Dutch.
    const times = text.split(code).length - 1;
    if (times !== (locale === "nl" ? 1 : 2)) problems.push(`${locale}: the booking code is printed ${times} time(s)`);
    if (!text.includes("Amsterdam")) problems.push(`${locale}: no address`);
    if (!text.includes("070 318 15 00")) problems.push(`${locale}: no phone number of the office`);
    if (!text.replace(/\s+/g, "").includes(`/b/${token}`)) problems.push(`${locale}: no short manage link`);
    if (locale !== "nl" && !text.includes("dinsdag 1 december 2026")) problems.push(`${locale}: no Dutch date`);
    for (const left of ["Nederlands", "English"].filter((name) => text.includes(name))) problems.push(`${locale}: the language switcher is printed (${left})`);
  }
  t.same(problems, [], "15 cards, each one A6 page with the code, the address, the phone, the short link and the facts in Dutch");

  // A page without a card prints its content on the printer's own paper.
  await page.goto(`${base}/en/privacy`);
  const privacy = await pdfPages(await page.pdf({ preferCSSPageSize: true }));
  t.match(privacy[0]?.text ?? "", "Privacy", "the privacy statement prints its text");
  t.notSame([privacy[0]?.width, privacy[0]?.height], [A6.width, A6.height], "not on A6");
});
