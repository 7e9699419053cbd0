// Browsers ask every site for /favicon.ico on a first visit: it is there, small, and cached.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import t from "tap";
import { assetsDir } from "../../src/paths.ts";
import { buildTestApp } from "../helpers/app.ts";

t.test("/favicon.ico answers with the small icon in public/, cached for a week", async (t) => {
  const { app } = await buildTestApp(t);
  const response = await app.inject({ url: "/favicon.ico" });
  t.equal(response.statusCode, 200);
  t.equal(response.headers["content-type"], "image/x-icon");
  t.equal(response.headers["cache-control"], "public, max-age=604800");
  const file = readFileSync(join(assetsDir, "favicon.ico"));
  t.same(response.rawPayload, file, "the file as it is");
  t.same([...file.subarray(0, 6)], [0, 0, 1, 0, 1, 0], "an icon file with one image");
  t.ok(file.length < 1024, `${file.length} bytes: a small part of the 30 KB a page may weigh`);
  const head = await app.inject({ method: "HEAD", url: "/favicon.ico" });
  t.equal(head.statusCode, 200, "HEAD too");
});
