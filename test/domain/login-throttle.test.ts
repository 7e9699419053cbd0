// The sign-in throttle on its own: five free attempts, then each must wait longer, and
// attempts that reach the store out of order (several servers, a busy event loop) count
// like the others.
import t from "tap";
import { MemoryLimitStore } from "../../src/db/memory-limits.ts";
import { FREE_ATTEMPTS, LoginThrottle } from "../../src/domain/accounts/login-throttle.ts";

const at = (ms: number) => new Date(Date.UTC(2026, 11, 1, 9, 0) + ms);

t.test("five attempts are free, then the next must wait a second, the one after two more", async (t) => {
  const throttle = new LoginThrottle(new MemoryLimitStore(), "x".repeat(40));
  for (let i = 0; i < FREE_ATTEMPTS; i++) t.same(await throttle.reserve("desk@iom.test", at(i)), { allowed: true }, `attempt ${i + 1}`);
  t.same(await throttle.reserve("desk@iom.test", at(10)), { allowed: false, waitMs: 994 }, "the sixth waits for a second after the fifth");
  t.same(await throttle.reserve("desk@iom.test", at(1004)), { allowed: true }, "and may come then");
  t.same(await throttle.reserve("desk@iom.test", at(2004)), { allowed: false, waitMs: 1000 }, "the seventh waits two seconds");
  await throttle.succeeded("desk@iom.test", at(3004));
  t.same(await throttle.reserve("desk@iom.test", at(3005)), { allowed: true }, "a right password clears the count");
});

t.test("an attempt timed before the last one is not refused while attempts are still free", async (t) => {
  const throttle = new LoginThrottle(new MemoryLimitStore(), "x".repeat(40));
  // Taken at 0, 50, 30, 20, 10 ms, reaching the store in this order.
  const order = [0, 50, 30, 20, 10];
  const answers = [];
  for (const ms of order) answers.push(await throttle.reserve("desk@iom.test", at(ms)));
  t.same(answers, order.map(() => ({ allowed: true })), "all five free attempts are allowed");
  t.same(await throttle.reserve("desk@iom.test", at(40)), { allowed: false, waitMs: 1010 }, "the sixth waits a second from the latest attempt, not the last to arrive");
});
