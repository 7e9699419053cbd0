// Desk hours as administrators type them, as they are stored, and as clients read them;
// and the tel: link a phone number dials.
import t from "tap";
import { groupedDeskHours, parseDeskHours, parseSpan, storeDeskHours } from "../../src/domain/offices/desk-hours.ts";
import { officeContact, telHref } from "../../src/domain/offices/office-contact.ts";

t.test("spans as typed: times with a colon or a dot, any dash; nonsense and backwards spans are refused", async (t) => {
  t.same(parseSpan("9:00-17:00"), { opens: "09:00", closes: "17:00" });
  t.same(parseSpan(" 09.30 – 12.15 "), { opens: "09:30", closes: "12:15" });
  for (const bad of ["", "9 to 5", "17:00-09:00", "09:00-09:00", "24:00-25:00", "09:60-10:00", "9-17"]) t.equal(parseSpan(bad), null, JSON.stringify(bad));
});

t.test("stored, read back and grouped into runs of days with the same hours", async (t) => {
  const stored = "1=09:00-17:00;2=09:00-17:00;3=09:00-12:00;5=09:00-17:00;6=09:00-17:00";
  const hours = parseDeskHours(stored);
  t.equal(storeDeskHours(hours), stored, "round trip");
  t.same(groupedDeskHours(hours), [
    { from: 1, to: 2, opens: "09:00", closes: "17:00" },
    { from: 3, to: 3, opens: "09:00", closes: "12:00" },
    { from: 5, to: 6, opens: "09:00", closes: "17:00" },
  ]);
  t.equal(parseDeskHours("8=09:00-10:00;x;2=bad").size, 0, "unreadable parts are left out");
  t.equal(storeDeskHours(new Map()), null);
  const contact = officeContact({ phone: "070 318 15 00", email: null, deskHours: stored, timeZone: "Europe/Amsterdam" }, "fr");
  t.same(contact.hours, [
    { days: "lundi–mardi", times: "09:00–17:00" },
    { days: "mercredi", times: "09:00–12:00" },
    { days: "vendredi–samedi", times: "09:00–17:00" },
  ]);
});

t.test("a phone number dials in international form", async (t) => {
  t.equal(telHref("070 318 15 00"), "tel:+31703181500", "a Dutch number from abroad too");
  t.equal(telHref("+31 (0)70-318 1500".replace("(0)", "")), "tel:+31703181500");
  t.equal(telHref("0031 70 318 15 00"), "tel:+31703181500");
  t.equal(telHref("318 15 00"), null, "without an area code it cannot be dialled from abroad");
  t.equal(telHref("06"), null);
});
