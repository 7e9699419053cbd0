// The probes, one builder per kind of malformed request. Each is built from the routes the
// app registered (fixture.ts) and what malformed.ts knows about them; the test files send
// them, route-coverage.test.ts checks that together they reach every route.
import { newManageToken } from "../../../src/domain/booking/manage-token.ts";
import { validBooking } from "../../helpers/forms.ts";
import type { RecordedRoute } from "../support.ts";
import { FORM, isStaff, paramsOf, type Probe, type Target } from "./fixture.ts";
import { FORM_ROUTES, formBodies, INJECTIONS, PATH_JUNK, PATH_JUNK_SHORT, QUERY_RULES, type ProbeContext, type Status } from "./malformed.ts";

const loginLocation = /^\/staff\/login/;
const context = (target: Target): ProbeContext => ({ slot: target.freeSlot, freshToken: newManageToken });
/** A staff route that needs a signed-in user (and so a CSRF token). */
const checked = (route: RecordedRoute) => isStaff(route.url) && !route.anonymous;

/** Malformed path parameters: ids that are not ids, traversal, broken encodings. */
export function pathProbes(target: Target): Probe[] {
  const probes: Probe[] = [];
  for (const route of target.routes) {
    if (route.method === "HEAD") continue;
    for (const param of paramsOf(route.url)) {
      for (const value of PATH_JUNK) {
        const url = target.fill(route.url, { param, value });
        const body = route.method === "POST" ? { headers: { "content-type": FORM }, payload: `_csrf=${encodeURIComponent(target.csrf)}&reason=x&slot=${target.freeSlot}` } : {};
        probes.push({ route: route.url, what: `malformed :${param}`, as: isStaff(route.url) ? "admin" : "anonymous", method: route.method, url, ...body, expect: [400, 403, 404, 414] });
      }
      if (isStaff(route.url) && !route.anonymous) {
        for (const value of PATH_JUNK_SHORT) {
          probes.push({ route: route.url, what: `malformed :${param}, not signed in`, as: "anonymous", method: route.method, url: target.fill(route.url, { param, value }), expect: "login" });
        }
      }
    }
  }
  return probes;
}

/** Methods the route does not have. */
export function methodProbes(target: Target): Probe[] {
  const probes: Probe[] = [];
  for (const url of target.urls) {
    const has = new Set(target.routes.filter((r) => r.url === url).map((r) => r.method));
    const real = target.fill(url);
    for (const method of ["PUT", "DELETE", "PATCH", "OPTIONS", "GET", "POST"]) {
      if (has.has(method)) continue;
      const body = method === "GET" || method === "OPTIONS" ? {} : { headers: { "content-type": FORM }, payload: `_csrf=${encodeURIComponent(target.csrf)}&name=x` };
      probes.push({ route: url, what: `method ${method}`, as: isStaff(url) ? "admin" : "anonymous", method, url: real, ...body, expect: [404, 405] });
      // Another pattern may take the path (POST /staff/users/new is POST /staff/users/:id): then it is the sign-in.
      if (isStaff(url)) probes.push({ route: url, what: `method ${method}, not signed in`, as: "anonymous", method, url: real, ...body, expect: "login" });
    }
  }
  return probes;
}

export const oddQueries = [
  "foo=bar&isAdmin=true",
  "__proto__[admin]=1&constructor[prototype][admin]=1",
  "a=%ZZ&b=%E0%A4%A&c=%FF%FE",
  `padding=${"x".repeat(8000)}`,
  "a=1&a=2&a=3&a[]=4&a[b]=5",
];

/**
 * Query strings: unknown, repeated, broken, and malformed values of what pages read.
 * `baseline` is what the page answers without any: unknown parameters must not change it.
 */
export function queryProbes(target: Target, baseline: (url: string) => Status): Probe[] {
  const probes: Probe[] = [];
  for (const route of target.routes.filter((r) => r.method === "GET")) {
    const as = isStaff(route.url) ? "admin" : "anonymous";
    const real = target.fill(route.url);
    for (const query of oddQueries) probes.push({ route: route.url, what: `unknown query ${query.slice(0, 30)}`, as, method: "GET", url: `${real}?${query}`, expect: baseline(route.url) });
    probes.push({ route: route.url, what: "HEAD", as, method: "HEAD", url: `${real}?${oddQueries[0]}`, expect: baseline(route.url) });
    for (const rule of QUERY_RULES[route.url] ?? []) {
      for (const value of [...rule.values, ...rule.values.slice(0, 2).map((v) => [v, "again"])]) {
        const query = Array.isArray(value)
          ? value.map((v) => `${rule.param}=${encodeURIComponent(v)}`).join("&")
          : `${rule.param}=${encodeURIComponent(value)}`;
        const expect = typeof value === "string" && rule.wellFormed?.test(value) ? rule.wellFormed.status : rule.status;
        probes.push({ route: route.url, what: `query ${rule.param}`, as, method: "GET", url: `${real}?${rule.extra ? `${rule.extra}&` : ""}${query}`, expect, ...(rule.location ? { location: rule.location } : {}) });
      }
    }
    if (isStaff(route.url) && !route.anonymous) {
      probes.push({ route: route.url, what: "query, not signed in", as: "anonymous", method: "GET", url: `${real}?date=${encodeURIComponent(INJECTIONS[0]!)}&next=//evil.example`, expect: [303], location: loginLocation });
    }
  }
  return probes;
}

/** Bodies that cannot be parsed never reach a handler, whoever sends them. */
export function unparsableBodyProbes(target: Target): Probe[] {
  const probes: Probe[] = [];
  const csrf = target.csrf;
  const csrfField = `_csrf=${encodeURIComponent(csrf)}`;
  for (const route of target.routes.filter((r) => r.method === "POST")) {
    const url = target.fill(route.url);
    const staffRoute = isStaff(route.url);
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
      probes.push({ route: route.url, what: body.what, as: staffRoute ? "admin" : "anonymous", method: "POST", url, headers: body.headers, payload: body.payload, expect: body.status });
      if (staffRoute) probes.push({ route: route.url, what: `${body.what}, not signed in`, as: "anonymous", method: "POST", url, headers: body.headers, payload: body.payload, expect: body.status });
    }
  }
  return probes;
}

const fieldsOf = (url: string) => FORM_ROUTES[url]?.fields ?? ["name", "email", "date", "slot", "reason"];

/** A forged or tampered CSRF token stops every staff form, including the plain buttons. */
export function csrfProbes(target: Target): Probe[] {
  const probes: Probe[] = [];
  const csrf = target.csrf;
  const csrfField = `_csrf=${encodeURIComponent(csrf)}`;
  for (const route of target.routes.filter((r) => r.method === "POST" && checked(r))) {
    const url = target.fill(route.url);
    const junk = formBodies(fieldsOf(route.url)).find((b) => b.kind === "injection")!.payload as string;
    const forged = [
      { what: "no CSRF token", body: junk },
      { what: "a wrong CSRF token", body: `_csrf=${"A".repeat(csrf.length)}&${junk}` },
      { what: "the CSRF token twice", body: `${csrfField}&${csrfField}&${junk}` },
      { what: "an empty CSRF token", body: `_csrf=&${junk}` },
      { what: "a CSRF token with more", body: `_csrf=${encodeURIComponent(csrf)}x&${junk}` },
      { what: "the CSRF token under another name", body: `_csrf[]=${encodeURIComponent(csrf)}&${junk}` },
    ];
    for (const f of forged) probes.push({ route: route.url, what: f.what, as: "admin", method: "POST", url, headers: { "content-type": FORM }, payload: f.body, expect: [403] });
    probes.push({ route: route.url, what: "the CSRF token in the query", as: "admin", method: "POST", url: `${url}?${csrfField}`, headers: { "content-type": FORM }, payload: junk, expect: [403] });
  }
  return probes;
}

/**
 * Malformed fields: the route checks them and refuses. Routes that act on the entity in
 * their path whatever the body says get none of these with a valid token; a visitor who is
 * not signed in gets the sign-in on every staff form.
 */
export function formFieldProbes(target: Target): Probe[] {
  const probes: Probe[] = [];
  const csrfField = `_csrf=${encodeURIComponent(target.csrf)}`;
  for (const route of target.routes.filter((r) => r.method === "POST")) {
    const url = target.fill(route.url);
    const staffRoute = isStaff(route.url);
    const form = FORM_ROUTES[route.url];
    for (const body of formBodies(fieldsOf(route.url))) {
      if (checked(route)) {
        probes.push({ route: route.url, what: `${body.kind} fields, not signed in`, as: "anonymous", method: "POST", url, headers: { "content-type": FORM }, payload: body.payload, expect: [303], location: loginLocation });
      }
      if (!form || form.unsafe?.includes(body.kind)) continue;
      const prefix = [checked(route) ? csrfField : "", form.base ? new URLSearchParams(form.base(context(target))).toString() : ""].filter(Boolean).join("&");
      const payload = prefix ? (Buffer.isBuffer(body.payload) ? Buffer.concat([Buffer.from(`${prefix}&`), body.payload]) : `${prefix}&${body.payload}`) : body.payload;
      probes.push({ route: route.url, what: `${body.kind} fields`, as: staffRoute ? "admin" : "anonymous", method: "POST", url, headers: { "content-type": FORM }, payload, expect: form.status, ...(form.location ? { location: form.location } : {}) });
      if (route.anonymous && staffRoute) probes.push({ route: route.url, what: `${body.kind} fields, not signed in`, as: "anonymous", method: "POST", url, headers: { "content-type": FORM }, payload, expect: form.status });
      if (form.base) probes.push({ route: route.url, what: `${body.kind} fields without a slot`, as: "anonymous", method: "POST", url, headers: { "content-type": FORM }, payload: body.payload, expect: [404] });
    }
  }
  return probes;
}

/** Otherwise valid forms for times that are no slot, however well-formed: refused, never booked. */
export function noSlotProbes(target: Target): Probe[] {
  const probes: Probe[] = [];
  const csrfField = `_csrf=${encodeURIComponent(target.csrf)}`;
  const caseworkerForm = { orgType: "municipality", orgName: "Gemeente", caseworkerName: "Sanne", caseworkerEmail: "sanne@example.org" };
  for (const never of ["9999-12-31T23:59:59.999Z", "0000-01-01T00:00Z", "2026-11-30T07:00:00.000Z", "2026-12-01T09:05:00.000Z"]) {
    const form = (extra: Record<string, string>) => new URLSearchParams({ ...validBooking, ...extra, slot: never, formKey: newManageToken() }).toString();
    probes.push({ route: "/:lang/offices/:slug/book", what: "a valid form for no slot", as: "anonymous", method: "POST", url: "/en/offices/zwolle/book", headers: { "content-type": FORM }, payload: form({}), expect: [404] });
    probes.push({ route: "/:lang/caseworker/offices/:slug/book", what: "a valid form for no slot", as: "anonymous", method: "POST", url: "/en/caseworker/offices/zwolle/book", headers: { "content-type": FORM }, payload: form(caseworkerForm), expect: [404] });
    probes.push({ route: "/staff/offices/:officeId/book", what: "a valid form for no slot", as: "admin", method: "POST", url: `/staff/offices/${target.officeId}/book`, headers: { "content-type": FORM }, payload: `${csrfField}&${form({ locale: "en" })}`, expect: [404] });
  }
  return probes;
}

/** The staff sign-in with a valid form nonce and hostile credentials: refused, nothing else. */
export async function credentialProbes(target: Target): Promise<Probe[]> {
  const form = await target.app.inject({ method: "GET", url: "/staff/login" });
  const nonce = /name="_login" value="([^"]+)"/.exec(form.body)?.[1] ?? "";
  const cookie = (form.cookies as Array<{ name: string; value: string }>).map((c) => `${c.name}=${encodeURIComponent(c.value)}`).join("; ");
  return INJECTIONS.map((value) => {
    const payload = new URLSearchParams({ email: value, password: value, _login: nonce, next: "//evil.example" }).toString();
    return { route: "/staff/login", what: "hostile credentials", as: "anonymous", method: "POST", url: "/staff/login", headers: { "content-type": FORM, cookie }, payload, expect: [401, 429] };
  });
}
