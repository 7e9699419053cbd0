// Hears the writes of every app server. The migration gives each table behind a cache a
// trigger that announces the table on the channel "spreekuur_changes" when the writing
// transaction commits; one connection per process listens and counts each announcement
// as a write (write-counter.ts), so a page another server changed is read again on the
// next request here. While that connection is down nothing is announced, so nothing
// kept may be trusted: every read goes to the database until it is back.
import pg from "pg";
import type { WriteCounter } from "../write-counter.ts";

export const CHANGES_CHANNEL = "spreekuur_changes";

export class ChangeListener {
  #client: pg.Client | null = null;
  #listening = false;
  #stopped = false;
  #retry: NodeJS.Timeout | null = null;
  #delayMs = 250;
  #waiting: Array<() => void> = [];

  /**
   * `ownSessions` holds the server process ids of this app server's own connections: their
   * writes were counted when they committed, so their announcements are not counted again.
   */
  constructor(
    private readonly connectionString: string,
    private readonly writes: WriteCounter,
    private readonly ownSessions: ReadonlySet<number>,
    private readonly onProblem: (error: unknown) => void = () => {},
  ) {}

  /** Resolves true once listening, or false after `timeoutMs` without success. */
  ready(timeoutMs = 10_000): Promise<boolean> {
    if (this.#listening) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      timer.unref();
      this.#waiting.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  /** True while announcements arrive; until then (and after a failure) caches are bypassed. */
  get listening(): boolean {
    return this.#listening;
  }

  start(): void {
    this.#stopped = false;
    void this.#connect();
  }

  async #connect(): Promise<void> {
    if (this.#stopped) return;
    const client = new pg.Client({ connectionString: this.connectionString, connectionTimeoutMillis: 5_000, keepAlive: true, application_name: "spreekuur-changes" });
    this.#client = client;
    const lost = (error?: unknown) => {
      if (this.#client !== client) return;
      this.#client = null;
      this.#listening = false;
      // Anything written while nobody listened is unknown: every cached copy is suspect.
      this.writes.wrote(null);
      if (error) this.onProblem(error);
      client.removeAllListeners("notification");
      void client.end().catch(() => {});
      this.#schedule();
    };
    client.on("error", lost);
    client.on("end", () => lost());
    client.on("notification", (message) => {
      if (message.channel === CHANGES_CHANNEL && !this.ownSessions.has(message.processId)) this.writes.wrote(message.payload || null);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGES_CHANNEL}`);
      if (this.#client !== client) return;
      this.#listening = true;
      this.#delayMs = 250;
      // Writes made before LISTEN took effect were not announced to us.
      this.writes.wrote(null);
      for (const resolve of this.#waiting.splice(0)) resolve();
    } catch (error) {
      lost(error);
    }
  }

  #schedule(): void {
    if (this.#stopped || this.#retry) return;
    this.#retry = setTimeout(() => {
      this.#retry = null;
      void this.#connect();
    }, this.#delayMs);
    this.#retry.unref();
    this.#delayMs = Math.min(this.#delayMs * 2, 5_000);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#retry) clearTimeout(this.#retry);
    this.#retry = null;
    const client = this.#client;
    this.#client = null;
    this.#listening = false;
    if (client) await client.end().catch(() => {});
  }
}
