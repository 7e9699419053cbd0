// Cached public pages go out gzipped to browsers that accept it (every browser does);
// pages with a staff form token never do.
import { gunzipSync } from "node:zlib";
import t from "tap";
import { acceptsGzip } from "../../src/routes/page-cache.ts";
import { buildTestApp } from "../helpers/app.ts";
import { signedIn } from "../helpers/staff.ts";

const now = "2026-11-30T08:00:00Z";

t.test("which Accept-Encoding headers allow gzip", async (t) => {
  const cases: Array<[string | undefined, boolean]> = [
    ["gzip, deflate, br", true],
    ["br;q=1.0, gzip;q=0.8, *;q=0.1", true],
    ["GZIP", true],
    ["*", true],
    ["gzip;q=0", false],
    ["*;q=0, gzip", true],
    ["gzip;q=0, *", false],
    ["gzip;q=0.000, br", false],
    ["br", false],
    ["identity", false],
    ["", false],
    [undefined, false],
  ];
  for (const [header, expected] of cases) t.equal(acceptsGzip(header), expected, String(header));
});

t.test("the office page is sent gzipped when accepted, and the same page either way", async (t) => {
  const { app } = await buildTestApp(t, { now });
  const plain = await app.inject({ method: "GET", url: "/nl/offices/zwolle" });
  const zipped = await app.inject({ method: "GET", url: "/nl/offices/zwolle", headers: { "accept-encoding": "gzip, deflate, br" } });
  t.equal(plain.statusCode, 200);
  t.equal(plain.headers["content-encoding"], undefined);
  t.equal(zipped.headers["content-encoding"], "gzip");
  t.equal(zipped.headers.vary, "accept-encoding");
  t.equal(plain.headers.vary, "accept-encoding", "a cache in between keeps both");
  t.equal(zipped.headers["content-type"], "text/html; charset=utf-8");
  const unzipped = gunzipSync(zipped.rawPayload).toString("utf8");
  t.equal(unzipped, plain.body);
  t.match(unzipped, '<h1><bdi lang="nl">Zwolle — Wijkcentrum Holtenbroek</bdi></h1>');
  t.ok(zipped.rawPayload.length * 2 < plain.rawPayload.length, `gzip: ${zipped.rawPayload.length} of ${plain.rawPayload.length} bytes`);
  t.equal(zipped.headers["content-security-policy"], plain.headers["content-security-policy"], "security headers as on every response");
});

t.test("the caseworker's office page too", async (t) => {
  const { app } = await buildTestApp(t, { now });
  const zipped = await app.inject({ method: "GET", url: "/en/caseworker/offices/zwolle", headers: { "accept-encoding": "gzip" } });
  t.equal(zipped.statusCode, 200);
  t.equal(zipped.headers["content-encoding"], "gzip");
  t.match(gunzipSync(zipped.rawPayload).toString("utf8"), "/en/caseworker/offices/zwolle/book?slot=");
  t.equal((await app.inject({ url: "/en/caseworker/offices/nowhere", headers: { "accept-encoding": "gzip" } })).statusCode, 404);
});

t.test("an unknown office is still the plain 404 page", async (t) => {
  const { app } = await buildTestApp(t, { now });
  const response = await app.inject({ method: "GET", url: "/nl/offices/nowhere", headers: { "accept-encoding": "gzip" } });
  t.equal(response.statusCode, 404);
  t.equal(response.headers["content-encoding"], undefined);
});

t.test("the day list, which carries the form token, is never compressed", async (t) => {
  const { app, db } = await buildTestApp(t, { now });
  const { browser } = await signedIn(app, db, { role: "RECEPTION", offices: ["zwolle"] });
  const zwolle = await db.office.findUniqueOrThrow({ where: { slug: "zwolle" } });
  const response = await app.inject({
    method: "GET",
    url: `/staff/offices/${zwolle.id}/day?date=2026-12-01`,
    headers: { cookie: [...browser.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("; "), "accept-encoding": "gzip" },
  });
  t.equal(response.statusCode, 200);
  t.equal(response.headers["content-encoding"], undefined);
  t.match(response.body, 'name="_csrf"');
});
