// Thousands of malformed and hostile requests at every route the app registers, public and
// staff, signed in and anonymous: none may answer 5xx, each gets the answer its route
// promises (mostly a clear 4xx page), no page shows internals, and the database is exactly
// as it was before.
import t from "tap";
import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { newManageToken } from "../../src/domain/booking/manage-token.ts";
import { buildTestApp } from "../helpers/app.ts";
import { book } from "../helpers/bookings.ts";
import { bookSlot, validBooking } from "../helpers/forms.ts";
import { createStaff, signedIn } from "../helpers/staff.ts";
import { FORM_ROUTES, formBodies, INJECTIONS, PATH_JUNK, PATH_JUNK_SHORT, QUERY_RULES, rawProbes, type ProbeContext, type Status } from "./malformed.ts";
import { cookieHeader, databaseFingerprint, leaks, rawRequest, recordRoutes, type RecordedRoute } from "./support.ts";

const now = "2026-11-30T08:00:00Z";
const FORM = "application/x-www-form-urlencoded";

interface Probe {
  /** The route pattern, for grouping what went wrong. */
  route: string;
  what: string;
  as: "admin" | "anonymous";
  method: string;
  url: string;
  headers?: Record<string, string>;
  payload?: string | Buffer;
  /** Allowed statuses; "login" is the sign-in redirect (or a 4xx the router gives first). */
  expect: Status | "login";
  location?: RegExp;
}

const isStaff = (url: string) => url === "/staff" || url.startsWith("/staff/");
/** Every route answers errors with an HTML page, except the calendar feed (a bare 404 for calendar apps). */
const isHtmlRoute = (url: string) => !url.startsWith("/feeds/");
const paramsOf = (url: string) => [...url.matchAll(/:(\w+)|\*/g)].map((m) => m[1] ?? "*");

t.test("malformed and hostile requests at every route: no 5xx, a clear answer, no change", async (t) => {
  const recorder = recordRoutes();
  const { app, db, logs } = await buildTestApp(t, { now });
  recorder.stop();
  await app.ready();

  // Data for the routes to find: bookings (one with a manage token we know), an outbox
  // message, a waiting-list entry, a schedule exception and a second staff member.
  const zwolle = await db.office.findUniqueOrThrow({ where: { slug: "zwolle" } });
  const booked = await bookSlot(app, "/en/offices/zwolle/book?slot=2026-12-01T09:00:00.000Z", { ...validBooking, email: "client@example.org" });
  t.equal(booked.response.statusCode, 303, "a real booking to aim at");
  const token = booked.formKey;
  const booking = await db.booking.findFirstOrThrow({ where: { officeId: zwolle.id }, orderBy: { id: "asc" } });
  await book(app, "zwolle", "2026-12-03T12:00:00.000Z", { name: "Second client" });
  await book(app, "den-haag", "2026-12-02T08:30:00.000Z", { name: "Third client" });
  const outbox = await db.outboxMessage.findFirstOrThrow();
  const series = await db.consultationSeries.findFirstOrThrow({ where: { officeId: zwolle.id } });
  const exception = await db.scheduleException.create({
    data: { officeId: zwolle.id, seriesId: series.id, kind: "CANCEL", date: "2026-12-10", reason: "Training", createdAt: new Date(now) },
  });
  const entry = await db.waitingListEntry.create({
    data: { officeId: zwolle.id, date: "2026-12-01", sessionStart: "10:00", name: "Waiting client", language: "ar", interpreterNeeded: false, createdAt: new Date(now) },
  });
  const officer = await createStaff(db, { role: "OFFICER", offices: ["zwolle"] });
  const { browser } = await signedIn(app, db, { role: "ADMIN" });
  const adminCookie = cookieHeader(browser);
  const csrf = browser.csrf;
  t.ok(csrf.length > 20, "the administrator's CSRF token is known");
  const freeSlot = "2026-12-01T09:40:00.000Z";

  const before = await databaseFingerprint(db);
  const sessionsBefore = await db.staffSession.count();

  // ---- the routes, from the app itself -------------------------------------------------
  const seen = new Set<string>();
  const routes: RecordedRoute[] = [];
  for (const route of recorder.routes) {
    const key = `${route.method} ${route.url}`;
    if (seen.has(key) || (route.url !== "/" && route.url.endsWith("/") && recorder.routes.some((r) => r.url === route.url.slice(0, -1)))) continue;
    seen.add(key);
    routes.push(route);
  }
  const urls = [...new Set(routes.map((r) => r.url))];
  t.ok(routes.length >= 60, `the app registered ${routes.length} method/route pairs`);
  for (const expected of ["POST /:lang/offices/:slug/book", "POST /staff/bookings/:id/cancel", "GET /staff/offices/:officeId/day.csv", "GET /feeds/:file", "GET /assets/*"]) {
    t.ok(seen.has(expected), `${expected} is among the recorded routes`);
  }

  function realValue(url: string, param: string): string {
    switch (param) {
      case "lang":
      case "code":
        return "en";
      case "slug":
        return "zwolle";
      case "token":
        return token;
      case "file":
        return `${newManageToken()}.ics`;
      case "officeId":
        return String(zwolle.id);
      case "seriesId":
        return String(series.id);
      case "exceptionId":
        return String(exception.id);
      case "bookingId":
        return String(booking.id);
      case "action":
        return "check-in";
      case "entryId":
        return String(entry.id);
      case "status":
        return "seen";
      case "*":
        return "app.css";
      case "id":
        if (url.startsWith("/staff/bookings/")) return String(booking.id);
        if (url.startsWith("/staff/users/")) return String(officer.id);
        if (url.startsWith("/staff/outbox/")) return String(outbox.id);
        return String(zwolle.id);
      default:
        return "1";
    }
  }
  const fill = (url: string, junk?: { param: string; value: string }) =>
    url.replace(/:(\w+)|\*/g, (_m, name: string | undefined) => {
      const param = name ?? "*";
      return junk && junk.param === param ? junk.value : realValue(url, param);
    });

  const probes: Probe[] = [];
  const add = (probe: Probe) => probes.push(probe);
  const ctx: ProbeContext = { slot: freeSlot, freshToken: newManageToken };
  const loginLocation = /^\/staff\/login/;

  // ---- malformed path parameters: ids that are not ids, traversal, broken encodings ------
  for (const route of routes) {
    if (route.method === "HEAD") continue;
    for (const param of paramsOf(route.url)) {
      for (const value of PATH_JUNK) {
        const url = fill(route.url, { param, value });
        const body = route.method === "POST" ? { headers: { "content-type": FORM }, payload: `_csrf=${encodeURIComponent(csrf)}&reason=x&slot=${freeSlot}` } : {};
        add({ route: route.url, what: `malformed :${param}`, as: isStaff(route.url) ? "admin" : "anonymous", method: route.method, url, ...body, expect: [400, 403, 404, 414] });
      }
      if (isStaff(route.url) && !route.anonymous) {
        for (const value of PATH_JUNK_SHORT) {
          add({ route: route.url, what: `malformed :${param}, not signed in`, as: "anonymous", method: route.method, url: fill(route.url, { param, value }), expect: "login" });
        }
      }
    }
  }

  // ---- methods the route does not have --------------------------------------------------
  for (const url of urls) {
    const has = new Set(routes.filter((r) => r.url === url).map((r) => r.method));
    const real = fill(url);
    for (const method of ["PUT", "DELETE", "PATCH", "OPTIONS", "GET", "POST"]) {
      if (has.has(method)) continue;
      const body = method === "GET" || method === "OPTIONS" ? {} : { headers: { "content-type": FORM }, payload: `_csrf=${encodeURIComponent(csrf)}&name=x` };
      add({ route: url, what: `method ${method}`, as: isStaff(url) ? "admin" : "anonymous", method, url: real, ...body, expect: [404, 405] });
      // Another pattern may take the path (POST /staff/users/new is POST /staff/users/:id): then it is the sign-in.
      if (isStaff(url)) add({ route: url, what: `method ${method}, not signed in`, as: "anonymous", method, url: real, ...body, expect: "login" });
    }
  }

  // ---- query strings: unknown, repeated, broken, and malformed values of what pages read --
  const baseline = new Map<string, number>();
  const getRoutes = routes.filter((r) => r.method === "GET");
  for (const route of getRoutes) {
    const as = isStaff(route.url) ? "admin" : "anonymous";
    const response = await app.inject({ method: "GET", url: fill(route.url), headers: as === "admin" ? { cookie: adminCookie } : {} });
    t.ok(response.statusCode < 500, `GET ${route.url} answers without malformed input (${response.statusCode})`);
    baseline.set(route.url, response.statusCode);
  }
  const oddQueries = [
    "foo=bar&isAdmin=true",
    "__proto__[admin]=1&constructor[prototype][admin]=1",
    "a=%ZZ&b=%E0%A4%A&c=%FF%FE",
    `padding=${"x".repeat(8000)}`,
    "a=1&a=2&a=3&a[]=4&a[b]=5",
  ];
  for (const route of getRoutes) {
    const as = isStaff(route.url) ? "admin" : "anonymous";
    const real = fill(route.url);
    for (const query of oddQueries) add({ route: route.url, what: `unknown query ${query.slice(0, 30)}`, as, method: "GET", url: `${real}?${query}`, expect: [baseline.get(route.url)!] });
    add({ route: route.url, what: "HEAD", as, method: "HEAD", url: `${real}?${oddQueries[0]}`, expect: [baseline.get(route.url)!] });
    for (const rule of QUERY_RULES[route.url] ?? []) {
      for (const value of [...rule.values, ...rule.values.slice(0, 2).map((v) => [v, "again"])]) {
        const query = Array.isArray(value)
          ? value.map((v) => `${rule.param}=${encodeURIComponent(v)}`).join("&")
          : `${rule.param}=${encodeURIComponent(value)}`;
        const expect = typeof value === "string" && rule.wellFormed?.test(value) ? rule.wellFormed.status : rule.status;
        add({ route: route.url, what: `query ${rule.param}`, as, method: "GET", url: `${real}?${rule.extra ? `${rule.extra}&` : ""}${query}`, expect, ...(rule.location ? { location: rule.location } : {}) });
      }
    }
    if (isStaff(route.url) && !route.anonymous) {
      add({ route: route.url, what: "query, not signed in", as: "anonymous", method: "GET", url: `${real}?date=${encodeURIComponent(INJECTIONS[0]!)}&next=//evil.example`, expect: [303], location: loginLocation });
    }
  }

  // ---- bodies ------------------------------------------------------------------------------
  const postRoutes = routes.filter((r) => r.method === "POST");
  const csrfField = `_csrf=${encodeURIComponent(csrf)}`;
  for (const route of postRoutes) {
    const url = fill(route.url);
    const staffRoute = isStaff(route.url);
    const checked = staffRoute && !route.anonymous;

    // Bodies that cannot be parsed never reach a handler, whoever sends them.
    const transport: Array<{ what: string; headers: Record<string, string>; payload: string | Buffer; status: Status }> = [
      { what: "a JSON body", headers: { "content-type": "application/json" }, payload: `{"_csrf":"${csrf}","name":["x"],"__proto__":{"admin":true}}`, status: [415] },
      { what: "a text/plain body", headers: { "content-type": "text/plain" }, payload: `${csrfField}&name=x`, status: [415] },
      { what: "a multipart body", headers: { "content-type": "multipart/form-data; boundary=b" }, payload: `--b\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n--b--\r\n`, status: [415] },
      { what: "an XML body with an external entity", headers: { "content-type": "application/xml" }, payload: `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>`, status: [415] },
      { what: "a body without a content type", headers: {}, payload: `${csrfField}&name=x`, status: [415] },
      { what: "a 70 KB form", headers: { "content-type": FORM }, payload: `${csrfField}&name=${"x".repeat(70 * 1024)}`, status: [413] },
      { what: "a 200 KB JSON body", headers: { "content-type": "application/json" }, payload: `{"name":"${"x".repeat(200 * 1024)}"}`, status: [413, 415] },
    ];
    for (const body of transport) {
      add({ route: route.url, what: body.what, as: staffRoute ? "admin" : "anonymous", method: "POST", url, headers: body.headers, payload: body.payload, expect: body.status });
      if (staffRoute) add({ route: route.url, what: `${body.what}, not signed in`, as: "anonymous", method: "POST", url, headers: body.headers, payload: body.payload, expect: body.status });
    }

    const form = FORM_ROUTES[route.url];
    const fields = form?.fields ?? ["name", "email", "date", "slot", "reason"];
    const bodies = formBodies(fields);

    // A forged or tampered CSRF token stops every staff form, including the plain buttons.
    if (checked) {
      const junk = bodies.find((b) => b.kind === "injection")!.payload as string;
      const forged = [
        { what: "no CSRF token", body: junk },
        { what: "a wrong CSRF token", body: `_csrf=${"A".repeat(csrf.length)}&${junk}` },
        { what: "the CSRF token twice", body: `${csrfField}&${csrfField}&${junk}` },
        { what: "an empty CSRF token", body: `_csrf=&${junk}` },
        { what: "a CSRF token with more", body: `_csrf=${encodeURIComponent(csrf)}x&${junk}` },
        { what: "the CSRF token under another name", body: `_csrf[]=${encodeURIComponent(csrf)}&${junk}` },
      ];
      for (const f of forged) add({ route: route.url, what: f.what, as: "admin", method: "POST", url, headers: { "content-type": FORM }, payload: f.body, expect: [403] });
      add({ route: route.url, what: "the CSRF token in the query", as: "admin", method: "POST", url: `${url}?${csrfField}`, headers: { "content-type": FORM }, payload: junk, expect: [403] });
    }

    // Malformed fields: the route checks them and refuses. Routes that act on the entity in
    // their path whatever the body says get none of these with a valid token.
    for (const body of bodies) {
      if (staffRoute && !route.anonymous) {
        add({ route: route.url, what: `${body.kind} fields, not signed in`, as: "anonymous", method: "POST", url, headers: { "content-type": FORM }, payload: body.payload, expect: [303], location: loginLocation });
      }
      if (!form || form.unsafe?.includes(body.kind)) continue;
      const prefix = [checked ? csrfField : "", form.base ? new URLSearchParams(form.base(ctx)).toString() : ""].filter(Boolean).join("&");
      const payload = prefix ? (Buffer.isBuffer(body.payload) ? Buffer.concat([Buffer.from(`${prefix}&`), body.payload]) : `${prefix}&${body.payload}`) : body.payload;
      add({ route: route.url, what: `${body.kind} fields`, as: staffRoute ? "admin" : "anonymous", method: "POST", url, headers: { "content-type": FORM }, payload, expect: form.status, ...(form.location ? { location: form.location } : {}) });
      if (route.anonymous && staffRoute) add({ route: route.url, what: `${body.kind} fields, not signed in`, as: "anonymous", method: "POST", url, headers: { "content-type": FORM }, payload, expect: form.status });
      if (form.base) add({ route: route.url, what: `${body.kind} fields without a slot`, as: "anonymous", method: "POST", url, headers: { "content-type": FORM }, payload: body.payload, expect: [404] });
    }
  }

  // The staff sign-in with a valid form nonce and hostile credentials: refused, nothing else.
  {
    const form = await app.inject({ method: "GET", url: "/staff/login" });
    const nonce = /name="_login" value="([^"]+)"/.exec(form.body)?.[1] ?? "";
    const cookie = (form.cookies as Array<{ name: string; value: string }>).map((c) => `${c.name}=${encodeURIComponent(c.value)}`).join("; ");
    for (const value of INJECTIONS) {
      const payload = new URLSearchParams({ email: value, password: value, _login: nonce, next: "//evil.example" }).toString();
      add({ route: "/staff/login", what: "hostile credentials", as: "anonymous", method: "POST", url: "/staff/login", headers: { "content-type": FORM, cookie }, payload, expect: [401, 429] });
    }
  }

  // Otherwise valid forms for times that are no slot, however well-formed: refused, never booked.
  const caseworkerForm = { orgType: "municipality", orgName: "Gemeente", caseworkerName: "Sanne", caseworkerEmail: "sanne@example.org" };
  for (const never of ["9999-12-31T23:59:59.999Z", "0000-01-01T00:00Z", "2026-11-30T07:00:00.000Z", "2026-12-01T09:05:00.000Z"]) {
    const form = (extra: Record<string, string>) => new URLSearchParams({ ...validBooking, ...extra, slot: never, formKey: newManageToken() }).toString();
    add({ route: "/:lang/offices/:slug/book", what: "a valid form for no slot", as: "anonymous", method: "POST", url: "/en/offices/zwolle/book", headers: { "content-type": FORM }, payload: form({}), expect: [404] });
    add({ route: "/:lang/caseworker/offices/:slug/book", what: "a valid form for no slot", as: "anonymous", method: "POST", url: "/en/caseworker/offices/zwolle/book", headers: { "content-type": FORM }, payload: form(caseworkerForm), expect: [404] });
    add({ route: "/staff/offices/:officeId/book", what: "a valid form for no slot", as: "admin", method: "POST", url: `/staff/offices/${zwolle.id}/book`, headers: { "content-type": FORM }, payload: `${csrfField}&${form({ locale: "en" })}`, expect: [404] });
  }

  t.ok(probes.length >= 1000, `${probes.length} requests through inject`);
  const thin = routes
    .filter((r) => r.method !== "HEAD" && probes.filter((p) => p.route === r.url && p.method === r.method).length < 5)
    .map((r) => `${r.method} ${r.url}`);
  t.same(thin, [], `each of the ${routes.filter((r) => r.method !== "HEAD").length} GET and POST routes gets at least five malformed requests`);

  // ---- run them ------------------------------------------------------------------------------
  // Failures are grouped by what went wrong, so one bug shows once with its count and an example.
  const failures = new Map<string, { count: number; example: string }>();
  const fail = (problem: Problem, example: string) => {
    const seen = failures.get(problem.kind);
    if (seen) seen.count++;
    else failures.set(problem.kind, { count: 1, example: `${example}: ${problem.detail}` });
  };
  let serverErrors = 0;
  const started = Date.now();
  for (const probe of probes) {
    const headers = { ...(probe.headers ?? {}), ...(probe.as === "admin" ? { cookie: adminCookie } : {}) };
    const request: InjectOptions = { method: probe.method as InjectOptions["method"], url: probe.url, headers };
    if (probe.payload !== undefined) request.payload = probe.payload;
    const logged = logs.length;
    const response = await app.inject(request);
    if (response.statusCode >= 500) serverErrors++;
    for (const line of logs.slice(logged)) {
      const entry = JSON.parse(line) as { level: number; msg: string; err?: { message?: string } };
      if (entry.level >= 50) fail({ kind: `logged an error "${entry.msg}"`, detail: entry.err?.message ?? "" }, `${probe.as} ${probe.method} ${short(probe.url)} (${probe.what})`);
    }
    for (const problem of problemsOf(probe, response)) fail(problem, `${probe.as} ${probe.method} ${short(probe.url)} (${probe.what})`);
  }
  t.comment(`${probes.length} requests in ${Date.now() - started} ms`);

  // ---- and over a real socket: what inject cannot send -----------------------------------------
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const raw = rawProbes(adminCookie, csrf);
  for (const probe of raw) {
    const answer = await rawRequest(port, probe.bytes);
    if (answer.status >= 500) serverErrors++;
    const problems: Problem[] = [];
    if (answer.status === 0) problems.push({ kind: "raw: no HTTP answer", detail: "" });
    else if (answer.status < 400 || answer.status >= 500) problems.push({ kind: `raw: answered ${answer.status}, expected a 4xx`, detail: answer.headers.split("\r\n")[0]! });
    if (/root:x:0:0|"name": "spreekuur"|APP_SECRET|\[extensions\]|buildApp/.test(answer.body)) problems.push({ kind: "raw: served a file from outside the assets", detail: answer.body.slice(0, 80) });
    for (const leak of leaks(answer.body)) problems.push({ kind: `raw: shows ${leak}`, detail: answer.body.slice(0, 200) });
    for (const problem of problems) fail(problem, `raw ${probe.what}`);
  }
  t.ok(raw.length >= 40, `${raw.length} raw requests over a socket`);

  t.equal(serverErrors, 0, "no request was answered with a 5xx");
  const wrong = [...failures.values()].reduce((n, f) => n + f.count, 0);
  t.same(
    [...failures].map(([kind, f]) => `${f.count}× ${kind} — e.g. ${f.example}`),
    [],
    `${wrong} answers to ${probes.length + raw.length} requests were wrong, in ${failures.size} ways`,
  );

  // ---- nothing changed -----------------------------------------------------------------------
  t.same(await databaseFingerprint(db), before, "bookings, messages, staff, offices, schedules, waiting lists and the audit log are unchanged");
  t.equal(await db.staffSession.count(), sessionsBefore, "the administrator is still signed in, and nobody else");
  const still = await browser.get("/staff");
  t.equal(still.statusCode, 200, "the administrator's session still works, so every staff probe ran signed in");
});

function short(url: string): string {
  return url.length > 110 ? `${url.slice(0, 100)}…(${url.length})` : url;
}

interface Problem {
  /** What went wrong, without the particulars: the key failures are grouped by. */
  kind: string;
  detail: string;
}

function problemsOf(probe: Probe, response: LightMyRequestResponse): Problem[] {
  const problems: Problem[] = [];
  const status = response.statusCode;
  const location = typeof response.headers.location === "string" ? response.headers.location : null;
  const login = status === 303 && location !== null && /^\/staff\/login/.test(location);
  const allowed = probe.expect === "login" ? login || (status >= 400 && status < 500) : probe.expect.includes(status);
  if (!allowed) {
    const expected = probe.expect === "login" ? "the sign-in redirect" : probe.expect.join(" or ");
    problems.push({ kind: `${probe.method} ${probe.route} (${probe.what}): ${status} instead of ${expected}`, detail: `${location ?? ""} ${excerpt(response)}` });
  }
  if (status >= 300 && status < 400) {
    if (!location || !/^\/(?![/\\])/.test(location) || /[\r\n]/.test(location)) problems.push({ kind: `${probe.method} ${probe.route}: redirect off the site`, detail: JSON.stringify(location) });
    else if (probe.location && !probe.location.test(location)) problems.push({ kind: `${probe.method} ${probe.route} (${probe.what}): redirect to an unexpected page`, detail: location });
  }
  const type = String(response.headers["content-type"] ?? "");
  if (status >= 400 && status < 500 && probe.method !== "HEAD" && isHtmlRoute(probe.url)) {
    if (!type.startsWith("text/html") || !/<h1[^>]*>[^<]+<\/h1>/.test(response.body)) {
      const code = /"code":"(\w+)"/.exec(response.body)?.[1] ?? "";
      problems.push({ kind: `a ${status} that is not an HTML page with a message (${type || "no content type"} ${code})`.replace(/ \)/, ")"), detail: excerpt(response) });
    }
  }
  for (const leak of leaks(response.body)) problems.push({ kind: `a page shows ${leak}`, detail: excerpt(response) });
  return problems;
}

function excerpt(response: LightMyRequestResponse): string {
  const main = /<h1[^>]*>([^<]*)<\/h1>/.exec(response.body)?.[1];
  return main ? `"${main}"` : response.body.slice(0, 160);
}
