// Malformed form fields (repeated, injections, unknown, invalid UTF-8, broken percent
// encoding, empty, brackets, too long, control characters) at every form, hostile
// credentials at the sign-in, and otherwise valid booking forms for times that are no
// slot: each refused with the answer its route promises, never a 5xx, and nothing saved.
import t from "tap";
import { hostileTarget, probeRun } from "./fixture.ts";
import { credentialProbes, formFieldProbes, noSlotProbes } from "./probes.ts";

t.test("malformed fields at every form, hostile credentials, forms for no slot: refused, no change", async (t) => {
  const target = await hostileTarget(t);
  const run = await probeRun(t, target);
  await run.send([...formFieldProbes(target), ...(await credentialProbes(target)), ...noSlotProbes(target)]);
  await run.check();
});
