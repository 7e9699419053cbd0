// Above capacity the server sheds load with 503 and Retry-After, and recovers.
import t from "tap";
import { buildTestApp } from "../helpers/app.ts";

function blockEventLoop(ms: number) {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // a request that hogs the only thread
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

t.test("a blocked event loop makes the server answer 503 with Retry-After, then serve again", async (t) => {
  const { app } = await buildTestApp(t, { env: { OVERLOAD_MAX_DELAY_MS: "100" } });
  await app.ready();
  t.equal((await app.inject({ url: "/nl/offices/zwolle" })).statusCode, 200, "normal load is served");
  // Keep the loop busy across several samples, as a flood of requests would; the check
  // between the blocks sees the delay they caused.
  for (let i = 0; i < 8; i++) {
    blockEventLoop(300);
    await sleep(2);
  }
  const [shed, dutch] = await Promise.all([app.inject({ url: "/en/offices/zwolle" }), app.inject({ url: "/nl/" })]);
  t.equal(shed.statusCode, 503);
  t.equal(shed.headers["retry-after"], "10");
  t.match(shed.body, "<h1>It is very busy right now</h1>", "a clear page in the visitor's language");
  t.match(dutch.body, "<h1>Het is nu erg druk</h1>");
  // Once the loop has caught up, requests are served again.
  let status = 0;
  for (let i = 0; i < 40 && status !== 200; i++) {
    await sleep(250);
    status = (await app.inject({ url: "/nl/offices/zwolle" })).statusCode;
  }
  t.equal(status, 200, "recovers when the load stops");
});
