// Booking.searchName for rows written before the column existed (or by a server of an
// older version still running beside a migrated database). SQL cannot fold Unicode as
// JavaScript does, so the migration step (`npm run migrate`, the first step of `npm
// start`) fills them here, 500 at a time, after the migrations. Idempotent: once every
// named booking has its searchName, a run only reads and writes nothing.
import Database from "better-sqlite3";
import { searchNameOf } from "./search-name.ts";
import { engineOfUrl } from "./schema-source.ts";

const BATCH = 500;

// Both engines read double-quoted names; only the parameters differ (? and $1).
const missing = (after: string) =>
  `SELECT id, name FROM "Booking" WHERE name IS NOT NULL AND "searchName" IS NULL AND id > ${after} ORDER BY id LIMIT ${BATCH}`;
// A name erased by a server of an older version, which did not know the column, takes
// its folded copy along.
const clearStray = `UPDATE "Booking" SET "searchName" = NULL WHERE name IS NULL AND "searchName" IS NOT NULL`;

function fillSqlite(file: string): number {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    const read = db.prepare<[number], { id: number; name: string }>(missing("?"));
    // The name read is part of the condition: a booking erased meanwhile stays erased.
    const write = db.prepare<[string | null, number, string]>(`UPDATE "Booking" SET "searchName" = ? WHERE id = ? AND name = ?`);
    let filled = 0;
    let after = 0;
    for (;;) {
      const rows = read.all(after);
      if (rows.length === 0) break;
      db.transaction(() => {
        for (const row of rows) filled += write.run(searchNameOf(row.name), row.id, row.name).changes;
      })();
      after = rows.at(-1)!.id;
    }
    db.prepare(clearStray).run();
    return filled;
  } finally {
    db.close();
  }
}

async function fillPostgres(databaseUrl: string): Promise<number> {
  const { withPgClient } = await import("./postgres/pool.ts");
  return withPgClient(databaseUrl, async (client) => {
    let filled = 0;
    let after = 0;
    for (;;) {
      const { rows } = await client.query<{ id: number; name: string }>(missing("$1"), [after]);
      if (rows.length === 0) break;
      // The name read is part of the condition: a booking erased meanwhile stays erased.
      const result = await client.query(
        `UPDATE "Booking" AS b SET "searchName" = v.s FROM unnest($1::int[], $2::text[], $3::text[]) AS v(id, s, name) WHERE b.id = v.id AND b.name = v.name`,
        [rows.map((r) => r.id), rows.map((r) => searchNameOf(r.name)), rows.map((r) => r.name)],
      );
      filled += result.rowCount ?? 0;
      after = rows.at(-1)!.id;
    }
    await client.query(clearStray);
    return filled;
  });
}

/** Fills the searchName of every named booking that lacks it; returns how many it filled. */
export async function fillSearchNames(databaseUrl: string): Promise<number> {
  if (engineOfUrl(databaseUrl) === "postgresql") return fillPostgres(databaseUrl);
  const file = databaseUrl.replace(/^file:/, "");
  return file === ":memory:" ? 0 : fillSqlite(file);
}
