// A small cache for pages read far more often than the data behind them changes (the
// office page, the day list, staff sessions). An entry is used only while none of the
// tables it was read from has been written since (see WriteCounter), by this or any other
// app server, and while it is younger than its time to live — so a change is visible on
// the very next request, and a page that depends on the clock (the minimum notice) is
// never older than the TTL.
import { writeVersion, type Db } from "./client.ts";
import type { Table } from "./write-counter.ts";

export type { Table };

interface Entry<T> {
  value: T;
  version: number;
  at: number;
}

export class ReadCache<T> {
  readonly #entries = new Map<string, Entry<T>>();

  constructor(
    private readonly db: Db,
    /** The tables the cached values are read from. */
    private readonly tables: readonly Table[],
    private readonly ttlMs: number,
    private readonly maxEntries = 500,
  ) {}

  async get(key: string, now: Date, compute: () => Promise<T>): Promise<T> {
    const version = writeVersion(this.db, this.tables);
    const entry = this.#entries.get(key);
    if (entry && entry.version === version && now.getTime() - entry.at < this.ttlMs && now.getTime() >= entry.at) return entry.value;
    const value = await compute();
    if (this.#entries.size >= this.maxEntries) this.#entries.clear();
    this.#entries.set(key, { value, version, at: now.getTime() });
    return value;
  }
}
