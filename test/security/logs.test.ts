// The logs are read by whoever runs the server; they must not become a second copy of the
// clients' data. A booking with recognisable values goes through everything that logs —
// booking, the manage pages, cancelling, staff opening it, a mail server refusing the
// address — and none of it, nor any token, password or IP address, reaches the log.
import t from "tap";
import { buildTestApp } from "../helpers/app.ts";
import { bookSlot, location } from "../helpers/forms.ts";
import { Browser, PASSWORD, signedIn } from "../helpers/staff.ts";
import { startRefusingSmtp } from "./support.ts";

const now = "2026-11-30T08:00:00Z";
const slot = "2026-12-01T09:00:00.000Z";

const client = {
  name: "Zarina Qoyilova-Testperson",
  phone: "+31 6 2876 5432",
  email: "zarina.qoyilova@example.org",
  note: "Ik neem mijn dochter Leyla mee",
};

t.test("logs hold no names, contact details, notes, tokens, passwords or IP addresses", async (t) => {
  const smtp = await startRefusingSmtp(t);
  const { app, db, logs } = await buildTestApp(t, { now, env: smtp.env });

  // The client books through the public pages and looks at the booking.
  t.equal((await app.inject({ url: "/en/offices/zwolle" })).statusCode, 200);
  const { response, formKey, token } = await bookSlot(app, `/en/offices/zwolle/book?slot=${slot}`, { ...client, language: "fa", interpreter: "yes", consent: "yes", smsConsent: "yes" });
  t.equal(response.statusCode, 303, "booked");
  for (const url of [location(response), `/en/booking/${token}`, `/en/booking/${token}/cancel`, `/en/booking/${token}/appointment.ics`]) {
    t.equal((await app.inject({ url })).statusCode, 200, "a page of the manage link");
  }
  // Requests that fail carry the token and the name too: a broken escape after the token,
  // a path too long for the router, an unknown page below it, and a name in a query.
  await app.inject({ url: `/en/booking/${token}%ZZ` });
  await app.inject({ url: `/en/booking/${token}${"x".repeat(200)}` });
  await app.inject({ url: `/en/booking/${token}/nothing` });
  await app.inject({ url: `/en/offices/zwolle?name=${encodeURIComponent(client.name)}&email=${encodeURIComponent(client.email)}` });
  await app.inject({ method: "POST", url: `/en/booking/${token}/cancel`, headers: { "content-type": "application/json" }, payload: JSON.stringify(client) });
  const cancelled = await app.inject({ method: "POST", url: `/en/booking/${token}/cancel` });
  t.equal(cancelled.statusCode, 303, "cancelled by the client");
  const booking = await db.booking.findFirstOrThrow();
  t.equal(booking.status, "CANCELLED");

  // Staff sign in (once with a wrong password first), find the booking and open it.
  const wrongPassword = "Tr0ub4dor&3-not-the-password";
  const stranger = new Browser(app);
  t.equal((await stranger.signIn("admin-all@iom.test", wrongPassword)).statusCode, 401, "a wrong password is refused");
  const { browser } = await signedIn(app, db, { role: "ADMIN" });
  const session = browser.cookies.get("spreekuur_staff");
  t.ok(session, "signed in with a session cookie");
  for (const url of [
    `/staff/bookings?q=${encodeURIComponent("Zarina")}`,
    `/staff/bookings/${booking.id}`,
    `/staff/offices/${booking.officeId}/day?date=2026-12-01`,
    `/staff/offices/${booking.officeId}/day.csv?date=2026-12-01`,
    `/staff/outbox`,
  ]) {
    t.equal((await browser.get(url)).statusCode, 200, url.replace(/\?.*/, ""));
  }

  // The mail server refuses the address, naming it in its reply.
  await app.outbox.runOnce();
  t.ok(smtp.refused.includes(client.email), "the mail server refused the client's address");
  const failed = await db.outboxMessage.findMany({ where: { status: "FAILED" } });
  t.ok(failed.length >= 1, "the messages failed for good");
  t.ok(failed.every((m) => (m.lastError ?? "").includes(client.email)), "the refusal, with the address, was produced (and kept for staff on the outbox page)");
  const outboxPage = await browser.get("/staff/outbox");
  t.equal(outboxPage.statusCode, 200);

  const all = logs.join("");
  t.ok(all.includes('"msg":"message failed"'), "the failure itself was logged");
  t.ok(logs.length > 20, `${logs.length} log lines to search`);
  const secrets: Record<string, string> = {
    "the name": client.name,
    "the first name": "Zarina",
    "the family name": "Qoyilova",
    "the phone number": client.phone,
    "the phone number without spaces": client.phone.replace(/\s/g, ""),
    "the phone number's digits": "28765432",
    "the email address": client.email,
    "the email address's mailbox": "zarina.qoyilova",
    "the note": client.note,
    "a word of the note": "Leyla",
    "the form key": formKey,
    "the manage token": token,
    "the manage token, escaped": encodeURIComponent(token),
    "the session cookie": session ?? "(none)",
    "the session cookie, escaped": encodeURIComponent(session ?? "(none)"),
    "the CSRF token": browser.csrf,
    "the staff password": PASSWORD,
    "the wrong password": wrongPassword,
  };
  for (const [what, secret] of Object.entries(secrets)) {
    const line = logs.find((l) => l.includes(secret));
    t.notOk(line, `the log does not contain ${what}${line ? `: ${line.slice(0, 300)}` : ""}`);
  }
  for (const marker of ["127.0.0.1", "::1", "::ffff:", "remoteAddress", "remotePort", "user-agent", "userAgent", "lightMyRequest", "\"host\"", "cookie", "referer"]) {
    const line = logs.find((l) => l.toLowerCase().includes(marker.toLowerCase()));
    t.notOk(line, `the log does not contain ${marker}${line ? `: ${line.slice(0, 300)}` : ""}`);
  }
});
