// Malformed path parameters at every route the app registers (ids that are not ids,
// traversal, encodings that do not decode, one longer than the router allows), signed in
// and anonymous: a clear 4xx page or the sign-in, never a 5xx, and nothing changes.
import t from "tap";
import { hostileTarget, probeRun } from "./fixture.ts";
import { pathProbes } from "./probes.ts";

t.test("malformed path parameters at every route: no 5xx, a clear answer, no change", async (t) => {
  const target = await hostileTarget(t);
  const run = await probeRun(t, target);
  await run.send(pathProbes(target));
  await run.check();
});
