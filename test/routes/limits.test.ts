// One budget per visitor per kind of action, whichever route spends it, sent one by one
// or all at once; and behind a proxy, the visitor is the address the proxy saw.
import { randomBytes } from "node:crypto";
import t from "tap";
import { buildTestApp } from "../helpers/app.ts";

const now = "2026-11-30T08:00:00Z";
const token = () => randomBytes(32).toString("base64url");

t.test("every manage route spends the same budget", async (t) => {
  const { app } = await buildTestApp(t, { now, env: { RATE_LIMIT_MANAGE: "6" } });
  const routes = ["", "/confirmation", "/appointment.ics", "/cancel", "/move", "/confirmation"];
  const statuses = [];
  for (const route of routes) statuses.push((await app.inject({ url: `/nl/booking/${token()}${route}` })).statusCode);
  t.same(statuses, [404, 404, 404, 404, 404, 404], "six guesses over six routes");
  const next = await app.inject({ method: "POST", url: `/nl/booking/${token()}/cancel`, headers: { "content-type": "application/x-www-form-urlencoded" }, payload: "" });
  t.equal(next.statusCode, 429, "the seventh, on yet another route, is refused");
  t.match(next.body, "<h1>");
});

t.test("the public and the caseworker's booking forms share one budget", async (t) => {
  const { app } = await buildTestApp(t, { now, env: { RATE_LIMIT_BOOKINGS: "4" } });
  const post = (url: string) => app.inject({ method: "POST", url, headers: { "content-type": "application/x-www-form-urlencoded" }, payload: "slot=x" });
  const statuses = [];
  for (const url of ["/nl/offices/zwolle/book", "/nl/caseworker/offices/zwolle/book", "/en/offices/tilburg/book", "/nl/caseworker/offices/amsterdam/book", "/nl/offices/zwolle/book"]) statuses.push((await post(url)).statusCode);
  t.not(statuses[0], 429);
  t.same(statuses.map((s) => s === 429), [false, false, false, false, true], "four forms in all, then 429");
});

t.test("requests sent at once are counted as strictly as one by one", async (t) => {
  const { app } = await buildTestApp(t, { now, env: { RATE_LIMIT_MANAGE: "10" } });
  const statuses = await Promise.all(Array.from({ length: 40 }, () => app.inject({ url: `/nl/booking/${token()}` }).then((r) => r.statusCode)));
  t.equal(statuses.filter((s) => s === 404).length, 10);
  t.equal(statuses.filter((s) => s === 429).length, 30);
});

t.test("behind a proxy the limit follows the address the proxy saw, not one the visitor wrote", async (t) => {
  const { app } = await buildTestApp(t, { now, env: { RATE_LIMIT_MANAGE: "3", TRUST_PROXY: "true" } });
  // The proxy (the inject's 127.0.0.1) appends the address it saw; what comes before it
  // the visitor wrote, and it changes every time.
  const from = (seen: string) => app.inject({ url: `/nl/booking/${token()}`, headers: { "x-forwarded-for": `${Math.random()}, 198.51.100.${Math.floor(Math.random() * 250)}, ${seen}` } });
  const attacker = [];
  for (let i = 0; i < 5; i++) attacker.push((await from("203.0.113.7")).statusCode);
  t.same(attacker, [404, 404, 404, 429, 429], "a spoofed chain does not reset the budget");
  t.equal((await from("203.0.113.8")).statusCode, 404, "another visitor behind the same proxy has a budget of their own");
  const direct = await buildTestApp(t, { now, env: { RATE_LIMIT_MANAGE: "3" } });
  const spoofed = [];
  for (let i = 0; i < 4; i++) spoofed.push((await direct.app.inject({ url: `/nl/booking/${token()}`, headers: { "x-forwarded-for": `10.0.0.${i}` } })).statusCode);
  t.same(spoofed, [404, 404, 404, 429], "without a proxy the header is ignored");
});
