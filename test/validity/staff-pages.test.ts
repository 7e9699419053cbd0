// Every kind of staff page, in Dutch and in English, through the W3C Nu HTML checker: not
// one error. Forms are also checked as they come back with mistakes.
import t from "tap";
import { buildTestApp } from "../helpers/app.ts";
import { nuErrors, skipWithoutJava, type CheckedPage } from "../helpers/nu-checker.ts";
import { staffPagesWithData } from "../helpers/staff-pages.ts";
import { Browser } from "../helpers/staff.ts";

t.test("every staff page passes the Nu HTML checker", { skip: skipWithoutJava }, async (t) => {
  const { app, db, clock } = await buildTestApp(t);
  const list = await staffPagesWithData(app, db, clock);
  const pages: CheckedPage[] = [];
  const anonymous = new Browser(app);
  for (const locale of ["nl", "en"]) {
    t.equal((await anonymous.get(`/staff/login/${locale}`)).statusCode, 303);
    const response = await anonymous.get("/staff/login");
    t.equal(response.statusCode, 200, `sign-in ${locale}`);
    pages.push({ name: `sign-in ${locale}`, html: response.body });
  }
  const failed = await anonymous.post("/staff/login", { email: "admin@iom.test", password: "wrong", _csrf: undefined });
  pages.push({ name: "sign-in with a mistake", html: failed.body });

  const admin = new Browser(app);
  t.equal((await admin.signIn("admin@iom.test")).statusCode, 303, "signed in");
  for (const locale of ["nl", "en"]) {
    if (locale === "en") await admin.post("/staff/language", { locale: "en", next: "/staff" });
    for (const page of list) {
      const response = await admin.get(page.url);
      t.equal(response.statusCode, page.status ?? 200, `${locale} ${page.name}: status`);
      pages.push({ name: `${locale} ${page.name}`, html: response.body });
    }
    // Forms sent back with mistakes.
    for (const [name, url, fields] of [
      ["new user with mistakes", "/staff/users", { name: "", email: "x", role: "NOBODY" }],
      ["new office with mistakes", "/staff/offices", { name: "" }],
      ["new series with mistakes", list.find((p) => p.name === "new series")!.url.replace(/\/new$/, ""), { startTime: "25:00" }],
      ["new exception with mistakes", list.find((p) => p.name === "new extra session")!.url.replace(/\/new\?.*$/, ""), { kind: "EXTRA", date: "x", startTime: "9", endTime: "" }],
      ["password with mistakes", "/staff/password", { current: "x", next: "y", repeat: "z" }],
    ] as const) {
      const response = await admin.post(url, fields);
      t.equal(response.statusCode, 422, `${locale} ${name}: status`);
      pages.push({ name: `${locale} ${name}`, html: response.body });
    }
  }
  // Reception: a page it may not see (403), and a no-show refused before its time (409).
  const desk = new Browser(app);
  t.equal((await desk.signIn("desk@iom.test")).statusCode, 303, "reception signed in");
  const forbidden = await desk.get("/staff/users");
  t.equal(forbidden.statusCode, 403, "no access: status");
  pages.push({ name: "no access", html: forbidden.body });
  const zwolle = await db.office.findUniqueOrThrow({ where: { slug: "zwolle" } });
  const early = await db.booking.findFirstOrThrow({ where: { officeId: zwolle.id, startsAt: { gt: clock.now() } }, orderBy: { startsAt: "asc" } });
  await desk.get(`/staff/offices/${zwolle.id}/day`);
  const refused = await desk.post(`/staff/offices/${zwolle.id}/day/bookings/${early.id}/no-show`);
  t.equal(refused.statusCode, 409, "no-show refused: status");
  pages.push({ name: "no-show refused", html: refused.body });
  t.same(await nuErrors(t, pages), [], `${pages.length} pages: no errors from the Nu HTML checker`);
});
