// Whom to call on the pages a client lands on when something is wrong, and in the
// statements: the error pages name the head office's phone, email and desk hours; the
// privacy statement names the data controller, whom to ask and the right to complain to
// the Autoriteit Persoonsgegevens; the accessibility statement has the parts of the
// DigiToegankelijk model (status, date, what is not yet accessible, contact).
import t from "tap";
import { buildTestApp } from "../helpers/app.ts";
import { mainText } from "../helpers/forms.ts";

t.test("error pages name the head office to call, in the visitor's language", async (t) => {
  const { app, db } = await buildTestApp(t);
  const missing = await app.inject({ url: "/en/no-such-page" });
  t.equal(missing.statusCode, 404);
  t.match(
    mainText(missing.body),
    "Page not found This page does not exist (any more). Check that the link is complete. Go to the start page " +
      "Do you need help? Contact us The Hague (head office) Phone 070 318 15 00 Email info.nl@iom.int Desk open Monday–Friday 09:00–17:00",
  );
  t.match(missing.body, '<a href="tel:+31703181500">070 318 15 00</a>');
  const farsi = await app.inject({ url: "/fa/no-such-page" });
  t.match(mainText(farsi.body), "کمک لازم دارید؟ با ما تماس بگیرید لاهه (دفتر مرکزی) تلفن 070 318 15 00");

  // The administrator's confirmed details are what the page shows.
  await db.office.update({ where: { slug: "den-haag" }, data: { phone: "+31 70 000 00 00", email: "balie@iom.test", deskHours: "2=10:00-12:00" } });
  t.match(mainText((await app.inject({ url: "/nl/nope" })).body), "Hulp nodig? Neem contact met ons op Den Haag (hoofdkantoor) Telefoon +31 70 000 00 00 E-mail balie@iom.test Balie open dinsdag 10:00–12:00");
  t.notMatch((await app.inject({ url: "/staff/nope" })).body, "balie@iom.test", "not on the staff side's error page");
});

t.test("the privacy statement names the controller, whom to ask, and the supervisory authority", async (t) => {
  const { app } = await buildTestApp(t);
  t.match(
    mainText((await app.inject({ url: "/en/privacy" })).body),
    "Who is responsible for your details? IOM Netherlands, the International Organization for Migration in the Netherlands. Head office: Laan van Nieuw Oost-Indië 1, 2593 BH Den Haag.",
  );
  const dutch = mainText((await app.inject({ url: "/nl/privacy" })).body);
  t.match(dutch, "Vragen over uw gegevens? Wilt u uw gegevens zien, verbeteren of laten wissen, of hebt u een vraag over privacy? Schrijf naar info.nl@iom.int of bel 070 318 15 00.");
  t.match(dutch, "U hebt het recht om een klacht in te dienen bij de Autoriteit Persoonsgegevens (autoriteitpersoonsgegevens.nl).");
  t.match(mainText((await app.inject({ url: "/ti/privacy" })).body), "Autoriteit Persoonsgegevens", "in every language");
});

t.test("the accessibility statement: status, date, what is not yet accessible, contact", async (t) => {
  const { app } = await buildTestApp(t);
  const text = mainText((await app.inject({ url: "/en/accessibility" })).body);
  t.match(text, "Status First measures taken.");
  t.match(text, "Date This statement was made on Monday, 7 December 2026.");
  t.match(text, "A screen reader cannot read the QR code on the appointment card. The link is always written next to it.");
  t.match(text, "Call 070 318 15 00 or write to info.nl@iom.int. We answer within 5 working days.");
  t.match(mainText((await app.inject({ url: "/nl/accessibility" })).body), "Deze verklaring is opgesteld op maandag 7 december 2026.");
});
