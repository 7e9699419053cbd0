// Every kind of public page, in a left-to-right and a right-to-left language, through the
// W3C Nu HTML checker: not one error. Forms are also checked as they come back with
// mistakes, and the error pages as they are sent.
import t from "tap";
import { cancelBooking } from "../../src/domain/booking/cancel-booking.ts";
import { newManageToken } from "../../src/domain/booking/manage-token.ts";
import { buildTestApp } from "../helpers/app.ts";
import { book } from "../helpers/bookings.ts";
import { bookSlot } from "../helpers/forms.ts";
import { nuErrors, skipWithoutJava, type CheckedPage } from "../helpers/nu-checker.ts";
import { offeredPlace } from "../helpers/offers.ts";

const slot = "2026-12-03T12:00:00.000Z"; // Zwolle, Thursday 3 December 13:00
const taken = "2026-12-03T12:20:00.000Z"; // one place, booked below

t.test("every public page in Dutch and Arabic passes the Nu HTML checker", { skip: skipWithoutJava }, async (t) => {
  const { app } = await buildTestApp(t, { now: "2026-11-30T08:00:00Z", env: { RATE_LIMIT_BOOKINGS: "10000" } });
  await book(app, "zwolle", taken, { name: "Taken" });
  const pages: CheckedPage[] = [];
  const expect = async (name: string, url: string, status = 200) => {
    const response = await app.inject({ method: "GET", url });
    t.equal(response.statusCode, status, `${name}: status`);
    pages.push({ name, html: response.body });
  };

  for (const locale of ["nl", "ar"] as const) {
    const token = newManageToken();
    const cancelled = newManageToken();
    await book(app, "amsterdam", "2026-12-01T09:00:00.000Z", { token, locale, name: `Client ${locale}` });
    const other = await book(app, "amsterdam", "2026-12-04T09:20:00.000Z", { token: cancelled, locale, name: `Cancelled ${locale}` });
    await cancelBooking(app.deps, { actor: { type: "client" }, bookingId: other.id, by: "client" }, app.clock.now());
    const at = (name: string) => `${locale} ${name}`;
    await expect(at("home"), `/${locale}/`);
    await expect(at("office"), `/${locale}/offices/zwolle`);
    await expect(at("office, next weeks"), `/${locale}/offices/zwolle?from=2026-12-14`);
    await expect(at("booking form"), `/${locale}/offices/zwolle/book?slot=${slot}`);
    const withErrors = await bookSlot(app, `/${locale}/offices/zwolle/book?slot=${slot}`, { name: "", email: "not an address" });
    t.equal(withErrors.response.statusCode, 422, `${locale} booking form with errors: status`);
    pages.push({ name: at("booking form with errors"), html: withErrors.response.body });
    await expect(at("time gone"), `/${locale}/offices/zwolle/book?slot=2026-12-03T12:05:00.000Z`, 404);
    await expect(at("time taken"), `/${locale}/offices/zwolle/book?slot=${taken}`, 409);
    await expect(at("confirmation"), `/${locale}/booking/${token}/confirmation`);
    await expect(at("manage"), `/${locale}/booking/${token}`);
    await expect(at("cancel"), `/${locale}/booking/${token}/cancel`);
    await expect(at("move: other times"), `/${locale}/booking/${token}/move`);
    await expect(at("move: confirm"), `/${locale}/booking/${token}/move?slot=2026-12-04T09:00:00.000Z`);
    await expect(at("move: done"), `/${locale}/booking/${token}/confirmation?done=moved`);
    await expect(at("cancelled booking"), `/${locale}/booking/${cancelled}`);
    await expect(at("unknown booking"), `/${locale}/booking/${newManageToken()}`, 404);
    // Zwolle, Tuesday 1 December (tomorrow): a freed place offered to someone waiting, and one whose offer has ended.
    const hour = locale === "nl" ? "09" : "10";
    await expect(at("place offered"), `/${locale}/offer/${await offeredPlace(app, { slug: "zwolle", startsAt: `2026-12-01T${hour}:00:00.000Z`, sessionStart: "10:00", locale })}`);
    await expect(at("offer ended"), `/${locale}/offer/${await offeredPlace(app, { slug: "zwolle", startsAt: `2026-12-01T${hour}:20:00.000Z`, sessionStart: "10:00", locale, ended: true })}`);
    await expect(at("privacy"), `/${locale}/privacy`);
    await expect(at("accessibility"), `/${locale}/accessibility`);
    await expect(at("caseworker"), `/${locale}/caseworker`);
    await expect(at("caseworker office"), `/${locale}/caseworker/offices/zwolle`);
    await expect(at("caseworker form"), `/${locale}/caseworker/offices/zwolle/book?slot=${slot}`);
    const caseworkerErrors = await bookSlot(app, `/${locale}/caseworker/offices/zwolle/book?slot=${slot}`, { name: "", caseworkerEmail: "x" });
    t.equal(caseworkerErrors.response.statusCode, 422, `${locale} caseworker form with errors: status`);
    pages.push({ name: at("caseworker form with errors"), html: caseworkerErrors.response.body });
    await expect(at("not found"), `/${locale}/no-such-page`, 404);
  }
  // The "wait a moment" page (429), from an app that takes two booking forms a minute.
  const { app: limited } = await buildTestApp(t, { now: "2026-11-30T08:00:00Z", env: { RATE_LIMIT_BOOKINGS: "2" } });
  for (const locale of ["nl", "ar"]) {
    let response = await limited.inject({ method: "POST", url: `/${locale}/offices/zwolle/book`, headers: { "content-type": "application/x-www-form-urlencoded" }, payload: "slot=x" });
    for (let i = 0; i < 5 && response.statusCode !== 429; i++) {
      response = await limited.inject({ method: "POST", url: `/${locale}/offices/zwolle/book`, headers: { "content-type": "application/x-www-form-urlencoded" }, payload: "slot=x" });
    }
    t.equal(response.statusCode, 429, `${locale} too many requests: status`);
    pages.push({ name: `${locale} too many requests`, html: response.body });
  }
  t.equal(pages.length, 2 * 25, "every page was fetched");
  t.same(await nuErrors(t, pages), [], `${pages.length} pages: no errors from the Nu HTML checker`);
});

t.test("the checker does find errors: a page with an empty aria-describedby fails", { skip: skipWithoutJava }, async (t) => {
  const html = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>x</title></head><body><label for="a">A</label><select id="a" aria-describedby=""><option>1</option></select></body></html>';
  const errors = await nuErrors(t, [{ name: "broken", html }]);
  t.equal(errors.length, 1, "one error");
  t.match(errors[0], /^broken \(line 1\): .*aria-describedby/);
});
