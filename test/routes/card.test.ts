import t from "tap";
import { buildTestApp } from "../helpers/app.ts";
import { bookSlot, mainText } from "../helpers/forms.ts";

t.test("the confirmation offers an appointment card in the client's language with the key facts in Dutch", async (t) => {
  const { app, db } = await buildTestApp(t, { now: "2026-11-30T08:00:00Z" });
  const { token } = await bookSlot(app, "/en/offices/zwolle/book?slot=2026-12-01T09:20:00.000Z");
  const page = await app.inject({ url: `/en/booking/${token}/confirmation` });
  const booking = await db.booking.findFirstOrThrow();
  const code = `${booking.code.slice(0, 4)}-${booking.code.slice(4)}`;
  const card = /<section class="appointment-card"[\s\S]*?<\/section>/.exec(page.body)?.[0] ?? "";
  const text = card.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim();
  t.equal(
    text,
    `Appointment card Booking code ${code} Date Tuesday, 1 December 2026 Time 10:20–10:40 Place Zwolle — Holtenbroek community centre Rembrandtlaan 2 8031 RK Zwolle ` +
      `Phone 070 318 15 00 Your link to see, move or cancel the appointment. You can also scan the code. https://spreekuur.test/b/${token} ` +
      `In Dutch Afspraakcode ${code} Datum dinsdag 1 december 2026 Tijd 10:20–10:40 Plaats Zwolle — Wijkcentrum Holtenbroek, Rembrandtlaan 2, 8031 RK Zwolle Telefoon 070 318 15 00`,
  );
  t.match(card, '<a href="tel:+31703181500">070 318 15 00</a>', "the office's phone dials from any phone");
  // The QR code is drawn on the server: an inline SVG with a label, no script, no style attribute.
  const svg = /<svg class="qr" role="img" aria-label="QR code with the link to your appointment" focusable="false" [^>]*viewBox="0 0 (\d+) \1"[^>]*>[\s\S]*?<\/svg>/.exec(card);
  t.ok(svg, "an inline SVG QR code on the card");
  t.notMatch(svg?.[0] ?? "", /style=|<script/, "nothing the CSP would block");
  t.match(card, '<dl class="card-facts card-dutch" lang="nl" dir="ltr">', "the Dutch part is marked as Dutch");
  t.match(page.body, '<script src="/assets/print.js?v=', "the print button works with the site's own script");
  t.match(page.body, '<button type="button" class="button print-button" hidden>Print the card</button>', "hidden until the script can print");

  const dutch = await app.inject({ url: `/nl/booking/${token}/confirmation` });
  t.notMatch(dutch.body, "card-dutch", "no repeat in Dutch when the page is Dutch");
  t.match(mainText(dutch.body), "Afsprakenkaart");

  const cardCss = /<link rel="stylesheet" href="(\/assets\/card\.css\?v=[0-9a-f]+)">/.exec(page.body)?.[1];
  t.ok(cardCss, "the card's own stylesheet, only on pages with the card");
  t.notMatch((await app.inject({ url: "/en/" })).body, "card.css", "not on other pages");
  const css = await app.inject({ url: cardCss ?? "/assets/card.css" });
  t.match(css.body, "@page card { size: 105mm 148mm;", "the card prints on A6 (test/browser/appointment-card-print.test.ts prints it)");
  t.match(page.body, '<body class="print-card">', "the confirmation prints as its card");
});

t.test("the accessibility statement is linked from every public page", async (t) => {
  const { app } = await buildTestApp(t);
  const home = await app.inject({ url: "/en/" });
  t.match(home.body, '<a href="/en/accessibility">Accessibility</a>');
  const statement = await app.inject({ url: "/en/accessibility" });
  t.equal(statement.statusCode, 200);
  t.match(mainText(statement.body), "The pages follow the rules of WCAG 2.1, level AA.");
  t.match(mainText((await app.inject({ url: "/nl/accessibility" })).body), "De pagina&#39;s volgen de regels van WCAG 2.1, niveau AA.");
});
