// Hostile and malformed values and requests, and what each route is expected to answer. The
// routes themselves come from the running app (support.ts, recordRoutes); this file only
// knows, per route pattern, which fields and query parameters it reads and what a
// malformed one must lead to. Routes it does not know still get every generic probe.

/** Text that must never be executed, interpreted or trusted, wherever it goes. */
const FORM = "application/x-www-form-urlencoded";

export const INJECTIONS = [
  "' OR '1'='1",
  "1; DROP TABLE \"Booking\"; --",
  "\" OR 1=1 --",
  "1 UNION SELECT passwordHash FROM StaffUser",
  "<%= process.exit() %>",
  "<%~ it.constructor.constructor('return process')().exit() %>",
  "${7*7}",
  "{{7*7}}",
  "#{7*7}",
  "../../etc/passwd",
  "..\\..\\..\\windows\\win.ini",
  "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
  "<script>alert(1)</script>",
  "\u202eevil\u0000",
  "__proto__",
  // Wrong types: a form field is text; these are what other types look like as text.
  "true",
  "1e309",
  "[object Object]",
  "{\"$gt\":\"\"}",
];

/** Dates and instants that are wrong, impossible or absurdly far away. */
export const BAD_DATES = ["2026-02-30", "2026-13-01", "0000-01-01", "9999-12-31", "1900-01-01", "2026-1-1", "20261201", "2026-12-01T00:00:00Z", "yesterday"];
export const BAD_INSTANTS = ["2026-12-01T25:00Z", "9999-12-31T23:59:59.999Z", "0000-01-01T00:00Z", "2026-12-01T09:00:00.000+01:00", "1764579600000"];

/**
 * Path segments, already percent-encoded as they travel: ids that are not ids, traversal,
 * encodings that do not decode, and one longer than the router allows.
 */
export const PATH_JUNK = [
  ...["' OR '1'='1", "1; DROP TABLE Booking", "<%= process.exit() %>", "${7*7}", "{{7*7}}", "-1", "0", "999999999", "99999999999999999999999", "1e3", "0x1F", " 1", "1\u0000", "NaN", "__proto__", "<script>", "é"].map(encodeURIComponent),
  "..%2F..%2Fetc%2Fpasswd",
  "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
  "%C0%AE%C0%AE%C0%AF",
  "%FF%FE%FD",
  "%ZZ",
  "%E0%A4%A",
  "a".repeat(201),
];

/** A shorter list for the anonymous visitor on staff routes (all end at the sign-in page). */
export const PATH_JUNK_SHORT = ["%27%20OR%20%271%27%3D%271", "-1", "999999999", "..%2F..%2Fetc%2Fpasswd", "%FF%FE", "%ZZ"];

export type Status = number[];

export interface FormRoute {
  /** The fields the route reads. */
  fields: string[];
  /** What a signed-in administrator gets for a body of malformed fields (with a valid CSRF token). */
  status: Status;
  /** Body kinds that would be an ordinary, valid request for this route (a free-text reason). */
  unsafe?: BodyKind[];
  /** Fields sent with valid values, so the probe reaches the field checks. */
  base?: (ctx: ProbeContext) => Record<string, string>;
  /** A 3xx answer must lead here. */
  location?: RegExp;
}

export interface ProbeContext {
  slot: string;
  freshToken: () => string;
}

export type BodyKind = "repeated" | "injection" | "unknown" | "utf8" | "percent" | "empty" | "brackets" | "long" | "control";

const bookingFields = ["name", "phone", "email", "language", "interpreter", "note", "consent"];
const caseworkerFields = ["orgType", "orgName", "caseworkerName", "caseworkerEmail", "contactViaMe", ...bookingFields];

/**
 * POST routes whose fields are checked: a malformed body must be refused with this status,
 * never saved. Routes not listed here (buttons that act on the entity in the path, like
 * "disable user" or "retry message") only get probes that can never act: a missing or
 * wrong CSRF token, a body that cannot be parsed, an id that does not exist.
 */
export const FORM_ROUTES: Record<string, FormRoute> = {
  "/staff/login": { fields: ["email", "password", "_login", "next"], status: [400, 429] },
  "/staff/language": { fields: ["locale", "next"], status: [303], location: /^\/staff$/ },
  "/staff/password": { fields: ["current", "password", "repeat"], status: [422] },
  "/staff/offices": { fields: ["slug", "name", "street", "postalCode", "city", "phone", "email", "directions", "active"], status: [422] },
  "/staff/offices/:id/edit": { fields: ["slug", "name", "street", "postalCode", "city", "phone", "email", "directions", "active"], status: [422] },
  "/staff/offices/:officeId/schedule/series": {
    fields: ["weekdays", "intervalWeeks", "startTime", "endTime", "slotMinutes", "capacity", "walkInPlaces", "validFrom", "validUntil", "horizonDays", "minNoticeMinutes", "hostId", "confirm", "shown", "clientReason"],
    status: [422],
  },
  "/staff/offices/:officeId/schedule/series/:seriesId": {
    fields: ["weekdays", "intervalWeeks", "startTime", "endTime", "slotMinutes", "capacity", "walkInPlaces", "validFrom", "validUntil", "horizonDays", "minNoticeMinutes", "hostId", "confirm", "shown", "clientReason"],
    status: [422],
  },
  "/staff/offices/:officeId/schedule/series/:seriesId/end": { fields: ["lastDate", "confirm", "shown", "clientReason"], status: [422] },
  "/staff/offices/:officeId/schedule/exceptions": {
    fields: ["kind", "seriesId", "date", "endDate", "startTime", "endTime", "slotMinutes", "capacity", "reason", "confirm", "shown"],
    status: [400],
  },
  // A well-formed instant that is no slot gets as far as the form's other checks (422).
  "/staff/offices/:officeId/book": { fields: ["slot", "formKey", ...bookingFields, "locale"], status: [404, 422] },
  "/staff/offices/:officeId/day/walk-in": { fields: ["slot", "name", "language", "interpreter"], status: [404, 422] },
  "/staff/offices/:officeId/day/waiting": { fields: ["date", "session", "name", "language", "interpreter"], status: [404] },
  // A reason is free text: any one line of it is a valid cancellation.
  "/staff/bookings/:id/cancel": { fields: ["reason"], status: [422], unsafe: ["injection", "utf8", "percent"] },
  "/staff/bookings/:id/outcome": { fields: ["action"], status: [400] },
  // A well-formed instant that is no free slot: "this time is not available" (409).
  "/staff/bookings/:id/move": { fields: ["slot"], status: [422, 409] },
  "/staff/users": { fields: ["name", "email", "role", "offices"], status: [422] },
  "/staff/users/:id": { fields: ["name", "role", "offices"], status: [422] },
  "/:lang/offices/:slug/book": {
    fields: bookingFields,
    status: [422],
    base: (ctx) => ({ slot: ctx.slot, formKey: ctx.freshToken() }),
  },
  // Hostile text is never a booking code: the form again, with its errors.
  "/:lang/lost-link": { fields: ["code", "contact"], status: [422] },
  "/:lang/caseworker/offices/:slug/book": {
    fields: [...caseworkerFields, "confirm"],
    status: [422],
    base: (ctx) => ({ slot: ctx.slot, formKey: ctx.freshToken() }),
  },
  // The form shown again (in another language, or to change it): whatever was typed comes
  // back as text in the form, and nothing is booked.
  "/:lang/offices/:slug/book/form": {
    fields: [...bookingFields, "formLocale"],
    status: [200],
    base: (ctx) => ({ slot: ctx.slot, formKey: ctx.freshToken() }),
  },
  "/:lang/caseworker/offices/:slug/book/form": {
    fields: [...caseworkerFields, "clientLocale", "confirm"],
    status: [200],
    base: (ctx) => ({ slot: ctx.slot, formKey: ctx.freshToken() }),
  },
};

export interface QueryRule {
  param: string;
  /** A 3xx answer must lead here. */
  location?: RegExp;
  /** The answer to a malformed value. */
  status: Status;
  /** The answer to a value of the right form that names no slot or no sensible day. */
  wellFormed?: { status: Status; test: (value: string) => boolean };
  values: string[];
  extra?: string;
}

const dates = [...BAD_DATES, ...INJECTIONS];
const instants = [...BAD_INSTANTS, ...INJECTIONS];

/** Query parameters each GET page reads, and what a malformed value must lead to. */
export const QUERY_RULES: Record<string, QueryRule[]> = {
  "/:lang/offices/:slug": [{ param: "from", status: [200], values: dates }],
  "/:lang/caseworker/offices/:slug": [{ param: "from", status: [200], values: dates }],
  "/:lang/offices/:slug/book": [{ param: "slot", status: [404], values: instants }],
  "/:lang/caseworker/offices/:slug/book": [{ param: "slot", status: [404], values: instants }],
  "/language/:code": [{ param: "next", status: [303], location: /^\/en\/$/, values: ["//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)", "/en/\r\nSet-Cookie: x=1", ...INJECTIONS] }],
  "/staff/offices/:officeId/day": [{ param: "date", status: [404], values: dates }],
  "/staff/offices/:officeId/day/print": [{ param: "date", status: [404], values: dates }],
  "/staff/offices/:officeId/day.csv": [{ param: "date", status: [404], values: dates }],
  "/staff/offices/:officeId/day/walk-in": [{ param: "slot", status: [404], wellFormed: { status: [200, 404], test: isWellFormedInstant }, values: instants }],
  "/staff/offices/:officeId/day/waiting": [
    { param: "date", status: [404], values: dates, extra: "session=09:30" },
    { param: "session", status: [404], values: ["25:00", "9:30", "09:30:00", ...INJECTIONS] },
  ],
  "/staff/offices/:officeId/week": [{ param: "week", status: [200], values: dates }],
  "/staff/offices/:officeId/book": [
    { param: "from", status: [200], values: dates },
    { param: "slot", status: [404], values: instants },
  ],
  "/staff/bookings": [
    { param: "q", status: [200], values: [...INJECTIONS, "x".repeat(5000)] },
    { param: "office", status: [200, 403], values: ["-1", "0", "999999999", ...INJECTIONS] },
  ],
  "/staff/bookings/:id": [{ param: "done", status: [200], values: INJECTIONS }],
  "/staff/bookings/:id/move": [{ param: "from", status: [200], values: dates }],
  "/staff/audit": [
    { param: "type", status: [422], values: INJECTIONS },
    // Any real date of the years 1900–2999 may filter the log; others are field errors.
    { param: "from", status: [422], wellFormed: { status: [200], test: isRealDate }, values: BAD_DATES },
    { param: "to", status: [422], wellFormed: { status: [200], test: isRealDate }, values: BAD_DATES },
    { param: "page", status: [422], values: ["0", "-1", "1.5", "9999999", ...INJECTIONS] },
  ],
  "/staff/outbox": [
    { param: "status", status: [422], values: INJECTIONS },
    { param: "page", status: [422], values: ["0", "-1", "1.5", "9999999", ...INJECTIONS] },
    { param: "done", status: [200], values: INJECTIONS },
  ],
  "/staff/statistics": [
    { param: "year", status: [422], values: ["1999", "2100", "-1", ...INJECTIONS] },
    { param: "office", status: [422], values: ["0", "-1", "999999999", ...INJECTIONS] },
  ],
  "/staff/statistics.csv": [
    { param: "year", status: [404], values: ["1999", "2100", "-1", ...INJECTIONS] },
    { param: "office", status: [404], values: ["0", "-1", "999999999", ...INJECTIONS] },
  ],
  "/staff/offices/:officeId/schedule": [{ param: "done", status: [200], values: INJECTIONS, extra: "cancelled=99999&moved=-1" }],
  "/staff/offices/:officeId/schedule/exceptions/new": [
    { param: "kind", status: [404], values: [...INJECTIONS, "HOLIDAY_OPEN"] },
    { param: "series", status: [200], values: ["999999999", "-1", ...INJECTIONS], extra: "kind=CHANGE" },
    { param: "date", status: [200], values: dates, extra: "kind=CANCEL" },
  ],
  "/staff/users/:id": [{ param: "done", status: [200], values: INJECTIONS }],
  "/staff/offices/:id/edit": [{ param: "done", status: [200], values: INJECTIONS }],
  "/staff/calendar": [{ param: "done", status: [200], values: INJECTIONS }],
};

/** A calendar date "YYYY-MM-DD" that exists, from the year 1000 on. */
export function isRealDate(value: string): boolean {
  const at = new Date(`${value}T00:00:00Z`);
  return /^(19|2\d)\d{2}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(at.getTime()) && at.toISOString().startsWith(value);
}

/** Whether a value is a well-formed instant (the routes check only the form of a slot in some places). */
export function isWellFormedInstant(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/.test(value) && !Number.isNaN(new Date(value).getTime());
}

/** Bodies of malformed form fields, one list per kind. */
export function formBodies(fields: string[]): Array<{ kind: BodyKind; payload: string | Buffer }> {
  const enc = encodeURIComponent;
  const each = (value: string) => fields.map((f) => `${enc(f)}=${value}`).join("&");
  const bodies: Array<{ kind: BodyKind; payload: string | Buffer }> = [
    { kind: "repeated", payload: fields.map((f) => `${enc(f)}=${enc(INJECTIONS[0]!)}&${enc(f)}=${enc(INJECTIONS[4]!)}`).join("&") },
    ...INJECTIONS.map((value) => ({ kind: "injection" as const, payload: each(enc(value)) })),
    ...BAD_INSTANTS.slice(0, 2).map((value) => ({ kind: "injection" as const, payload: each(enc(value)) })),
    { kind: "unknown", payload: "isAdmin=true&__proto__[admin]=1&constructor[prototype][admin]=1&_method=DELETE" },
    { kind: "utf8", payload: Buffer.concat(fields.flatMap((f, i) => [Buffer.from(`${i ? "&" : ""}${enc(f)}=`), Buffer.from([0xff, 0xfe, 0xc0, 0xae, 0xed, 0xa0, 0x80])])) },
    { kind: "percent", payload: each("%ZZ%E0%A4%A%") },
    { kind: "empty", payload: "" },
    { kind: "brackets", payload: fields.map((f) => `${enc(f)}[]=x&${enc(f)}[a]=y`).join("&") },
    { kind: "long", payload: `${enc(fields[0]!)}=${"x".repeat(60_000)}` },
    { kind: "control", payload: each("%00%01%1B%7F") },
  ];
  return bodies;
}

/** Requests only a raw socket can send: oversized headers, traversal and bytes a URL parser would clean up. */
export function rawProbes(adminCookie: string, csrf: string): Array<{ what: string; bytes: Buffer | string }> {
  const get = (path: string, extra = "") => `GET ${path} HTTP/1.1\r\nHost: spreekuur.test\r\nConnection: close\r\n${extra}\r\n`;
  const staff = `Cookie: ${adminCookie}\r\n`;
  const probes: Array<{ what: string; bytes: Buffer | string }> = [
    { what: "a 20 KB cookie", bytes: get("/en/", `Cookie: big=${"x".repeat(20 * 1024)}\r\n`) },
    { what: "a 20 KB header on a staff page", bytes: get("/staff", `${staff}X-Padding: ${"y".repeat(20 * 1024)}\r\n`) },
    { what: "a 20 KB query string", bytes: get(`/en/offices/zwolle?from=${"1".repeat(20 * 1024)}`) },
    { what: "300 headers", bytes: get("/en/", Array.from({ length: 300 }, (_, i) => `X-H${i}: ${"z".repeat(60)}\r\n`).join("")) },
    { what: "a garbage request line", bytes: "HELLO THERE\r\n\r\n" },
    { what: "no Host header", bytes: "GET /en/ HTTP/1.1\r\nConnection: close\r\n\r\n" },
    { what: "a lowercase method", bytes: "get /en/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" },
    { what: "a control character in a header", bytes: get("/en/", "X-Evil: a\u0001b\r\n") },
    { what: "a header without a colon", bytes: get("/en/", "NoColonHere\r\n") },
    { what: "content length and chunked together", bytes: `POST /en/offices/zwolle/book HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: ${FORM}\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n` },
    { what: "a negative content length", bytes: `POST /en/offices/zwolle/book HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: ${FORM}\r\nContent-Length: -1\r\n\r\n` },
    { what: "a broken chunk", bytes: `POST /en/offices/zwolle/book HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: ${FORM}\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nabc\r\n0\r\n\r\n` },
    {
      what: "a chunked body over 64 KB",
      bytes: `POST /en/offices/zwolle/book HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: ${FORM}\r\nTransfer-Encoding: chunked\r\n\r\n${Array.from({ length: 20 }, () => `1000\r\n${"n".repeat(0x1000)}\r\n`).join("")}0\r\n\r\n`,
    },
    {
      what: "invalid UTF-8 in a staff form",
      bytes: Buffer.concat([
        Buffer.from(`POST /staff/users HTTP/1.1\r\nHost: x\r\nConnection: close\r\n${staff}Content-Type: ${FORM}\r\nContent-Length: ${`_csrf=${encodeURIComponent(csrf)}&name=`.length + 4}\r\n\r\n_csrf=${encodeURIComponent(csrf)}&name=`),
        Buffer.from([0xff, 0xfe, 0xc0, 0xae]),
      ]),
    },
  ];
  const traversals = ["../../../../etc/passwd", "..%2f..%2f..%2f..%2fetc%2fpasswd", "%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd", "....//....//....//etc/passwd", "..\\..\\..\\..\\etc\\passwd", "%252e%252e%252fetc%252fpasswd", "../package.json", "..%2fpackage.json", "../.env", "..%2f..%2fsrc%2fapp.ts", "%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd"];
  const places = ["/assets/", "/en/offices/", "/en/booking/", "/", "/staff/offices/", "/staff/users/", "/feeds/", "/language/"];
  for (const place of places) {
    for (const traversal of traversals) {
      probes.push({ what: `traversal ${place}${traversal}`, bytes: get(`${place}${traversal}`, place.startsWith("/staff") ? staff : "") });
    }
  }
  for (const path of ["/en/offices/\xff\xfe", "/\xc0\xae\xc0\xae/etc/passwd", "/staff/offices/\xff/day", "/en/booking/\xed\xa0\x80"]) {
    probes.push({ what: `raw invalid UTF-8 in ${JSON.stringify(path)}`, bytes: Buffer.from(get(path, path.startsWith("/staff") ? staff : ""), "latin1") });
  }
  return probes;
}
