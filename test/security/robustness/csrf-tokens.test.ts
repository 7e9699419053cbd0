// A missing, wrong, doubled, empty, extended or misnamed CSRF token, or one in the query
// string, stops every staff form of a signed-in administrator, the plain buttons
// included: 403, and nothing changes.
import t from "tap";
import { hostileTarget, probeRun } from "./fixture.ts";
import { csrfProbes } from "./probes.ts";

t.test("forged CSRF tokens at every staff form: 403, no change", async (t) => {
  const target = await hostileTarget(t);
  const run = await probeRun(t, target);
  await run.send(csrfProbes(target));
  await run.check();
});
