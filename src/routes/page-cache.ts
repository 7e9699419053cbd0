// Whole rendered pages kept until the data behind them changes (see db/read-cache.ts),
// as bytes ready to send. Public pages are also kept gzipped: a phone on a slow network
// gets a third of the bytes, and the server compresses each page once, not per visitor.
// Pages that carry a secret (a staff form token) are never compressed, so the size of a
// response cannot leak it next to text a client typed (the BREACH attack).
import { gzipSync } from "node:zlib";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Db } from "../db/client.ts";
import { ReadCache, type Table } from "../db/read-cache.ts";

interface Page {
  body: Buffer;
  gzip: Buffer | null;
}

/** True when the request accepts gzip: named with q > 0, or "*" with q > 0 and gzip not named. */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(",") : (header ?? "");
  const weights = new Map<string, number>();
  for (const part of value.split(",")) {
    const [coding = "", ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    weights.set(coding.trim(), q === undefined ? 1 : Number(q.slice(2)) || 0);
  }
  return (weights.get("gzip") ?? weights.get("*") ?? 0) > 0;
}

export class PageCache {
  readonly #pages: ReadCache<Page | null>;
  readonly #compress: boolean;

  constructor(db: Db, tables: readonly Table[], options: { ttlMs: number; maxEntries?: number; compress: boolean }) {
    this.#pages = new ReadCache<Page | null>(db, tables, options.ttlMs, options.maxEntries);
    this.#compress = options.compress;
  }

  /**
   * Sends the page kept under `key`, rendering it first when there is none (or it is
   * stale). Resolves false when `render` found nothing to show (nothing was sent).
   */
  async send(request: FastifyRequest, reply: FastifyReply, key: string, now: Date, render: () => Promise<string | null>): Promise<boolean> {
    const page = await this.#pages.get(key, now, async () => {
      const html = await render();
      if (html === null) return null;
      const body = Buffer.from(html, "utf8");
      return { body, gzip: this.#compress ? gzipSync(body, { level: 9 }) : null };
    });
    if (!page) return false;
    reply.type("text/html; charset=utf-8");
    if (page.gzip) {
      reply.header("vary", "accept-encoding");
      if (acceptsGzip(request.headers["accept-encoding"])) {
        reply.header("content-encoding", "gzip").send(page.gzip);
        return true;
      }
    }
    reply.send(page.body);
    return true;
  }
}
