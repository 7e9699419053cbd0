// The printed day list, printed to PDF by a real Chromium and read back with pdf.js.
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import t from "tap";
import { staffTranslator } from "../../src/i18n/catalogue.ts";
import { projectRoot } from "../../src/paths.ts";
import { buildTestApp } from "../helpers/app.ts";
import { axeViolations } from "../helpers/axe.ts";
import { book } from "../helpers/bookings.ts";
import { sharedChromium, skipWithoutChromium, staffContext } from "../helpers/browser.ts";
import { wordsBrokenMidWord } from "../helpers/layout.ts";
import { createStaff, PASSWORD } from "../helpers/staff.ts";

async function pdfText(pdf: Buffer): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ("str" in item ? item.str : "")).join(" ").replace(/\s+/g, " "));
  }
  return pages;
}

/** Tomorrow (Tuesday 1 December 2026) in Zwolle: an extra afternoon session with room for 45. */
async function tomorrowWith(t: Parameters<typeof buildTestApp>[0], appointments: number, locale = "nl") {
  const built = await buildTestApp(t, { now: "2026-11-30T08:00:00Z", env: { PUBLIC_URL: "http://127.0.0.1" } });
  const { app, db, clock } = built;
  const zwolle = await db.office.findUniqueOrThrow({ where: { slug: "zwolle" } });
  await db.scheduleException.create({
    data: { officeId: zwolle.id, kind: "EXTRA", date: "2026-12-01", startTime: "13:00", endTime: "16:00", slotMinutes: 20, capacity: 5, createdAt: clock.now() },
  });
  const codes: string[] = [];
  for (let i = 0; i < appointments; i++) {
    const start = new Date(Date.UTC(2026, 11, 1, 12, 0) + Math.floor(i / 5) * 20 * 60_000);
    // Every third one as long as real ones get: a long name, the longest language name,
    // booked by a caseworker of an organisation with a long name.
    const long = i % 3 === 0;
    const booking = await book(app, "zwolle", start.toISOString(), {
      name: long ? `Client ${i + 1} Bat-Erdene Tsogtbaatar-Oyunchimeg` : `Client ${i + 1}`,
      phone: "+31 6 5555 0000",
      email: `c${i}@example.org`,
      note: "private note",
      ...(long
        ? {
            language: "hbs",
            channel: "CASEWORKER" as const,
            referrer: { orgType: "womens-shelter", orgName: "Stichting Vrouwenopvang Noord-Nederland", name: "Joke", email: "joke@example.org", contactViaReferrer: true },
          }
        : {}),
    });
    codes.push(`${booking.code.slice(0, 4)}-${booking.code.slice(4)}`);
  }
  await createStaff(db, { role: "RECEPTION", offices: ["zwolle"], email: "desk@iom.test", locale });
  const base = await app.listen({ port: 0, host: "127.0.0.1" });
  return { ...built, zwolle, codes, base };
}

// Twenty appointments with realistic names, the rows for walk-ins and the day's summary
// fit one page.
for (const [appointments, pages] of [[12, 1], [20, 1], [45, 2]] as const) {
  t.test(`reception prints tomorrow's list of ${appointments} appointments on ${pages} A4 page(s)`, { skip: skipWithoutChromium }, async (t) => {
    const { zwolle, codes, base } = await tomorrowWith(t, appointments);
    const browser = await sharedChromium(t);
    const context = await staffContext(browser, base, "desk@iom.test", PASSWORD);
    const page = await context.newPage();
    await page.goto(`${base}/staff/offices/${zwolle.id}/day?date=2026-12-01`);
    await Promise.all([page.waitForURL(/\/day\/print/), page.getByRole("link", { name: "Afdrukken (A4)" }).click()]);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    if (process.env.SPREEKUUR_KEEP_PDF) (await import("node:fs")).writeFileSync(`${process.env.SPREEKUUR_KEEP_PDF}-${appointments}.pdf`, pdf);
    const text = await pdfText(pdf);
    t.equal(text.length, pages, "page count");
    const all = text.join(" ");
    t.same(codes.filter((code) => !all.includes(code)), [], "every booking code is in the PDF");
    for (const [i, pageText] of text.entries()) {
      t.match(pageText, "Vertrouwelijk", `page ${i + 1} is marked confidential`);
      t.match(pageText, `${i + 1} / ${pages}`, `page ${i + 1} is numbered`);
      t.match(pageText, "Daglijst – Zwolle — Wijkcentrum Holtenbroek", `page ${i + 1} repeats the header`);
      t.match(pageText, "dinsdag 1 december 2026");
      t.match(pageText, "Afgedrukt maandag 30 november 09:00");
      t.match(pageText, "Tijd Code Naam of schuilnaam Taal Tolk Geboekt via Aanwezig Gezien Opmerking", `page ${i + 1} repeats the column headings`);
    }
    for (const secret of ["+31 6 5555", "example.org", "private note", "Vrouwenopvang"]) t.notMatch(all, secret, "no phone, email, notes or organisation");
    t.match(all.replace(/\/ /g, "/"), "Bosnisch/Kroatisch/Servisch", "long language names wrap at their slashes");
    t.match(text.at(-1)!, `Geboekt ${appointments}`);
    t.match(text.at(-1)!, /inloop inloop inloop/, "the last page has the rows for walk-ins");
  });
}

t.test("the printed list says confidential in the staff language, and no heading or cell breaks a word", { skip: skipWithoutChromium }, async (t) => {
  const css = readFileSync(join(projectRoot, "public", "print.css"), "utf8");
  const margin = (rule: string) => new RegExp(`${rule}\\s*\\{[^}]*?@bottom-left\\s*\\{\\s*content:\\s*"([^"]+)"`).exec(css)?.[1];
  t.equal(margin("@page"), staffTranslator("nl")("staff.reception.confidential"), "the page margin's Dutch is the catalogue's");
  t.equal(margin("@page print-en"), staffTranslator("en")("staff.reception.confidential"), "and so is its English");
  for (const [locale, confidential, other, heading] of [
    ["en", "Confidential", "Vertrouwelijk", "Time Code Name or alias Language Interpreter Booked via Arrived Seen Remark"],
    ["nl", "Vertrouwelijk", "Confidential", "Tijd Code Naam of schuilnaam Taal Tolk Geboekt via Aanwezig Gezien Opmerking"],
  ] as const) {
    const { zwolle, base } = await tomorrowWith(t, 20, locale);
    const browser = await sharedChromium(t);
    const context = await staffContext(browser, base, "desk@iom.test", PASSWORD);
    const page = await context.newPage();
    await page.goto(`${base}/staff/offices/${zwolle.id}/day/print?date=2026-12-01`);
    const text = await pdfText(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    t.equal(text.length, 1, `${locale}: 20 appointments on one page`);
    const first = text[0] ?? "";
    // pdf.js gives a ligature ("fi") as a text item of its own: compare without spaces.
    t.match(first.replace(/\s/g, ""), confidential, `${locale}: marked ${confidential}`);
    t.notMatch(first.replace(/\s/g, ""), other);
    t.match(first, heading, `${locale}: the column headings, whole`);
    // The page as printed: A4 less the margins, 190 mm wide.
    await page.emulateMedia({ media: "print" });
    await page.setViewportSize({ width: Math.round((190 / 25.4) * 96), height: 1000 });
    t.same(await wordsBrokenMidWord(page, ".print-list th, .print-list td"), [], `${locale}: no word broken inside`);
    mkdirSync(join(projectRoot, "test-output"), { recursive: true });
    await page.screenshot({ path: join(projectRoot, "test-output", `day-list-print-${locale}.png`), fullPage: true });
  }
});

t.test("on the day, reception records a walk-in and a no-show in a real browser and the printed summary shows them", { skip: skipWithoutChromium }, async (t) => {
  const { zwolle, codes, base, clock } = await tomorrowWith(t, 12);
  clock.set("2026-12-01T12:30:00Z"); // 13:30 in Zwolle
  const browser = await sharedChromium(t);
  const context = await staffContext(browser, base, "desk@iom.test", PASSWORD);
  const page = await context.newPage();
  await page.goto(`${base}/staff/offices/${zwolle.id}/day`);
  t.same(await axeViolations(page), [], "the day list has no axe violations");
  await page.getByRole("button", { name: `Niet gekomen ${codes[0]}` }).click();
  await page.waitForURL(/#booking-/);
  await page.getByRole("button", { name: `Aangekomen ${codes[5]}` }).click();
  await page.waitForURL(/#booking-/);
  await page.getByRole("link", { name: "Inloop toevoegen 13:40" }).first().click();
  await page.getByLabel("Naam of schuilnaam").fill("Walk-in Senait");
  await page.getByLabel("Taal").selectOption("ti");
  await page.getByLabel("ja").check();
  await Promise.all([page.waitForURL(/\/day\?date=2026-12-01#booking-/), page.getByRole("button", { name: "Inloop toevoegen" }).click()]);
  const summary = await page.locator(".day-summary").innerText();
  t.match(summary.replace(/\s+/g, " "), "Geboekt 12 Aangekomen 2 Inloop 1 Niet gekomen 1 Afgezegd 0");
  await page.goto(`${base}/staff/offices/${zwolle.id}/day/print`);
  t.same(await axeViolations(page), [], "nor has the print page on screen");
  t.equal(await page.getByRole("heading", { level: 1 }).innerText(), "Daglijst – Zwolle — Wijkcentrum Holtenbroek, dinsdag 1 december 2026");
  const text = (await pdfText(await page.pdf({ preferCSSPageSize: true }))).join(" ");
  t.match(text, "Walk-in Senait");
  t.match(text, "Geboekt 12 Aangekomen 2 Inloop 1 Niet gekomen 1 Afgezegd 0");
});
