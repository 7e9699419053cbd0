import { describePgError } from "./postgres/pool.ts";
import { Prisma } from "../generated/prisma/client.ts";

/**
 * True when a write failed on a unique index: through Prisma (P2002), or in plain SQL on
 * SQLite (better-sqlite3's code) or PostgreSQL (SQLSTATE 23505).
 */
export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return error.code === "P2002";
  const code = (error as { code?: unknown } | null)?.code;
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "23505";
}

/** A sentence for an operator about why the database cannot be used, without secrets. */
export function describeDatabaseError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && !code.startsWith("SQLITE")) return describePgError(error);
  return ((error as Error)?.message ?? String(error)).replace(/postgres(ql)?:\/\/\S+/gi, "<DATABASE_URL>");
}
