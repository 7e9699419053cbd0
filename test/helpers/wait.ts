// Waiting for something in a test, always with a bound: a condition that never comes true
// fails the test with a message that says what did not happen, instead of hanging until
// tap's timeout.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `check` every `every` ms until it is true or `ms` have passed; returns the time it
 * took, or null. A check still running when the time is up counts as not true.
 */
export async function within(ms: number, check: () => boolean | Promise<boolean>, every = 20): Promise<number | null> {
  const start = Date.now();
  for (;;) {
    const left = ms - (Date.now() - start);
    if (left < 0) return null;
    let timer: NodeJS.Timeout | undefined;
    const outOfTime = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), left + 1)));
    const checking = Promise.resolve(check());
    checking.catch(() => {}); // a check that fails after the time is up fails nothing
    const ok = await Promise.race([checking, outOfTime]).finally(() => clearTimeout(timer));
    if (ok) return Date.now() - start;
    await sleep(Math.min(every, Math.max(0, ms - (Date.now() - start))));
  }
}

/** Like `within`, but a condition that is not met in time throws "… did not happen within …". */
export async function waitFor(what: string, ms: number, check: () => boolean | Promise<boolean>, every = 20): Promise<number> {
  const took = await within(ms, check, every);
  if (took === null) throw new Error(`${what} did not happen within ${ms / 1000} s`);
  return took;
}

/** Resolves as `promise` does, or rejects once `ms` have passed with "… did not happen within …". */
export function bounded<T>(what: string, ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const outOfTime = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms / 1000} s`)), ms)));
  return Promise.race([promise, outOfTime]).finally(() => clearTimeout(timer));
}
