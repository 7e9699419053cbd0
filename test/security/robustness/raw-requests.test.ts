// Requests only a raw socket can send (oversized headers, a garbage request line, request
// smuggling, broken chunks, traversal and bytes a URL parser would clean up), to the app
// listening on a real port: a 4xx each, no file from outside the assets, no internals shown,
// and nothing changes.
import t from "tap";
import { hostileTarget, probeRun } from "./fixture.ts";
import { rawProbes } from "./malformed.ts";
import { leaks, rawRequest } from "../support.ts";

t.test("raw requests over a socket: a 4xx each, nothing served from outside the assets, no change", async (t) => {
  const target = await hostileTarget(t);
  const run = await probeRun(t, target);
  await target.app.listen({ port: 0, host: "127.0.0.1" });
  const address = target.app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const raw = rawProbes(target.adminCookie, target.csrf);
  for (const probe of raw) {
    const answer = await rawRequest(port, probe.bytes);
    run.answered(answer.status);
    const example = `raw ${probe.what}`;
    if (answer.status === 0) run.fail({ kind: "raw: no HTTP answer", detail: "" }, example);
    else if (answer.status < 400 || answer.status >= 500) run.fail({ kind: `raw: answered ${answer.status}, expected a 4xx`, detail: answer.headers.split("\r\n")[0]! }, example);
    if (/root:x:0:0|"name": "spreekuur"|APP_SECRET|\[extensions\]|buildApp/.test(answer.body)) run.fail({ kind: "raw: served a file from outside the assets", detail: answer.body.slice(0, 80) }, example);
    for (const leak of leaks(answer.body)) run.fail({ kind: `raw: shows ${leak}`, detail: answer.body.slice(0, 200) }, example);
  }
  t.ok(raw.length >= 40, `${raw.length} raw requests over a socket`);
  await run.check();
});
