// Above capacity the server sheds load with 503 and Retry-After, and recovers: per kind of
// work at once, and across the board (except what keeps the day going) when the event
// loop falls behind.
import t from "tap";
import { buildTestApp } from "../helpers/app.ts";
import { inputValue, postForm, validBooking } from "../helpers/forms.ts";
import { signedIn } from "../helpers/staff.ts";

const now = "2026-11-30T08:00:00Z";

function blockEventLoop(ms: number) {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // a request that hogs the only thread
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

t.test("a blocked event loop sheds bookings, sign-ins and manage links, but keeps public pages and the day list", async (t) => {
  const { app, db } = await buildTestApp(t, { now, env: { OVERLOAD_MAX_DELAY_MS: "100" } });
  // On a busy machine this app may shed the sign-in itself (the guard is on): try again.
  let desk: Awaited<ReturnType<typeof signedIn>> | null = null;
  for (let i = 0; i < 20 && !desk; i++) {
    desk = await signedIn(app, db, { role: "RECEPTION", offices: ["zwolle"], email: `desk${i}@iom.test`, locale: "nl" }).catch(() => sleep(250).then(() => null));
  }
  if (!desk) throw new Error("could not sign in: the machine stayed too busy");
  const zwolle = await db.office.findUniqueOrThrow({ where: { slug: "zwolle" } });
  const dayList = `/staff/offices/${zwolle.id}/day?date=2026-12-01`;
  const form = await app.inject({ url: "/en/offices/zwolle/book?slot=2026-12-01T09:00:00.000Z" });
  const fields = { ...validBooking, slot: inputValue(form.body, "slot"), formKey: inputValue(form.body, "formKey") };
  t.equal((await app.inject({ url: "/nl/offices/zwolle" })).statusCode, 200, "normal load is served");
  // Keep the loop busy across several samples, as a flood of requests would; the check
  // between the blocks sees the delay they caused.
  for (let i = 0; i < 8; i++) {
    blockEventLoop(300);
    await sleep(2);
  }
  const [booking, dutchBooking, signIn, manage, office, home, day] = await Promise.all([
    postForm(app, "/en/offices/zwolle/book", fields),
    postForm(app, "/nl/offices/zwolle/book", fields),
    postForm(app, "/staff/login", { email: "desk@iom.test", password: "x" }),
    app.inject({ url: `/en/booking/${"A".repeat(43)}` }),
    app.inject({ url: "/en/offices/zwolle" }),
    app.inject({ url: "/nl/" }),
    desk.browser.get(dayList),
  ]);
  t.equal(booking.statusCode, 503, "a booking is shed");
  t.equal(booking.headers["retry-after"], "10");
  t.match(booking.body, "<h1>It is very busy right now</h1>", "a clear page in the visitor's language");
  t.match(dutchBooking.body, "<h1>Het is nu erg druk</h1>");
  t.match(dutchBooking.body, '<a href="tel:+31703181500">070 318 15 00</a>', "whom to call, from the offices as read last (the database is not asked)");
  t.equal(signIn.statusCode, 503, "a sign-in is shed");
  t.equal(manage.statusCode, 503, "a manage-link page is shed");
  t.equal(office.statusCode, 200, "the office page is still served");
  t.equal(home.statusCode, 200, "the home page is still served");
  t.equal(day.statusCode, 200, "the day list is still served");
  t.equal(await db.booking.count(), 0, "the shed booking changed nothing");
  // Once the loop has caught up, requests are served again.
  let status = 0;
  for (let i = 0; i < 40 && status !== 303; i++) {
    await sleep(100);
    status = (await postForm(app, "/en/offices/zwolle/book", fields)).statusCode;
  }
  t.equal(status, 303, "recovers when the load stops: the same form books");
});

t.test("more bookings at once than one server handles are answered 503 at once, and nothing else is", async (t) => {
  const { app, db } = await buildTestApp(t, { now, env: { MAX_IN_FLIGHT: "2" } });
  const slots = ["2026-12-01T09:00:00.000Z", "2026-12-01T09:20:00.000Z", "2026-12-01T09:40:00.000Z", "2026-12-01T10:00:00.000Z", "2026-12-01T10:20:00.000Z", "2026-12-01T10:40:00.000Z"];
  const forms = await Promise.all(
    Array.from({ length: 30 }, async (_, i) => {
      const form = await app.inject({ url: `/en/offices/zwolle/book?slot=${slots[i % slots.length]}` });
      return { ...validBooking, name: `Client ${i}`, slot: inputValue(form.body, "slot"), formKey: inputValue(form.body, "formKey") };
    }),
  );
  const [bookings, pages] = await Promise.all([
    Promise.all(forms.map((fields) => postForm(app, "/en/offices/zwolle/book", fields))),
    Promise.all([app.inject({ url: "/en/offices/zwolle" }), app.inject({ url: "/en/" }), app.inject({ url: "/staff/login" })]),
  ]);
  const shed = bookings.filter((r) => r.statusCode === 503);
  t.ok(shed.length > 0, `some bookings were shed (${shed.length} of 30)`);
  t.ok(shed.every((r) => r.headers["retry-after"] === "2" && r.body.includes("<h1>It is very busy right now</h1>")), "each with Retry-After: 2 and the busy page");
  t.ok(bookings.every((r) => [303, 409, 503].includes(r.statusCode)), `the rest booked or found the time taken (${[...new Set(bookings.map((r) => r.statusCode))].join(", ")})`);
  t.equal(await db.booking.count(), bookings.filter((r) => r.statusCode === 303).length, "a shed booking made no booking");
  t.same(pages.map((p) => p.statusCode), [200, 200, 200], "other pages were served meanwhile");
  t.equal(app.inFlight("booking"), 0, "every place in the queue was given back");
  // Free again at once: a shed form sent again books.
  const again = await postForm(app, "/en/offices/zwolle/book", forms[bookings.indexOf(shed[0]!)]!);
  t.ok([303, 409].includes(again.statusCode), `sent again, it is handled (${again.statusCode})`);
});
