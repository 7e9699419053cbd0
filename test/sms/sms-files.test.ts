// Without an SMS provider, text messages are written as files: shown on the staff outbox
// page, and erased with the rest of the booking's personal data.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import t from "tap";
import { buildTestApp } from "../helpers/app.ts";
import { bookSlot, validBooking } from "../helpers/forms.ts";
import { signedIn } from "../helpers/staff.ts";

t.test("a text message as a file: on the outbox page, and gone after the retention period", async (t) => {
  const { app, db, clock, dir } = await buildTestApp(t);
  const { token } = await bookSlot(app, "/uk/offices/zwolle/book?slot=2026-12-01T09:00:00.000Z", { ...validBooking, phone: "06 1234 5678", smsConsent: "yes" });
  t.same(await app.outbox.runOnce(), { sent: 1, retrying: 0, failed: 0, dropped: 0 });
  const files = readdirSync(join(dir, "sms"));
  t.equal(files.length, 1);
  const file = readFileSync(join(dir, "sms", files[0]!), "utf8");
  const booking = await db.booking.findFirstOrThrow();
  t.match(file, /^To: \+31612345678\nEncoding: ucs2\nParts: [12]\n\nЗустріч /);
  t.match(file, `https://spreekuur.test/b/${token}`);

  const row = await db.outboxMessage.findFirstOrThrow({ where: { channel: "sms", kind: "confirmation" } });
  const { browser } = await signedIn(app, db, { role: "OFFICER", offices: ["zwolle"] });
  const list = await browser.get("/staff/outbox");
  t.match(list.body, `/staff/outbox/${row.id}/message`, "a sent text can be read");
  const page = await browser.get(`/staff/outbox/${row.id}/message`);
  t.equal(page.statusCode, 200);
  t.match(page.body, "Text message (SMS)");
  t.match(page.body, "+31612345678");
  t.match(page.body, `${booking.code.slice(0, 4)}-${booking.code.slice(4)}`);

  clock.set("2027-01-01T08:00:00Z");
  const erased = await app.retention.runOnce();
  t.ok(erased.files >= 1, "the file is counted");
  t.same(readdirSync(join(dir, "sms")), [], "and removed");
  const { browser: later } = await signedIn(app, db, { role: "OFFICER", offices: ["zwolle"], email: "later@example.org" });
  t.equal((await later.get(`/staff/outbox/${row.id}/message`)).statusCode, 404, "nothing left to show");
});
