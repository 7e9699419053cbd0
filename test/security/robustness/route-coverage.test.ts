// The robustness tests aim at the routes the app really registers, not at a list someone
// remembers: the recorded routes include the ones named here, and the probes of all the
// robustness tests together are over a thousand, with at least five for every GET and
// POST route.
import t from "tap";
import { hostileTarget } from "./fixture.ts";
import { credentialProbes, csrfProbes, formFieldProbes, methodProbes, noSlotProbes, pathProbes, queryProbes, unparsableBodyProbes } from "./probes.ts";

t.test("the robustness probes reach every route the app registers", async (t) => {
  const target = await hostileTarget(t);
  const { routes, registered } = target;
  t.ok(routes.length >= 60, `the app registered ${routes.length} method/route pairs`);
  for (const expected of ["POST /:lang/offices/:slug/book", "POST /staff/bookings/:id/cancel", "GET /staff/offices/:officeId/day.csv", "GET /feeds/:file", "GET /assets/*"]) {
    t.ok(registered.has(expected), `${expected} is among the recorded routes`);
  }
  // The expected answers to query probes do not matter here, only how many there are.
  const probes = [
    ...pathProbes(target),
    ...methodProbes(target),
    ...queryProbes(target, () => [200]),
    ...unparsableBodyProbes(target),
    ...csrfProbes(target),
    ...formFieldProbes(target),
    ...(await credentialProbes(target)),
    ...noSlotProbes(target),
  ];
  t.ok(probes.length >= 1000, `${probes.length} requests through inject`);
  const thin = routes
    .filter((r) => r.method !== "HEAD" && probes.filter((p) => p.route === r.url && p.method === r.method).length < 5)
    .map((r) => `${r.method} ${r.url}`);
  t.same(thin, [], `each of the ${routes.filter((r) => r.method !== "HEAD").length} GET and POST routes gets at least five malformed requests`);
});
