// The test command: type-check, then the whole suite under a time zone far from Europe
// (UTC+14), so code that leans on the machine's zone fails. The last line is
// "N passed, N failed", read from tap's own closing summary.
import { spawn, spawnSync } from "node:child_process";
import { createInterface } from "node:readline";

const typecheck = spawnSync("npx", ["tsc", "-p", "."], { stdio: "inherit" });
if (typecheck.status !== 0) {
  console.log("The type check failed; tests were not run.");
  console.log("0 passed, 1 failed");
  process.exit(1);
}

const env = { ...process.env, TZ: "Pacific/Kiritimati" };
const child = spawn("npx", ["tap", "--reporter=tap", ...process.argv.slice(2)], { env, stdio: ["ignore", "pipe", "inherit"] });

let summary = null;
createInterface({ input: child.stdout }).on("line", (line) => {
  process.stdout.write(line + "\n");
  // tap ends with e.g. "# { total: 120, pass: 118, fail: 2 }"
  const m = /^# \{ total: (\d+)(.*)\}$/.exec(line);
  if (m) {
    const count = (name) => Number(new RegExp(`${name}: (\\d+)`).exec(m[2])?.[1] ?? 0);
    summary = { pass: count("pass"), fail: count("fail") };
  }
});

child.on("close", (code) => {
  if (!summary) summary = { pass: 0, fail: 1 };
  if (code !== 0 && summary.fail === 0) summary.fail = 1; // tap failed outside any assertion
  console.log(`${summary.pass} passed, ${summary.fail} failed`);
  process.exit(code === 0 && summary.fail === 0 ? 0 : 1);
});
