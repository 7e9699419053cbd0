// Bodies the app does not parse (JSON, text, multipart, XML with an external entity, no
// content type) and bodies over the size limit, at every POST route, signed in and
// anonymous: 415 or 413 before any handler runs, never a 5xx, and nothing changes.
import t from "tap";
import { hostileTarget, probeRun } from "./fixture.ts";
import { unparsableBodyProbes } from "./probes.ts";

t.test("bodies that cannot be parsed at every POST route: 415 or 413, no change", async (t) => {
  const target = await hostileTarget(t);
  const run = await probeRun(t, target);
  await run.send(unparsableBodyProbes(target));
  await run.check();
});
