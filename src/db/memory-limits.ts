// Limit counters in this process's memory: right for a single SQLite server, where every
// request reaches the same process. JavaScript runs one piece of code at a time, so
// every update is atomic without a lock. At most `maxKeys` keys are kept; the one used
// least recently goes first.
import type { LimitState, LimitStore } from "./engine.ts";

interface Entry {
  count: number;
  windowStart: number;
  lastAt: number;
}

export class MemoryLimitStore implements LimitStore {
  readonly #entries = new Map<string, Entry>();

  constructor(private readonly maxKeys = 20_000) {}

  #set(key: string, entry: Entry): void {
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    if (this.#entries.size > this.maxKeys) this.#entries.delete(this.#entries.keys().next().value!);
  }

  async hit(key: string, windowMs: number, now: Date): Promise<{ count: number; resetAt: Date }> {
    const at = now.getTime();
    const entry = this.#entries.get(key);
    const fresh = entry && at < entry.windowStart + windowMs ? { ...entry, count: entry.count + 1, lastAt: at } : { count: 1, windowStart: at, lastAt: at };
    this.#set(key, fresh);
    return { count: fresh.count, resetAt: new Date(fresh.windowStart + windowMs) };
  }

  async update<T>(key: string, now: Date, change: (state: LimitState | null) => { next: LimitState | null; result: T }): Promise<T> {
    const entry = this.#entries.get(key);
    const { next, result } = change(entry ? { count: entry.count, lastAt: new Date(entry.lastAt) } : null);
    if (next === null) this.#entries.delete(key);
    else this.#set(key, { count: next.count, windowStart: entry?.windowStart ?? now.getTime(), lastAt: next.lastAt.getTime() });
    return result;
  }
}
