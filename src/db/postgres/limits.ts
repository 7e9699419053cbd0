// Limit counters in PostgreSQL, so every app server counts against the same budget. A
// hit is one atomic statement; an update reads the row locked FOR UPDATE, so updates of
// one key on any server take turns.
import type pg from "pg";
import type { LimitState, LimitStore } from "../engine.ts";
import { checkOut } from "./pool.ts";

const hitSql = `INSERT INTO "LimitCounter" ("key", "count", "windowStart", "lastAt") VALUES ($1, 1, $2, $2)
  ON CONFLICT ("key") DO UPDATE SET
    "count" = CASE WHEN "LimitCounter"."windowStart" <= $3 THEN 1 ELSE "LimitCounter"."count" + 1 END,
    "windowStart" = CASE WHEN "LimitCounter"."windowStart" <= $3 THEN $2 ELSE "LimitCounter"."windowStart" END,
    "lastAt" = $2
  RETURNING "count", "windowStart"`;

export class PostgresLimitStore implements LimitStore {
  constructor(private readonly pool: pg.Pool) {}

  async hit(key: string, windowMs: number, now: Date): Promise<{ count: number; resetAt: Date }> {
    const since = new Date(now.getTime() - windowMs);
    const { rows } = await this.pool.query<{ count: number; windowStart: Date }>({ name: "spreekuur_limit_hit", text: hitSql, values: [key, now.toISOString(), since.toISOString()] });
    const row = rows[0]!;
    return { count: row.count, resetAt: new Date(row.windowStart.getTime() + windowMs) };
  }

  async update<T>(key: string, now: Date, change: (state: LimitState | null) => { next: LimitState | null; result: T }): Promise<T> {
    const client = await checkOut(this.pool);
    let failed: unknown;
    try {
      await client.query("BEGIN");
      // A row to lock, even for a key never seen: count 0 stands for "no state".
      await client.query(`INSERT INTO "LimitCounter" ("key", "count", "windowStart", "lastAt") VALUES ($1, 0, $2, $2) ON CONFLICT ("key") DO NOTHING`, [key, now.toISOString()]);
      const { rows } = await client.query<{ count: number; lastAt: Date }>(`SELECT "count", "lastAt" FROM "LimitCounter" WHERE "key" = $1 FOR UPDATE`, [key]);
      const current = rows[0] && rows[0].count > 0 ? { count: rows[0].count, lastAt: rows[0].lastAt } : null;
      const { next, result } = change(current);
      if (next === null) await client.query(`DELETE FROM "LimitCounter" WHERE "key" = $1`, [key]);
      else await client.query(`UPDATE "LimitCounter" SET "count" = $2, "lastAt" = $3 WHERE "key" = $1`, [key, next.count, next.lastAt.toISOString()]);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      failed = error;
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.done(failed);
    }
  }
}
