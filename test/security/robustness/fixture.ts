// The app every robustness test aims at: the real app with the routes it registers
// recorded, data for those routes to find (bookings, one with a manage token we know, an
// outbox message, a waiting-list entry, a schedule exception, a second staff member) and a
// signed-in administrator. `probeRun` sends a list of probes and then checks what must hold
// after any of them: no 5xx, no error logged, each answer as its route promises (mostly a
// clear 4xx page), no page showing internals, and the database exactly as it was.
import type { InjectOptions, LightMyRequestResponse } from "fastify";
import type { Test } from "tap";
import { newManageToken } from "../../../src/domain/booking/manage-token.ts";
import { buildTestApp, type TestApp } from "../../helpers/app.ts";
import { book } from "../../helpers/bookings.ts";
import { bookSlot, validBooking } from "../../helpers/forms.ts";
import { createStaff, signedIn, type Browser } from "../../helpers/staff.ts";
import { cookieHeader, databaseFingerprint, leaks, recordRoutes, type RecordedRoute } from "../support.ts";
import type { Status } from "./malformed.ts";

export const now = "2026-11-30T08:00:00Z";
export const FORM = "application/x-www-form-urlencoded";

export interface Probe {
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

export const isStaff = (url: string) => url === "/staff" || url.startsWith("/staff/");
/** Every route answers errors with an HTML page, except the calendar feed (a bare 404 for calendar apps). */
const isHtmlRoute = (url: string) => !url.startsWith("/feeds/");
export const paramsOf = (url: string) => [...url.matchAll(/:(\w+)|\*/g)].map((m) => m[1] ?? "*");

export interface Target extends TestApp {
  /** Each method/route pair the app registered, once (a trailing-slash twin left out). */
  routes: RecordedRoute[];
  /** The route patterns. */
  urls: string[];
  /** "METHOD /pattern" of every registered route. */
  registered: Set<string>;
  /** The route pattern with real values (or one junk value) for its parameters. */
  fill(url: string, junk?: { param: string; value: string }): string;
  browser: Browser;
  adminCookie: string;
  csrf: string;
  /** A free Zwolle slot. */
  freeSlot: string;
  officeId: number;
}

export async function hostileTarget(t: Test): Promise<Target> {
  const recorder = recordRoutes();
  const built = await buildTestApp(t, { now });
  recorder.stop();
  const { app, db } = built;
  await app.ready();

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
  const csrf = browser.csrf;
  t.ok(csrf.length > 20, "the administrator's CSRF token is known");

  const registered = new Set<string>();
  const routes: RecordedRoute[] = [];
  for (const route of recorder.routes) {
    const key = `${route.method} ${route.url}`;
    if (registered.has(key) || (route.url !== "/" && route.url.endsWith("/") && recorder.routes.some((r) => r.url === route.url.slice(0, -1)))) continue;
    registered.add(key);
    routes.push(route);
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

  return {
    ...built,
    routes,
    urls: [...new Set(routes.map((r) => r.url))],
    registered,
    fill,
    browser,
    adminCookie: cookieHeader(browser),
    csrf,
    freeSlot: "2026-12-01T09:40:00.000Z",
    officeId: zwolle.id,
  };
}

/** What went wrong, without the particulars: the key failures are grouped by. */
export interface Problem {
  kind: string;
  detail: string;
}

/**
 * Sends probes and checks, afterwards, what must hold whatever was sent. Failures are
 * grouped by what went wrong, so one bug shows once with its count and an example.
 */
export async function probeRun(t: Test, target: Target) {
  const failures = new Map<string, { count: number; example: string }>();
  let serverErrors = 0;
  let sent = 0;
  const before = await databaseFingerprint(target.db);
  const sessionsBefore = await target.db.staffSession.count();
  const fail = (problem: Problem, example: string) => {
    const seen = failures.get(problem.kind);
    if (seen) seen.count++;
    else failures.set(problem.kind, { count: 1, example: `${example}: ${problem.detail}` });
  };

  return {
    fail,
    /** Counts an answer a raw socket got. */
    answered(status: number) {
      sent++;
      if (status >= 500) serverErrors++;
    },
    async send(probes: Probe[]) {
      const began = Date.now();
      for (const probe of probes) {
        const headers = { ...(probe.headers ?? {}), ...(probe.as === "admin" ? { cookie: target.adminCookie } : {}) };
        const request: InjectOptions = { method: probe.method, url: probe.url, headers };
        if (probe.payload !== undefined) request.payload = probe.payload;
        const logged = target.logs.length;
        const response = await target.app.inject(request);
        sent++;
        if (response.statusCode >= 500) serverErrors++;
        for (const line of target.logs.slice(logged)) {
          const entry = JSON.parse(line) as { level: number; msg: string; err?: { message?: string } };
          if (entry.level >= 50) fail({ kind: `logged an error "${entry.msg}"`, detail: entry.err?.message ?? "" }, `${probe.as} ${probe.method} ${short(probe.url)} (${probe.what})`);
        }
        for (const problem of problemsOf(probe, response)) fail(problem, `${probe.as} ${probe.method} ${short(probe.url)} (${probe.what})`);
      }
      t.comment(`${probes.length} requests in ${Date.now() - began} ms`);
    },
    /** What must hold after every probe: no 5xx, every answer as promised, nothing changed. */
    async check() {
      t.equal(serverErrors, 0, "no request was answered with a 5xx");
      const wrong = [...failures.values()].reduce((n, f) => n + f.count, 0);
      t.same(
        [...failures].map(([kind, f]) => `${f.count}× ${kind} — e.g. ${f.example}`),
        [],
        `${wrong} answers to ${sent} requests were wrong, in ${failures.size} ways`,
      );
      t.same(await databaseFingerprint(target.db), before, "bookings, messages, staff, offices, schedules, waiting lists and the audit log are unchanged");
      t.equal(await target.db.staffSession.count(), sessionsBefore, "the administrator is still signed in, and nobody else");
      const still = await target.browser.get("/staff");
      t.equal(still.statusCode, 200, "the administrator's session still works, so every staff probe ran signed in");
    },
  };
}

function short(url: string): string {
  return url.length > 110 ? `${url.slice(0, 100)}…(${url.length})` : url;
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
