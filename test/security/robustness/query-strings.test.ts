// Query strings at every page the app registers: unknown, repeated and broken parameters
// change nothing about the answer; malformed values of the parameters a page reads get the
// answer malformed.ts names for them; never a 5xx, and nothing changes.
import t from "tap";
import { isStaff, hostileTarget, probeRun } from "./fixture.ts";
import { queryProbes } from "./probes.ts";

t.test("malformed and unknown query strings at every page: no 5xx, a clear answer, no change", async (t) => {
  const target = await hostileTarget(t);
  const run = await probeRun(t, target);
  // What each page answers without any query, which unknown parameters must not change.
  const baseline = new Map<string, number>();
  for (const route of target.routes.filter((r) => r.method === "GET")) {
    const headers = isStaff(route.url) ? { cookie: target.adminCookie } : {};
    const response = await target.app.inject({ method: "GET", url: target.fill(route.url), headers });
    t.ok(response.statusCode < 500, `GET ${route.url} answers without malformed input (${response.statusCode})`);
    baseline.set(route.url, response.statusCode);
  }
  await run.send(queryProbes(target, (url) => [baseline.get(url)!]));
  await run.check();
});
