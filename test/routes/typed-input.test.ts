// Route input is typed by zod schemas. These are the edges where a schema could change
// what a visitor gets: a repeated query parameter, a post without a body, a staff path
// whose id is not a number, a path in a language the site does not speak. Each answers as
// the handler decides — a fallback, a form with field errors, a 404 page — never a bare 400.
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import t from "tap";
import { z } from "zod";
import { pageLocale } from "../../src/plugins/locale.ts";
import { signedIn as signedInStaff } from "../../src/routes/staff/session.ts";
import { buildTestApp, type TestContext } from "../helpers/app.ts";
import { bookSlot, inputValue, location, mainText, slotLinks, validBooking } from "../helpers/forms.ts";
import { signedIn } from "../helpers/staff.ts";

// Monday 30 November 2026, 09:00 in Zwolle (Tuesday 10–12 and Thursday 13–15).
const now = "2026-11-30T08:00:00Z";
const tuesday10 = "2026-12-01T09:00:00.000Z";
const thursday13 = "2026-12-03T12:00:00.000Z";

const h1 = (html: string) => /<h1[^>]*>([^<]*)<\/h1>/.exec(html)?.[1] ?? "";

async function withBooking(t: TestContext) {
  const test = await buildTestApp(t, { now });
  const { response, token } = await bookSlot(test.app, `/en/offices/zwolle/book?slot=${tuesday10}`, { ...validBooking, email: "amina@example.org" });
  if (response.statusCode !== 303) throw new Error(`booking answered ${response.statusCode}`);
  const booking = await test.db.booking.findFirstOrThrow();
  const zwolle = await test.db.office.findUniqueOrThrow({ where: { slug: "zwolle" } });
  return { ...test, booking, zwolle, managePath: `/en/booking/${token}` };
}

t.test("a repeated query parameter counts as a malformed one, on public pages", async (t) => {
  const { app, db, booking, managePath } = await withBooking(t);

  // Two weeks from a later day; the same parameter twice shows the first two weeks.
  for (const page of ["/en/offices/zwolle", "/en/caseworker/offices/zwolle"]) {
    const plain = await app.inject({ url: page });
    const later = await app.inject({ url: `${page}?from=2026-12-14` });
    const twice = await app.inject({ url: `${page}?from=2026-12-14&from=2026-12-15` });
    t.equal(twice.statusCode, 200, page);
    t.ok(slotLinks(plain.body).length > 0, `${page} offers times`);
    t.notSame(slotLinks(later.body), slotLinks(plain.body), `${page}: one from= pages on`);
    t.same(slotLinks(twice.body), slotLinks(plain.body), `${page}: a repeated from= shows the first weeks`);
  }

  // A booking form for two slots at once is for no slot.
  for (const form of ["/en/offices/zwolle/book", "/en/caseworker/offices/zwolle/book"]) {
    const res = await app.inject({ url: `${form}?slot=${thursday13}&slot=${thursday13}` });
    t.equal(res.statusCode, 404, form);
    t.equal(h1(res.body), "This time is not possible", `${form}: the slot-gone page`);
    t.ok(slotLinks(res.body).length > 0, `${form}: with free times instead`);
  }

  // Moving: two slots is no slot (not the list of times), two from= is the first weeks.
  const twoSlots = await app.inject({ url: `${managePath}/move?slot=${thursday13}&slot=${thursday13}` });
  t.equal(twoSlots.statusCode, 404);
  t.equal(h1(twoSlots.body), "This time is not possible");
  const choice = await app.inject({ url: `${managePath}/move` });
  const twoFroms = await app.inject({ url: `${managePath}/move?from=2026-12-14&from=2026-12-15` });
  t.equal(twoFroms.statusCode, 200);
  t.same(slotLinks(twoFroms.body), slotLinks(choice.body), "a repeated from= shows the first weeks");

  // "Moved" is said only for the one value the redirect sends.
  const moved = await app.inject({ url: `${managePath}/confirmation?done=moved` });
  t.equal(h1(moved.body), "Your appointment has been moved");
  const twice = await app.inject({ url: `${managePath}/confirmation?done=moved&done=moved` });
  t.equal(twice.statusCode, 200);
  t.equal(h1(twice.body), "Your appointment is booked");

  t.equal((await db.booking.findUniqueOrThrow({ where: { id: booking.id } })).startsAt.toISOString(), tuesday10, "nothing moved");
});

t.test("a repeated query parameter counts as a malformed one, on staff pages", async (t) => {
  const { app, db, booking, zwolle } = await withBooking(t);
  const { browser } = await signedIn(app, db, { role: "ADMIN" });

  const day = await browser.get(`/staff/offices/${zwolle.id}/day?date=2026-12-01&date=2026-12-02`);
  t.equal(day.statusCode, 404, "a day list for two days is no page");
  t.equal(h1(day.body), "Page not found");

  const week = await browser.get(`/staff/offices/${zwolle.id}/week`);
  const twoWeeks = await browser.get(`/staff/offices/${zwolle.id}/week?week=2026-12-07&week=2026-12-14`);
  t.equal(twoWeeks.statusCode, 200);
  t.equal(h1(twoWeeks.body), h1(week.body), "this week, as without the parameter");

  const phone = await browser.get(`/staff/offices/${zwolle.id}/book?slot=${thursday13}&slot=${thursday13}`);
  t.equal(phone.statusCode, 404, "booking by phone for two slots");
  t.match(mainText(phone.body), "That time cannot be booked. Choose another time.");

  const audit = await browser.get("/staff/audit?type=booking&type=user");
  t.equal(audit.statusCode, 422, "the audit filter says which field is wrong");

  const search = await browser.get("/staff/bookings?q=Amina&q=Other");
  const upcoming = await browser.get("/staff/bookings");
  t.equal(search.statusCode, 200);
  t.equal(mainText(search.body), mainText(upcoming.body), "a repeated search is no search: the coming week");

  const detail = await browser.get(`/staff/bookings/${booking.id}?done=moved&done=moved`);
  t.equal(detail.statusCode, 200);
  t.notMatch(detail.body, "The booking has been moved.", "no notice for a tampered one");

  const login = await app.inject({ url: "/staff/login?next=/staff/bookings&next=/staff/users" });
  t.equal(login.statusCode, 200);
  t.equal(inputValue(login.body, "next"), "/staff", "after signing in: the start page");
});

t.test("a notice is shown only for a page's own ?done= values, never for the names of Object's properties", async (t) => {
  const { app, db, zwolle } = await withBooking(t);
  const { browser, user } = await signedIn(app, db, { role: "ADMIN" });
  const pages = ["/staff/calendar", "/staff/outbox", `/staff/offices/${zwolle.id}/edit`, `/staff/users/${user.id}`, `/staff/offices/${zwolle.id}/schedule`];
  for (const page of pages) {
    const plain = await browser.get(page);
    t.equal(plain.statusCode, 200, page);
    for (const done of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
      const tampered = await browser.get(`${page}?done=${done}`);
      t.equal(tampered.statusCode, 200, `${page}?done=${done}`);
      t.notMatch(tampered.body, /native code|\[object Object\]|function /, `${page}?done=${done} shows nothing of Object's`);
      t.equal(mainText(tampered.body), mainText(plain.body), `${page}?done=${done} is the page without a notice`);
    }
  }
  const revoked = await browser.get("/staff/calendar?done=revoked");
  t.not(mainText(revoked.body), mainText((await browser.get("/staff/calendar")).body), "the page's own value still shows its notice");
});

t.test("a post without a body is an empty form", async (t) => {
  const { app, db, booking, zwolle, managePath } = await withBooking(t);
  const post = (url: string, cookie?: string) => app.inject({ method: "POST", url, ...(cookie ? { headers: { cookie } } : {}) });

  for (const form of ["/en/offices/zwolle/book", "/en/caseworker/offices/zwolle/book", `${managePath}/move`]) {
    const res = await post(form);
    t.equal(res.statusCode, 404, `${form}: a form for no slot`);
    t.equal(h1(res.body), "This time is not possible", form);
  }

  const login = await post("/staff/login");
  t.equal(login.statusCode, 400, "the sign-in form without its fields");
  t.match(mainText(login.body), "Het aanmeldformulier was verlopen. Probeer het opnieuw.", "in the staff side's default language");

  const { browser } = await signedIn(app, db, { role: "ADMIN" });
  const cookie = [...browser.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("; ");
  const forbidden = await post("/staff/users", cookie);
  t.equal(forbidden.statusCode, 403, "a staff post without a body has no CSRF token");
  t.equal(h1(forbidden.body), "No access");

  // Only the CSRF token: every field missing, each form says so in its own page.
  await browser.get("/staff");
  const cancel = await browser.post(`/staff/bookings/${booking.id}/cancel`);
  t.equal(cancel.statusCode, 422);
  t.match(mainText(cancel.body), "Give a reason for cancelling.");
  const user = await browser.post("/staff/users");
  t.equal(user.statusCode, 422);
  t.match(user.body, 'class="error-summary"');
  const password = await browser.post("/staff/password");
  t.equal(password.statusCode, 422);
  const exception = await browser.post(`/staff/offices/${zwolle.id}/schedule/exceptions`);
  t.equal(exception.statusCode, 400);
  t.equal(h1(exception.body), "That did not work");
  const move = await browser.post(`/staff/bookings/${booking.id}/move`);
  t.equal(move.statusCode, 422, "moving to no slot");

  // Cancelling from the manage link reads no field: the button alone cancels.
  const cancelled = await post(`${managePath}/cancel`);
  t.equal(cancelled.statusCode, 303);
  t.equal(location(cancelled), managePath);
  t.equal((await db.booking.findUniqueOrThrow({ where: { id: booking.id } })).status, "CANCELLED");
});

t.test("an id that is not a number in a staff path is the 404 page", async (t) => {
  const { app, db, zwolle } = await withBooking(t);
  const series = await db.consultationSeries.findFirstOrThrow({ where: { officeId: zwolle.id } });
  const { browser } = await signedIn(app, db, { role: "ADMIN" });
  const office = zwolle.id;

  for (const url of [
    "/staff/bookings/abc",
    "/staff/bookings/12abc/move",
    "/staff/users/abc",
    "/staff/offices/abc/edit",
    "/staff/offices/abc/day",
    "/staff/offices/abc/day/print",
    "/staff/offices/abc/week",
    "/staff/offices/abc/book",
    "/staff/offices/abc/schedule",
    `/staff/offices/${office}/schedule/series/abc/edit`,
    `/staff/offices/abc/schedule/series/${series.id}/edit`,
    "/staff/outbox/abc/message",
  ]) {
    const res = await browser.get(url);
    t.equal(res.statusCode, 404, `GET ${url}`);
    t.equal(h1(res.body), "Page not found", url);
  }
  for (const url of [
    "/staff/bookings/abc/cancel",
    "/staff/users/abc/disable",
    "/staff/outbox/abc/retry",
    `/staff/offices/${office}/day/bookings/abc/check-in`,
    `/staff/offices/${office}/day/waiting/abc/seen`,
    `/staff/offices/${office}/schedule/exceptions/abc/delete`,
    `/staff/offices/${office}/schedule/series/abc/end`,
  ]) {
    const res = await browser.post(url, { reason: "x" });
    t.equal(res.statusCode, 404, `POST ${url}`);
    t.equal(h1(res.body), "Page not found", url);
  }

  const anonymous = await app.inject({ url: "/staff/bookings/abc" });
  t.equal(anonymous.statusCode, 303, "not signed in: first the sign-in, whatever the path holds");
  t.equal(location(anonymous), "/staff/login?next=%2Fstaff%2Fbookings%2Fabc");
  const anonymousPost = await app.inject({ method: "POST", url: "/staff/users/abc/disable" });
  t.equal(location(anonymousPost), "/staff/login");
});

t.test("a path in a language the site does not speak is the 404 page, before anything else", async (t) => {
  const { app, managePath } = await withBooking(t);
  const token = managePath.split("/").pop()!;
  for (const [method, url] of [
    ["GET", `/xx/offices/zwolle/book?slot=${thursday13}&slot=${thursday13}`],
    ["POST", "/xx/offices/zwolle/book"],
    ["POST", "/xx/caseworker/offices/zwolle/book"],
    ["GET", `/xx/booking/${token}`],
    ["GET", `/xx/booking/${token}/move?slot=${thursday13}`],
    ["POST", `/xx/booking/${token}/cancel`],
  ] as const) {
    const dutch = await app.inject({ method, url });
    t.equal(dutch.statusCode, 404, `${method} ${url}`);
    t.equal(h1(dutch.body), "Pagina niet gevonden", `${method} ${url}: in the site's language`);
    const english = await app.inject({ method, url, headers: { "accept-language": "en" } });
    t.equal(h1(english.body), "Page not found", `${method} ${url}: in the browser's language`);
  }
  const manage = await app.inject({ url: managePath });
  t.equal(h1(manage.body), "Your appointment", "the booking is still there, untouched");
});

t.test("a schema that refuses input is the 400 page in the visitor's language; a broken promise is the 500 page", async (t) => {
  const { app, logs } = await buildTestApp(t, { now });
  // Routes of this test only, outside the public and staff scopes: strict schemas (the
  // app's own never refuse), and handlers asking for what only those scopes guarantee.
  const routes = app.withTypeProvider<ZodTypeProvider>();
  routes.get("/typed-input-test/:n", { schema: { params: z.object({ n: z.string().regex(/^\d+$/) }), querystring: z.object({ q: z.string().optional() }) } }, async (request) =>
    `${request.params.n} ${request.query.q ?? ""}`,
  );
  routes.post("/typed-input-test", { schema: { body: z.object({ name: z.string() }) } }, async (request) => request.body.name);
  routes.get("/typed-input-test/page-locale", async (request) => pageLocale(request));
  routes.get("/typed-input-test/signed-in", async (request) => signedInStaff(request).user.name);
  const english = { "accept-language": "en" };

  t.equal((await app.inject({ url: "/typed-input-test/12?q=x" })).body, "12 x", "valid input reaches the handler, typed");
  for (const [what, request] of [
    ["a path parameter", { url: "/typed-input-test/abc", headers: english }],
    ["a repeated query parameter", { url: "/typed-input-test/12?q=a&q=b", headers: english }],
    ["a form without the field", { method: "POST" as const, url: "/typed-input-test", headers: { ...english, "content-type": "application/x-www-form-urlencoded" }, payload: "other=x" }],
    ["a post without a body", { method: "POST" as const, url: "/typed-input-test", headers: english }],
  ] as const) {
    const res = await app.inject(request);
    t.equal(res.statusCode, 400, what);
    t.match(String(res.headers["content-type"]), /^text\/html/, `${what}: a page, not JSON`);
    t.equal(h1(res.body), "That did not work", `${what}: in the visitor's language`);
  }
  const dutch = await app.inject({ url: "/typed-input-test/abc", headers: { "accept-language": "nl" } });
  t.equal(h1(dutch.body), "Dit lukte niet");

  for (const path of ["/typed-input-test/page-locale", "/typed-input-test/signed-in"]) {
    const before = logs.length;
    const res = await app.inject({ url: path, headers: english });
    t.equal(res.statusCode, 500, `${path}: a bug, not a guess`);
    t.equal(h1(res.body), "Something went wrong", path);
    t.notMatch(res.body, "typed-input-test", `${path}: the page shows no internals`);
    const logged = logs.slice(before).join("");
    t.match(logged, path.endsWith("locale") ? "no page language on /typed-input-test/page-locale" : "no signed-in staff member on /typed-input-test/signed-in", `${path}: the log says which route`);
  }
});
