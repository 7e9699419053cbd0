// "Add to calendar" on the confirmation: the .ics file, and links to the common web
// calendars that carry the time and the office's address, and nothing about the client.
import t from "tap";
import { buildTestApp } from "../helpers/app.ts";
import { bookSlot, mainText, validBooking } from "../helpers/forms.ts";

const now = "2026-11-30T08:00:00Z";

t.test("the confirmation links to Google, Outlook.com, Microsoft 365 and Yahoo with time and place only", async (t) => {
  const { app, db } = await buildTestApp(t, { now });
  const { token } = await bookSlot(app, "/en/offices/zwolle/book?slot=2026-12-01T09:00:00.000Z", { ...validBooking, name: "Amina Secret", email: "amina@example.org" });
  const page = await app.inject({ url: `/en/booking/${token}/confirmation` });
  t.equal(page.statusCode, 200);
  const list = /<ul class="inline-list web-calendars"[\s\S]*?<\/ul>/.exec(page.body)?.[0] ?? "";
  const links = [...list.matchAll(/<a href="([^"]+)" rel="noreferrer" dir="ltr">([^<]+)<\/a>/g)].map((m) => [m[2], m[1]!.replaceAll("&amp;", "&")]);
  const title = "Appointment+%E2%80%93+Zwolle+%E2%80%94+Wijkcentrum+Holtenbroek";
  const place = "Rembrandtlaan+2%2C+8031+RK+Zwolle";
  t.same(links, [
    ["Google Calendar", `https://calendar.google.com/calendar/render?action=TEMPLATE&text=${title}&dates=20261201T090000Z%2F20261201T092000Z&location=${place}`],
    ["Outlook.com", `https://outlook.live.com/calendar/0/deeplink/compose?path=%2Fcalendar%2Faction%2Fcompose&rru=addevent&subject=${title}&startdt=2026-12-01T09%3A00%3A00Z&enddt=2026-12-01T09%3A20%3A00Z&location=${place}`],
    ["Microsoft 365", `https://outlook.office.com/calendar/0/deeplink/compose?path=%2Fcalendar%2Faction%2Fcompose&rru=addevent&subject=${title}&startdt=2026-12-01T09%3A00%3A00Z&enddt=2026-12-01T09%3A20%3A00Z&location=${place}`],
    ["Yahoo", `https://calendar.yahoo.com/?v=60&title=${title}&st=20261201T090000Z&et=20261201T092000Z&in_loc=${place}`],
  ]);
  t.match(mainText(page.body), "Add to my calendar Or add the appointment to your online calendar. The link sends only the time and the address: Google Calendar Outlook.com Microsoft 365 Yahoo");
  const booking = await db.booking.findFirstOrThrow();
  for (const [name, href] of links) {
    for (const secret of [token, booking.code, "Amina", "amina", "example.org", booking.manageTokenHash]) t.notMatch(href!, secret, `${name} holds no ${secret === token ? "manage token" : "personal detail"}`);
  }
  t.match(page.body, `href="/en/booking/${token}/appointment.ics" download`, "the calendar file is still offered");
});
