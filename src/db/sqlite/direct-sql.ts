// Plain SQL on the connection Prisma uses, for the one write that must be fast: a
// booking. Prisma costs about 0.3 ms per statement; a booking is a dozen statements, and
// SQLite runs them in microseconds. Values go in and come out as Prisma stores them, so
// rows written here read back through Prisma unchanged: instants as ISO 8601 text with
// "+00:00", booleans as 0/1.
import type Database from "better-sqlite3";

export type SqlValue = string | number | bigint | boolean | Date | null;

export interface SqlConnection {
  /** The first row, or undefined. */
  get<T = Record<string, unknown>>(sql: string, ...params: SqlValue[]): T | undefined;
  all<T = Record<string, unknown>>(sql: string, ...params: SqlValue[]): T[];
  run(sql: string, ...params: SqlValue[]): { changes: number; lastInsertRowid: number };
}

/** How Prisma's SQLite adapter writes a DateTime. */
export function sqlInstant(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

function toSql(value: SqlValue): string | number | bigint | null {
  if (value instanceof Date) return sqlInstant(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

/** A SqlConnection over one better-sqlite3 database, with its statements prepared once. */
export function sqlConnection(sqlite: Database.Database, onStatement: (sql: string) => void): SqlConnection {
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    onStatement(sql);
    let statement = statements.get(sql);
    if (!statement) {
      // Prisma's connection returns integers as BigInt; these statements use numbers.
      statement = sqlite.prepare(sql).safeIntegers(false);
      statements.set(sql, statement);
    }
    return statement;
  };
  return {
    get: <T>(sql: string, ...params: SqlValue[]) => prepare(sql).get(...params.map(toSql)) as T | undefined,
    all: <T>(sql: string, ...params: SqlValue[]) => prepare(sql).all(...params.map(toSql)) as T[],
    run: (sql: string, ...params: SqlValue[]) => {
      const result = prepare(sql).run(...params.map(toSql));
      return { changes: result.changes, lastInsertRowid: Number(result.lastInsertRowid) };
    },
  };
}
