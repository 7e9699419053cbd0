// The outbox writes a text message exactly when reachOf (what staff pages say) names
// "text", and writes something to the client's side exactly when reachOf does not say
// "nobody": checked over every combination of contact details a booking can hold.
import t from "tap";
import { bookingMessages, recipients } from "../../src/domain/outbox/booking-messages.ts";
import { reachOf } from "../../src/domain/outbox/reach.ts";
import type { Booking, Office } from "../../src/generated/prisma/client.ts";

const office = { id: 1, slug: "zwolle", name: "Zwolle", street: "Aalanden 1", postalCode: "8032 AA", city: "Zwolle", timeZone: "Europe/Amsterdam" } as Office;
const base = {
  id: 7,
  code: "K7MXQ4PB",
  startsAt: new Date("2026-12-03T09:00:00Z"),
  endsAt: new Date("2026-12-03T09:20:00Z"),
  officeId: 1,
  locale: "ar",
  referrerLocale: "nl",
  name: "Amina",
  sequence: 0,
  cancelledBy: null,
  cancelReason: null,
} as unknown as Booking;

const now = new Date("2026-11-30T08:00:00Z");
const policy = { reminderTime: "10:00" };

const choices = {
  email: [null, "amina@example.org"],
  phone: [null, "06 1234 5678", "+31612345678"],
  smsConsent: [false, true],
  referrerEmail: [null, "sanne@example.org"],
  contactViaReferrer: [false, true],
} as const;

function* combinations() {
  for (const email of choices.email)
    for (const phone of choices.phone)
      for (const smsConsent of choices.smsConsent)
        for (const referrerEmail of choices.referrerEmail)
          for (const contactViaReferrer of choices.contactViaReferrer) yield { email, phone, smsConsent, referrerEmail, contactViaReferrer };
}

t.test("recipients, the messages and reachOf agree for every combination", async (t) => {
  let withText = 0;
  for (const facts of combinations()) {
    const booking = { ...base, ...facts, office } as Booking & { office: Office };
    const reach = reachOf(booking);
    const label = JSON.stringify(facts);
    const to = recipients(booking);
    t.equal(to.some((r) => r.channel === "sms"), reach.includes("text"), `text message ⇔ reach "text": ${label}`);
    t.equal(to.some((r) => r.channel === "email" && r.audience === "client"), reach.includes("email"), `client email ⇔ reach "email": ${label}`);
    t.equal(to.some((r) => r.audience === "caseworker"), reach.includes("caseworker"), `caseworker ⇔ reach "caseworker": ${label}`);
    t.equal(to.length === 0, reach[0] === "nobody", `no message ⇔ "nobody": ${label}`);
    for (const event of [{ kind: "confirmation" }, { kind: "cancellation" }] as const) {
      const rows = bookingMessages(booking, event, now, policy);
      const texts = rows.filter((r) => r.channel === "sms");
      t.equal(texts.some((r) => r.kind === event.kind), reach.includes("text"), `${event.kind} by text ⇔ "text": ${label}`);
      if (event.kind === "confirmation") t.equal(texts.some((r) => r.kind === "reminder"), reach.includes("text"), `reminder by text ⇔ "text": ${label}`);
      for (const row of texts) {
        t.equal(row.recipient, "+31612345678", "a text goes to the E.164 number");
        t.equal(row.locale, "ar", "in the client's language");
      }
    }
    if (reach.includes("text")) withText++;
  }
  t.equal(withText, 8, "the combinations with a text message were all seen");
});
