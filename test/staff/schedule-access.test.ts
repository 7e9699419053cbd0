// Who may manage schedules: officers and admins, only for their own offices. Reception
// is refused on every schedule route, and refused requests change nothing.
import t from "tap";
import { buildTestApp } from "../helpers/app.ts";
import { mainText } from "../helpers/forms.ts";
import { Browser, signedIn } from "../helpers/staff.ts";
import { officeIds, scheduleState, wednesdayForm } from "./schedule-support.ts";

async function setup(t: Parameters<typeof buildTestApp>[0]) {
  const { app, db } = await buildTestApp(t);
  const ids = await officeIds(db);
  const series = await db.consultationSeries.findFirstOrThrow({ where: { officeId: ids.zwolle }, orderBy: { id: "asc" } });
  const exception = await db.scheduleException.create({
    data: { officeId: ids.zwolle, kind: "CLOSURE", date: "2026-12-28", endDate: "2026-12-31", reason: "Verbouwing", createdAt: new Date("2026-11-01T00:00:00Z") },
  });
  const base = `/staff/offices/${ids.zwolle}/schedule`;
  const gets = [
    base,
    `${base}/series/new`,
    `${base}/series/${series.id}/edit`,
    `${base}/series/${series.id}/end`,
    `${base}/exceptions/new?kind=CANCEL`,
  ];
  const posts: Array<[string, Record<string, string | string[]>]> = [
    [`${base}/series`, wednesdayForm],
    [`${base}/series/${series.id}`, { ...wednesdayForm, weekdays: ["2"], startTime: "10:00", endTime: "11:00" }],
    [`${base}/series/${series.id}/end`, { lastDate: "2026-11-30" }],
    [`${base}/exceptions`, { kind: "CLOSURE", date: "2026-12-01", endDate: "2026-12-10", reason: "" }],
    [`${base}/exceptions`, { kind: "HOLIDAY_OPEN", date: "2026-12-25" }],
    [`${base}/exceptions/${exception.id}/delete`, {}],
  ];
  return { app, db, ids, series, exception, base, gets, posts };
}

t.test("reception gets the 403 page on every schedule route, GET and POST, and nothing changes", async (t) => {
  const { app, db, gets, posts } = await setup(t);
  const { browser } = await signedIn(app, db, { role: "RECEPTION", offices: ["zwolle"] });
  const before = await scheduleState(db);
  for (const url of ["/staff/schedule", ...gets]) {
    const response = await browser.get(url);
    t.equal(response.statusCode, 403, `GET ${url}`);
    t.equal(mainText(response.body), "No access You may not see this page. Back to today&#39;s overview", `GET ${url} shows the 403 page`);
  }
  for (const [url, fields] of posts) {
    const response = await browser.post(url, fields);
    t.equal(response.statusCode, 403, `POST ${url}`);
    t.match(response.body, "<h1>No access</h1>");
  }
  t.same(await scheduleState(db), before, "nothing changed");
  const today = await browser.get("/staff");
  t.notMatch(today.body, "/schedule", "reception is not offered the schedule");
});

t.test("an officer of Tilburg gets 403 on Zwolle's schedule; unknown ids are 404", async (t) => {
  const { app, db, ids, gets, posts } = await setup(t);
  const { browser } = await signedIn(app, db, { role: "OFFICER", offices: ["tilburg"] });
  const before = await scheduleState(db);
  for (const url of gets) t.equal((await browser.get(url)).statusCode, 403, `GET ${url}`);
  for (const [url, fields] of posts) t.equal((await browser.post(url, fields)).statusCode, 403, `POST ${url}`);
  t.same(await scheduleState(db), before, "nothing changed");

  const own = await browser.get("/staff/schedule");
  t.equal(own.statusCode, 303);
  t.equal(own.headers.location, `/staff/offices/${ids.tilburg}/schedule`, "one office: straight to its schedule");
  const page = await browser.get(own.headers.location!);
  t.equal(page.statusCode, 200);
  t.match(page.body, "<h1>Schedule: Tilburg</h1>");
  t.notMatch(page.body, "Zwolle");

  const tilburgBase = `/staff/offices/${ids.tilburg}/schedule`;
  const zwolleSeries = await db.consultationSeries.findFirstOrThrow({ where: { officeId: ids.zwolle } });
  t.equal((await browser.get(`${tilburgBase}/series/${zwolleSeries.id}/edit`)).statusCode, 404, "another office's series under one's own office");
  t.equal((await browser.post(`${tilburgBase}/series/${zwolleSeries.id}/end`, { lastDate: "2026-12-01" })).statusCode, 404);
  t.equal((await browser.get(`${tilburgBase}/series/99999/edit`)).statusCode, 404);
  t.equal((await browser.get(`${tilburgBase}/series/abc/edit`)).statusCode, 404);
  t.equal((await browser.post(`${tilburgBase}/exceptions/99999/delete`)).statusCode, 404);
  t.equal((await browser.get(`${tilburgBase}/exceptions/new?kind=SOMETHING`)).statusCode, 404);
  t.equal((await browser.get(`/staff/offices/99999/schedule`)).statusCode, 404);
  t.equal((await browser.post(`${tilburgBase}/exceptions`, { kind: "nonsense", date: "2026-12-01" })).statusCode, 400);
  t.same(await scheduleState(db), before, "still nothing changed");
});

t.test("anonymous visitors are sent to sign in; a post without the CSRF token is refused", async (t) => {
  const { app, db, gets, posts } = await setup(t);
  const anonymous = new Browser(app);
  for (const url of gets) {
    const response = await anonymous.get(url);
    t.equal(response.statusCode, 303, `GET ${url}`);
    t.equal(response.headers.location, `/staff/login?next=${encodeURIComponent(url)}`);
  }
  for (const [url, fields] of posts) t.equal((await anonymous.post(url, fields)).statusCode, 303, `POST ${url}`);
  const { browser } = await signedIn(app, db, { role: "OFFICER", offices: ["zwolle"] });
  const before = await scheduleState(db);
  for (const [url, fields] of posts) t.equal((await browser.post(url, { ...fields, _csrf: "forged" })).statusCode, 403, `POST ${url} with a forged token`);
  t.same(await scheduleState(db), before);
});

t.test("staff with several offices choose one; admins see every office", async (t) => {
  const { app, db, ids } = await setup(t);
  const officer = (await signedIn(app, db, { role: "OFFICER", offices: ["zwolle", "tilburg"] })).browser;
  const list = await officer.get("/staff/schedule");
  t.equal(list.statusCode, 200);
  t.equal(mainText(list.body), "Schedule Tilburg Zwolle — Wijkcentrum Holtenbroek");
  t.match(list.body, `href="/staff/offices/${ids.zwolle}/schedule"`);
  const { browser } = await signedIn(app, db, { role: "ADMIN" });
  t.equal(mainText((await browser.get("/staff/schedule")).body), "Schedule Den Haag (hoofdkantoor) Amsterdam Tilburg Zwolle — Wijkcentrum Holtenbroek");
  const zwolle = await browser.get(`/staff/offices/${ids.zwolle}/schedule`);
  t.equal(zwolle.statusCode, 200);
  t.match(mainText(zwolle.body), "Tuesday 10:00–12:00 20 min, 1 per slot from Monday, 30 November 2026 84 days ahead at least 120 min before");
  t.match(mainText(zwolle.body), "Monday, 28 December 2026 – Thursday, 31 December 2026 Office closed Verbouwing Remove");
});
