// Every route the app registers, asked with the methods it does not have (PUT, DELETE,
// PATCH, OPTIONS, and GET or POST where only the other exists), signed in and anonymous:
// 404 or 405, or the sign-in, never a 5xx, and nothing changes.
import t from "tap";
import { hostileTarget, probeRun } from "./fixture.ts";
import { methodProbes } from "./probes.ts";

t.test("methods a route does not have: no 5xx, a clear answer, no change", async (t) => {
  const target = await hostileTarget(t);
  const run = await probeRun(t, target);
  await run.send(methodProbes(target));
  await run.check();
});
