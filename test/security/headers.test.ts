// Every response carries the security headers: a strict CSP (no inline script or style,
// nothing from other hosts, no framing), no Referer, no sniffing, HSTS behind https.
// Pages with personal data are never stored by a browser or proxy, and no page has
// inline script or style or loads anything from another host.
import t from "tap";
import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { buildTestApp } from "../helpers/app.ts";
import { bookSlot, validBooking } from "../helpers/forms.ts";
import { Browser, signedIn } from "../helpers/staff.ts";
import { cookieHeader } from "./support.ts";

const now = "2026-11-30T08:00:00Z";
const slot = "2026-12-01T09:00:00.000Z";
const form = { "content-type": "application/x-www-form-urlencoded" };

interface Sample {
  what: string;
  request: InjectOptions;
  /** Holds personal data (or a manage token): must not be stored. */
  personal?: boolean;
  status?: number;
}

function headerProblems(response: LightMyRequestResponse, https: boolean): string[] {
  const h = response.headers;
  const problems: string[] = [];
  const csp = String(h["content-security-policy"] ?? "");
  const directives = new Map(csp.split(";").map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name!, values]));
  const has = (name: string, value: string) => directives.get(name)?.length === 1 && directives.get(name)![0] === value;
  if (!csp) problems.push("no content-security-policy");
  else {
    if (!has("default-src", "'self'")) problems.push(`CSP default-src is not 'self': ${csp}`);
    if (!has("frame-ancestors", "'none'")) problems.push(`CSP frame-ancestors is not 'none': ${csp}`);
    if (!has("base-uri", "'none'")) problems.push(`CSP base-uri is not 'none': ${csp}`);
    if (!has("form-action", "'self'")) problems.push(`CSP form-action is not 'self': ${csp}`);
    if (/'unsafe-inline'|'unsafe-eval'|'unsafe-hashes'|\*|https?:/.test(csp)) problems.push(`CSP allows inline code or other hosts: ${csp}`);
    for (const [name, values] of directives) {
      if (/-src$/.test(name) && values.some((v) => v !== "'self'" && v !== "'none'" && v !== "data:")) problems.push(`CSP ${name} allows ${values.join(" ")}`);
    }
  }
  if (h["referrer-policy"] !== "no-referrer") problems.push(`referrer-policy is ${h["referrer-policy"]}`);
  if (h["x-content-type-options"] !== "nosniff") problems.push(`x-content-type-options is ${h["x-content-type-options"]}`);
  if (h["x-frame-options"] !== "DENY") problems.push(`x-frame-options is ${h["x-frame-options"]}`);
  if (h["x-powered-by"] !== undefined) problems.push(`x-powered-by is ${JSON.stringify(h["x-powered-by"])}`);
  const hsts = h["strict-transport-security"];
  if (https && !/^max-age=(\d+)/.test(String(hsts ?? ""))) problems.push("no strict-transport-security behind https");
  else if (https && Number(/max-age=(\d+)/.exec(String(hsts))?.[1]) < 180 * 24 * 3600) problems.push(`strict-transport-security is short: ${hsts}`);
  if (!https && hsts !== undefined) problems.push(`strict-transport-security over plain http: ${hsts}`);
  return problems;
}

/** Inline script or style, and anything loaded or linked from another host but the ones allowed. */
function markupProblems(html: string, allowedAbsolute: string[]): string[] {
  const problems: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>/gi)) if (!/\bsrc\s*=/.test(m[1]!)) problems.push(`an inline <script${m[1]}>`);
  if (/<style\b/i.test(html)) problems.push("a <style> element");
  for (const m of html.matchAll(/<[a-z][^>]*\sstyle\s*=/gi)) problems.push(`an inline style attribute: ${m[0].slice(0, 80)}`);
  for (const m of html.matchAll(/\son[a-z]+\s*=/gi)) problems.push(`an inline event handler: ${m[0]}`);
  for (const m of html.matchAll(/\s(?:src|href|action|formaction|srcset|poster|data|background)\s*=\s*["']?\s*((?:[a-z][a-z0-9+.-]*:)?\/\/[^"'\s>]*|javascript:[^"'\s>]*)/gi)) {
    const url = m[1]!;
    if (allowedAbsolute.some((prefix) => url.startsWith(prefix))) continue;
    problems.push(`a reference to another host: ${m[0].trim()}`);
  }
  return problems;
}

t.test("every response carries the security headers; personal pages are not stored; no inline code, no other hosts", async (t) => {
  const { app, db, config } = await buildTestApp(t, { now });
  t.equal(config.publicUrl, "https://spreekuur.test", "the test app runs behind https");
  const { response: booked, token } = await bookSlot(app, `/en/offices/zwolle/book?slot=${slot}`, { ...validBooking, name: "Amina Header", email: "amina@example.org" });
  t.equal(booked.statusCode, 303);
  const booking = await db.booking.findFirstOrThrow();
  const zwolle = booking.officeId;
  const { browser } = await signedIn(app, db, { role: "ADMIN" });
  const staff = { cookie: cookieHeader(browser) };
  const freshForm = await app.inject({ url: `/en/offices/zwolle/book?slot=2026-12-01T09:20:00.000Z` });
  const formKey = /name="formKey" value="([^"]+)"/.exec(freshForm.body)![1]!;

  const samples: Sample[] = [
    // public pages
    { what: "the start page", request: { url: "/en/" }, status: 200 },
    { what: "the Dutch start page", request: { url: "/nl/" }, status: 200 },
    { what: "an office page", request: { url: "/en/offices/zwolle" }, status: 200 },
    // A fresh form holds nothing personal; the browser keeps it for Back (see below).
    { what: "the booking form", request: { url: `/en/offices/zwolle/book?slot=2026-12-01T09:20:00.000Z` }, status: 200 },
    { what: "the privacy statement", request: { url: "/en/privacy" }, status: 200 },
    { what: "the accessibility statement", request: { url: "/ar/accessibility" }, status: 200 },
    { what: "the caseworker's start", request: { url: "/en/caseworker" }, status: 200 },
    { what: "the caseworker's form", request: { url: `/en/caseworker/offices/zwolle/book?slot=2026-12-01T09:20:00.000Z` }, status: 200 },
    // pages opened with the manage token
    { what: "the confirmation", request: { url: `/en/booking/${token}/confirmation` }, status: 200, personal: true },
    { what: "the manage page", request: { url: `/en/booking/${token}` }, status: 200, personal: true },
    { what: "the cancel page", request: { url: `/en/booking/${token}/cancel` }, status: 200, personal: true },
    { what: "the calendar file", request: { url: `/en/booking/${token}/appointment.ics` }, status: 200, personal: true },
    // forms that come back with what was typed
    {
      what: "the booking form with an error",
      request: { method: "POST", url: "/en/offices/zwolle/book", headers: form, payload: new URLSearchParams({ ...validBooking, name: "Amina Typed", email: "not-an-email", slot: "2026-12-01T09:20:00.000Z", formKey }).toString() },
      status: 422,
      personal: true,
    },
    // error pages
    { what: "an unknown page", request: { url: "/en/no-such-page" }, status: 404 },
    { what: "an unknown language", request: { url: "/xx/" }, status: 404 },
    { what: "an unknown manage token", request: { url: `/en/booking/${"A".repeat(43)}` }, status: 404 },
    { what: "a slot that is gone", request: { url: "/en/offices/zwolle/book?slot=2026-12-02T09:00:00.000Z" }, status: 404 },
    { what: "a JSON body", request: { method: "POST", url: "/en/offices/zwolle/book", headers: { "content-type": "application/json" }, payload: "{}" }, status: 415 },
    { what: "a body over the limit", request: { method: "POST", url: "/en/offices/zwolle/book", headers: form, payload: `note=${"x".repeat(70_000)}` }, status: 413 },
    { what: "a path with a broken escape", request: { url: "/en/offices/%ZZ" }, status: 400 },
    { what: "a path parameter over the limit", request: { url: `/en/offices/${"a".repeat(250)}` } },
    { what: "a wrong method", request: { method: "DELETE", url: "/en/" }, status: 404 },
    { what: "an unknown calendar feed", request: { url: `/feeds/${"B".repeat(43)}.ics` }, status: 404 },
    // static assets
    { what: "the stylesheet", request: { url: "/assets/app.css" }, status: 200 },
    { what: "the print script", request: { url: "/assets/print.js" }, status: 200 },
    { what: "a missing asset", request: { url: "/assets/nothing.css" }, status: 404 },
    { what: "the favicon", request: { url: "/favicon.ico" }, status: 200 },
    // redirects
    { what: "the root redirect", request: { url: "/" }, status: 302 },
    { what: "the language switch", request: { url: "/language/en?next=/nl/offices/zwolle" }, status: 303 },
    { what: "the redirect after booking", request: { method: "POST", url: "/en/offices/zwolle/book", headers: form, payload: new URLSearchParams({ ...validBooking, slot: "2026-12-01T09:20:00.000Z", formKey }).toString() }, status: 303 },
    { what: "a staff page without signing in", request: { url: "/staff/bookings" }, status: 303, personal: true },
    // staff pages
    { what: "the sign-in page", request: { url: "/staff/login" }, status: 200, personal: true },
    { what: "the staff start page", request: { url: "/staff", headers: staff }, status: 200, personal: true },
    { what: "the day list", request: { url: `/staff/offices/${zwolle}/day?date=2026-12-01`, headers: staff }, status: 200, personal: true },
    { what: "the printed day list", request: { url: `/staff/offices/${zwolle}/day/print?date=2026-12-01`, headers: staff }, status: 200, personal: true },
    { what: "the day list as CSV", request: { url: `/staff/offices/${zwolle}/day.csv?date=2026-12-01`, headers: staff }, status: 200, personal: true },
    { what: "the week overview", request: { url: `/staff/offices/${zwolle}/week`, headers: staff }, status: 200, personal: true },
    { what: "booking search", request: { url: "/staff/bookings?q=Amina", headers: staff }, status: 200, personal: true },
    { what: "a booking", request: { url: `/staff/bookings/${booking.id}`, headers: staff }, status: 200, personal: true },
    { what: "the schedule", request: { url: `/staff/offices/${zwolle}/schedule`, headers: staff }, status: 200, personal: true },
    { what: "staff users", request: { url: "/staff/users", headers: staff }, status: 200, personal: true },
    { what: "the audit log", request: { url: "/staff/audit", headers: staff }, status: 200, personal: true },
    { what: "the outbox", request: { url: "/staff/outbox", headers: staff }, status: 200, personal: true },
    { what: "the statistics", request: { url: "/staff/statistics", headers: staff }, status: 200, personal: true },
    { what: "a staff page that does not exist", request: { url: "/staff/nothing", headers: staff }, status: 404, personal: true },
    { what: "a staff form without its CSRF token", request: { method: "POST", url: "/staff/users", headers: { ...staff, ...form }, payload: "name=x" }, status: 403, personal: true },
    { what: "a staff form with an error", request: { method: "POST", url: "/staff/users", headers: { ...staff, ...form }, payload: `_csrf=${encodeURIComponent(browser.csrf)}&name=&email=x` }, status: 422, personal: true },
  ];

  for (const sample of samples) {
    const response = await app.inject(sample.request);
    const what = `${sample.what} (${sample.request.method ?? "GET"} ${response.statusCode})`;
    if (sample.status !== undefined) t.equal(response.statusCode, sample.status, `${sample.what}: status`);
    t.same(headerProblems(response, true), [], `${what}: security headers`);
    if (sample.personal) t.match(String(response.headers["cache-control"] ?? ""), /\bno-store\b/, `${what}: not stored`);
    if (String(response.headers["content-type"] ?? "").startsWith("text/html")) {
      // The confirmation shows its manage link, and links (never loads) to web calendars.
      const webCalendars = ["https://calendar.google.com/", "https://outlook.live.com/", "https://outlook.office.com/", "https://calendar.yahoo.com/"];
      const allowed = sample.what === "the confirmation" ? [`${config.publicUrl}/`, ...webCalendars] : [];
      t.same(markupProblems(response.body, allowed), [], `${what}: no inline code or style, nothing from other hosts`);
    }
  }

  // Back then shows the same form with the same form key, so sending it again finds the
  // booking it made; every ordinary visit asks the server again.
  const fresh = await app.inject({ url: "/en/offices/zwolle/book?slot=2026-12-01T09:40:00.000Z" });
  t.equal(fresh.statusCode, 200);
  t.equal(fresh.headers["cache-control"], "private, no-cache", "the booking form: kept for Back, never shared");

  // The stylesheets load nothing from elsewhere either.
  for (const asset of ["/assets/app.css", "/assets/staff.css", "/assets/print.css"]) {
    const css = await app.inject({ url: asset });
    t.equal(css.statusCode, 200, asset);
    t.notMatch(css.body, /url\(\s*["']?(?:[a-z]+:)?\/\/|@import/i, `${asset} imports nothing from another host`);
  }

  // The confirmation shows the manage link on this site, and only there.
  const confirmation = await app.inject({ url: `/en/booking/${token}/confirmation` });
  t.ok(confirmation.body.includes(`${config.publicUrl}/b/${token}`), "the confirmation shows the whole (short) manage link");
});

t.test("over plain http there is no HSTS (it would lock a local installation out), and the rest stays", async (t) => {
  const { app, db, config } = await buildTestApp(t, { now, env: { PUBLIC_URL: "http://localhost:3000" } });
  t.equal(config.publicUrl, "http://localhost:3000");
  const { browser } = await signedIn(app, db, { role: "ADMIN" });
  const anonymous = new Browser(app);
  const responses = [
    await app.inject({ url: "/en/" }),
    await app.inject({ url: "/" }),
    await app.inject({ url: "/en/no-such-page" }),
    await app.inject({ url: "/assets/app.css" }),
    await anonymous.get("/staff/login"),
    await browser.get("/staff"),
  ];
  for (const response of responses) {
    t.same(headerProblems(response, false), [], `${response.statusCode} ${response.headers["content-type"]}: headers without HSTS`);
    t.notMatch(String(response.headers["content-security-policy"]), /upgrade-insecure-requests/, "no upgrade to an https that is not there");
  }
});
