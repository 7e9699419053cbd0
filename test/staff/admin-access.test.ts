// Who may open the administration pages: administrators for users, offices and the audit
// log; officers too for the outbox and their calendar feed; nobody anonymous.
import t from "tap";
import { buildTestApp } from "../helpers/app.ts";
import { Browser, signedIn } from "../helpers/staff.ts";

const adminOnlyGets = ["/staff/users", "/staff/users/new", "/staff/users/1", "/staff/offices", "/staff/offices/new", "/staff/offices/1/edit", "/staff/audit"];
const adminOnlyPosts = ["/staff/users", "/staff/users/1", "/staff/users/1/disable", "/staff/users/1/enable", "/staff/users/1/password", "/staff/offices", "/staff/offices/1/edit"];
const officerGets = ["/staff/outbox", "/staff/outbox/1/message", "/staff/calendar"];
const officerPosts = ["/staff/outbox/1/retry", "/staff/calendar/feed", "/staff/calendar/revoke"];

t.test("officers and reception are refused the administrators' pages, and change nothing", async (t) => {
  const { app, db } = await buildTestApp(t);
  const officer = await signedIn(app, db, { role: "OFFICER", offices: ["zwolle"] });
  const reception = await signedIn(app, db, { role: "RECEPTION", offices: ["zwolle"] });
  const before = { users: await db.staffUser.findMany(), offices: await db.office.findMany() };
  for (const { browser } of [officer, reception]) {
    for (const url of adminOnlyGets) {
      const response = await browser.get(url);
      t.equal(response.statusCode, 403, `GET ${url}`);
      t.match(response.body, "<h1>No access</h1>");
    }
    for (const url of adminOnlyPosts) {
      const response = await browser.post(url, { name: "Mallory", email: "mallory@iom.test", role: "ADMIN", offices: "1", slug: "x", city: "x" });
      t.equal(response.statusCode, 403, `POST ${url}`);
    }
  }
  t.same({ users: await db.staffUser.findMany(), offices: await db.office.findMany() }, before, "nothing changed");
  t.equal(await db.auditEntry.count({ where: { entityType: { in: ["user", "office"] }, NOT: { action: "user.signed-in" } } }), 0);
});

t.test("reception is refused the outbox and the calendar feed; officers may open them", async (t) => {
  const { app, db } = await buildTestApp(t);
  const reception = await signedIn(app, db, { role: "RECEPTION", offices: ["zwolle"] });
  for (const url of officerGets) t.equal((await reception.browser.get(url)).statusCode, 403, `GET ${url}`);
  for (const url of officerPosts) t.equal((await reception.browser.post(url)).statusCode, 403, `POST ${url}`);
  t.equal((await db.staffUser.findUniqueOrThrow({ where: { id: reception.user.id } })).feedTokenHash, null);

  const officer = await signedIn(app, db, { role: "OFFICER", offices: ["zwolle"] });
  t.equal((await officer.browser.get("/staff/outbox")).statusCode, 200);
  t.equal((await officer.browser.get("/staff/calendar")).statusCode, 200);
  const nav = (await officer.browser.get("/staff")).body;
  t.match(nav, '<a href="/staff/calendar">Calendar feed</a>', "the feed is in the officer's menu");
  t.notMatch(nav, 'href="/staff/users"', "but not the users page");
  t.notMatch((await reception.browser.get("/staff")).body, 'href="/staff/calendar"', "reception has no feed link");
});

t.test("anonymous visitors are sent to sign in, and their posts change nothing", async (t) => {
  const { app, db } = await buildTestApp(t);
  const browser = new Browser(app);
  for (const url of [...adminOnlyGets, ...officerGets]) {
    const response = await browser.get(url);
    t.equal(response.statusCode, 303, `GET ${url}`);
    t.equal(response.headers.location, `/staff/login?next=${encodeURIComponent(url)}`);
  }
  for (const url of [...adminOnlyPosts, ...officerPosts]) {
    const response = await browser.post(url, { _csrf: "x", name: "Mallory", email: "m@iom.test", role: "ADMIN" });
    t.equal(response.statusCode, 303, `POST ${url}`);
    t.equal(response.headers.location, "/staff/login");
  }
  t.equal(await db.staffUser.count(), 0);
});
