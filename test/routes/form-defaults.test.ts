// The booking forms ask for a name or alias and the consent, nothing more: the optional
// fields say "(optional)", the form says only a name is needed, and the other questions
// start answered, so a first submit with only an alias books.
import t from "tap";
import { buildTestApp } from "../helpers/app.ts";
import { location, mainText, postForm, untouched } from "../helpers/forms.ts";

const now = "2026-11-30T08:00:00Z";
const slot = "2026-12-01T09:00:00.000Z";

t.test("the client's form: optional fields marked, only a name needed, 'no interpreter' to start with", async (t) => {
  const { app, db } = await buildTestApp(t, { now });
  for (const [locale, texts] of [
    ["nl", { only: "U hoeft alleen een naam of schuilnaam in te vullen en onderaan het vakje aan te vinken. De rest mag leeg blijven.", labels: ["Naam of schuilnaam", "Telefoonnummer (niet verplicht)", "E-mailadres (niet verplicht)", "Wilt u nog iets zeggen? (niet verplicht)"] }],
    ["en", { only: "You only need to fill in a name or alias and tick the box at the bottom. You may leave the rest empty.", labels: ["Name or alias", "Phone number (optional)", "Email address (optional)", "Do you want to tell us something? (optional)"] }],
  ] as const) {
    const form = await app.inject({ url: `/${locale}/offices/zwolle/book?slot=${slot}` });
    t.equal(form.statusCode, 200);
    t.match(mainText(form.body), texts.only);
    const labels = [...form.body.matchAll(/<label for="field-(name|phone|email|note)">([\s\S]*?)<\/label>/g)].map((m) => m[2]!.replace(/<[^>]+>/g, "").replace(/\s+/g, " ").trim());
    t.same(labels, texts.labels, `${locale}: the optional fields say so, the name does not`);
    t.match(form.body, '<input type="radio" id="interpreter-no" name="interpreter" value="no" data-default checked>', `${locale}: "no interpreter" is chosen to start with`);
    t.notMatch(form.body, /id="interpreter-yes"[^>]*checked/);
  }

  const form = await app.inject({ url: `/en/offices/zwolle/book?slot=${slot}` });
  const sent = { ...untouched(form.body), name: "Alias", consent: "yes" };
  t.same(Object.keys(sent).sort(), ["consent", "email", "formKey", "formLocale", "interpreter", "language", "name", "phone", "slot", "website"], "what the browser sends");
  const booked = await postForm(app, "/en/offices/zwolle/book", sent);
  t.equal(booked.statusCode, 303, "a first submit with only an alias books");
  t.match(location(booked), /^\/en\/booking\/[\w-]{22}\/confirmation$/);
  const booking = await db.booking.findFirstOrThrow();
  t.same([booking.name, booking.language, booking.interpreterNeeded, booking.phone, booking.email, booking.note], ["Alias", "en", false, null, null, null]);
});

t.test("the caseworker's form: the client's optional fields marked, only a name needed, 'no interpreter' to start with", async (t) => {
  const { app } = await buildTestApp(t, { now });
  const form = await app.inject({ url: `/en/caseworker/offices/zwolle/book?slot=${slot}` });
  t.equal(form.statusCode, 200);
  t.match(mainText(form.body), "About your client Of the client we only need a name or alias. Questions you may leave empty say so.");
  const labels = [...form.body.matchAll(/<label for="field-(name|phone|email|note)">([\s\S]*?)<\/label>/g)].map((m) => m[2]!.replace(/<[^>]+>/g, "").replace(/\s+/g, " ").trim());
  t.same(labels, ["Name or alias of the client", "Phone number of the client (optional)", "Email address of the client (optional)", "Do you want to tell us something? (optional)"]);
  t.match(form.body, '<input type="radio" id="interpreter-no" name="interpreter" value="no" data-default checked>');
});
