// What clients and caseworkers type is shown as text everywhere it appears: on the public
// pages, on every staff page, in the CSV export and in every email. Markup in a name, a
// note, an organisation or a cancellation reason is escaped, never interpreted.
import t, { type Test } from "tap";
import { buildTestApp } from "../helpers/app.ts";
import { bookSlot, location, postForm } from "../helpers/forms.ts";
import { startSmtp } from "../helpers/smtp.ts";
import { signedIn } from "../helpers/staff.ts";

const now = "2026-11-30T08:00:00Z";
const slot = "2026-12-01T09:00:00.000Z"; // Zwolle, Tuesday 1 December 10:00
const caseworkerSlot = "2026-12-01T09:20:00.000Z";
const formulaSlot = "2026-12-01T09:40:00.000Z";

const name = '<script>alert("x")</script>';
const note = "<img src=x onerror=alert(1)>";
const email = "markup.client@example.org";
const orgName = "<b onmouseover=alert(2)>Buurtteam</b>";
const caseworkerName = "<svg onload=alert(3)>Sanne";
const caseworkerEmail = "sanne@buurtteam.test";
const clientOfCaseworker = "\"><iframe src=//evil.example>";
const reason = '<a href="https://evil.example/">Click here</a>';

/** Fragments that would run or load something if a page or message let them through. */
const dangerous = ["<script>alert", "<img src=x", "<b onmouseover", "<svg onload", "<iframe src", "<a href=\"https://evil.example"];

/** How the templates (Eta) escape text. */
function escaped(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

function checkHtml(t: Test, what: string, html: string, shown: string[]) {
  const raw = dangerous.filter((fragment) => html.includes(fragment));
  t.same(raw, [], `${what}: no markup from the input reaches the HTML`);
  for (const text of shown) t.ok(html.includes(escaped(text)), `${what}: shows ${JSON.stringify(text)} as escaped text`);
}

t.test("markup in a name, a note and an organisation is text on every page, in the CSV and in every email", async (t) => {
  const smtp = await startSmtp(t);
  const { app, db } = await buildTestApp(t, { now, env: smtp.env() });

  // A form that comes back with an error shows what was typed.
  const form = await app.inject({ url: `/en/offices/zwolle/book?slot=${slot}` });
  const formKey = /name="formKey" value="([^"]+)"/.exec(form.body)![1]!;
  const refused = await app.inject({
    method: "POST",
    url: "/en/offices/zwolle/book",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    payload: new URLSearchParams({ slot, formKey, name, email, note, phone: "", language: "ar", interpreter: "no" }).toString(),
  });
  t.equal(refused.statusCode, 422, "without consent the form comes back");
  checkHtml(t, "the booking form with an error", refused.body, [name, note]);

  // The client books, and a caseworker books for someone else.
  const client = await bookSlot(app, `/en/offices/zwolle/book?slot=${slot}`, { name, email, phone: "", note, language: "ar", interpreter: "no", consent: "yes" });
  t.equal(client.response.statusCode, 303);
  const caseworkerForm = {
    orgType: "neighbourhood-team",
    orgName,
    caseworkerName,
    caseworkerEmail,
    name: clientOfCaseworker,
    language: "fa",
    clientLocale: "fa",
    interpreter: "yes",
    phone: "",
    email: "",
    note,
    consent: "yes",
  };
  // First the details to check (each typed value shown, and kept in a hidden field), then booked.
  const check = await bookSlot(app, `/en/caseworker/offices/zwolle/book?slot=${caseworkerSlot}`, caseworkerForm);
  t.equal(check.response.statusCode, 200);
  checkHtml(t, "the caseworker's check step", check.response.body, [orgName, caseworkerName, clientOfCaseworker, note]);
  const viaCaseworker = { response: await postForm(app, "/en/caseworker/offices/zwolle/book", { ...caseworkerForm, slot: check.slot, formKey: check.formKey, confirm: "yes" }) };
  t.equal(viaCaseworker.response.statusCode, 303);
  // A name a spreadsheet would read as a formula.
  const formula = await bookSlot(app, `/en/offices/zwolle/book?slot=${formulaSlot}`, { name: '=HYPERLINK("https://evil.example","open")', email: "", phone: "", note: "", language: "nl", interpreter: "no", consent: "yes" });
  t.equal(formula.response.statusCode, 303);

  const bookings = await db.booking.findMany({ orderBy: { startsAt: "asc" } });
  t.same(
    bookings.map((b) => [b.name, b.note, b.referrerOrgName, b.referrerName]),
    [
      [name, note, null, null],
      [clientOfCaseworker, note, orgName, caseworkerName],
      ['=HYPERLINK("https://evil.example","open")', null, null, null],
    ],
    "stored exactly as typed",
  );
  const [own, caseworkers] = bookings as [(typeof bookings)[0], (typeof bookings)[0]];

  // The client's own pages.
  for (const path of [location(client.response), `/en/booking/${client.token}`, `/en/booking/${client.token}/cancel`, `/en/booking/${client.token}/appointment.ics`]) {
    const page = await app.inject({ url: path });
    t.equal(page.statusCode, 200, path.replace(client.token, "<token>"));
    checkHtml(t, path.replace(client.token, "<token>"), page.body, []);
  }
  const caseworkerConfirmation = await app.inject({ url: location(viaCaseworker.response) });
  checkHtml(t, "the caseworker's confirmation", caseworkerConfirmation.body, []);

  // Every staff page that shows them.
  const { browser } = await signedIn(app, db, { role: "ADMIN" });
  const office = own.officeId;
  const pages: Array<[string, string[]]> = [
    [`/staff/offices/${office}/day?date=2026-12-01`, [name, clientOfCaseworker, orgName]],
    // The printed list leaves the organisation out.
    [`/staff/offices/${office}/day/print?date=2026-12-01`, [name, clientOfCaseworker]],
    [`/staff/bookings/${own.id}`, [name, note, email]],
    [`/staff/bookings/${caseworkers.id}`, [clientOfCaseworker, note, orgName, caseworkerName, caseworkerEmail]],
    [`/staff/bookings?q=${encodeURIComponent("script")}`, [name]],
    [`/staff/bookings?q=${encodeURIComponent(name)}`, [name]],
    [`/staff/bookings?q=${encodeURIComponent("iframe")}`, [clientOfCaseworker]],
    [`/staff/offices/${office}/week?week=2026-11-30`, [name, clientOfCaseworker]],
    [`/staff/bookings/${own.id}/move`, []],
    [`/staff/outbox`, []],
  ];
  for (const [url, shown] of pages) {
    const page = await browser.get(url);
    t.equal(page.statusCode, 200, url);
    checkHtml(t, url, page.body, shown);
  }

  // A cancellation reason with markup that comes back with an error is shown as typed.
  const tooLong = await browser.post(`/staff/bookings/${own.id}/cancel`, { reason: `${reason} ${"x".repeat(300)}` });
  t.equal(tooLong.statusCode, 422);
  checkHtml(t, "the booking with a refused reason", tooLong.body, [reason]);

  // The CSV is for spreadsheets: names as typed in quoted cells, formulas defused, and
  // sent so that no browser renders it as a page.
  const csv = await browser.get(`/staff/offices/${office}/day.csv?date=2026-12-01`);
  t.equal(csv.statusCode, 200);
  t.match(csv.headers["content-type"], /^text\/csv/);
  t.match(csv.headers["content-disposition"], /^attachment;/);
  t.equal(csv.headers["x-content-type-options"], "nosniff");
  t.ok(csv.body.includes(`"${name.replace(/"/g, '""')}"`), "the name is one quoted cell");
  t.ok(csv.body.includes(`"${clientOfCaseworker.replace(/"/g, '""')}"`), "the caseworker's client is one quoted cell");
  t.ok(csv.body.includes(`"'=HYPERLINK(""https://evil.example"",""open"")"`), "a formula is prefixed so it stays text");
  t.notOk(/(^|;)"?=HYPERLINK/m.test(csv.body), "no cell starts with =");

  // Messages: the confirmations, the caseworker's copy, and a cancellation with a reason.
  const cancelled = await browser.post(`/staff/bookings/${own.id}/cancel`, { reason });
  t.equal(cancelled.statusCode, 303, "staff cancel with a reason that holds markup");
  await app.outbox.runOnce();
  const toClient = smtp.to(email);
  const toCaseworker = smtp.to(caseworkerEmail);
  t.equal(toClient.length, 2, "the client got a confirmation and a cancellation");
  t.ok(toCaseworker.length >= 1, "the caseworker got the confirmation");
  for (const mail of [...toClient, ...toCaseworker]) {
    const what = `the email "${mail.parsed.subject}" to ${mail.to.join(", ")}`;
    const html = typeof mail.parsed.html === "string" ? mail.parsed.html : "";
    t.ok(html.length > 0, `${what} has an HTML part`);
    checkHtml(t, `${what} (HTML)`, html, []);
    // Plain text is never rendered: there the name must read exactly as typed.
    t.notOk(/&lt;|&gt;|&quot;|&#39;|&amp;/.test(mail.parsed.text ?? ""), `${what} (text) has no HTML entities`);
  }
  const cancelMail = toClient.find((m) => (m.parsed.text ?? "").includes("Click here"));
  t.ok(cancelMail, "the cancellation carries the reason");
  if (!cancelMail) return;
  t.ok(String(cancelMail.parsed.html).includes(escaped(reason)), "the reason is escaped in the HTML part");
  t.ok((cancelMail.parsed.text ?? "").includes(reason), "the reason reads as typed in the text part");
  const greeting = toClient.filter((m) => String(m.parsed.html).includes(escaped(name)));
  t.equal(greeting.length, 2, "both messages greet the client by the escaped name in HTML");
  t.equal(toClient.filter((m) => (m.parsed.text ?? "").includes(name)).length, 2, "and by the name as typed in the text part");
  const copy = toCaseworker[0]!;
  t.ok(String(copy.parsed.html).includes(escaped(clientOfCaseworker)), "the caseworker's copy names the client, escaped");
  t.ok((copy.parsed.text ?? "").includes(clientOfCaseworker), "and as typed in its text part");
});
