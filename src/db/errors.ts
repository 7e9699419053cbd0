import { describePgError } from "./postgres/describe-error.ts";
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

const unavailablePrismaCodes = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028"]);
const unavailableAdapterKinds = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections", "TransactionAlreadyClosed", "DatabaseDoesNotExist"]);
const unavailableSocketCodes = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND", "EAI_AGAIN", "SQLITE_BUSY"]);

/**
 * True when a request failed because the database could not be reached or went away
 * (a restart, a network fault, a full connection pool) — a 503 to try again in a
 * moment, not a bug. Checked on the error and the errors it wraps.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 4) return false;
  const e = error as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown; kind?: unknown };
  if (e.name === "PrismaClientInitializationError") return true;
  if (typeof e.code === "string") {
    if (unavailablePrismaCodes.has(e.code) || unavailableSocketCodes.has(e.code)) return true;
    // SQLSTATE: connection exceptions, operator intervention (shutdown), too many connections.
    if (/^(08|57P0)/.test(e.code) || e.code === "53300") return true;
  }
  if (typeof e.kind === "string" && unavailableAdapterKinds.has(e.kind)) return true;
  if (typeof e.message === "string" && /Connection terminated|timeout exceeded when trying to connect|connection error|Can't reach database server|terminating connection/i.test(e.message)) return true;
  // Prisma keeps the driver's own error in meta.driverAdapterError.cause.
  const adapterError = (e as { meta?: { driverAdapterError?: { cause?: unknown } } }).meta?.driverAdapterError;
  return isDatabaseUnavailable(e.cause, depth + 1) || isDatabaseUnavailable(adapterError?.cause, depth + 1);
}

/**
 * A transaction the database gave up on to break a deadlock or a serialization conflict
 * (PostgreSQL 40P01 / 40001, reported by Prisma as P2034): nothing of it was written, and
 * running it again is safe.
 */
export function isRetryableConflict(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 4) return false;
  const e = error as { code?: unknown; cause?: unknown; meta?: { driverAdapterError?: { cause?: unknown } } };
  if (e.code === "P2034" || e.code === "40P01" || e.code === "40001") return true;
  const adapterCause = e.meta?.driverAdapterError?.cause as { originalCode?: unknown } | undefined;
  if (adapterCause?.originalCode === "40P01" || adapterCause?.originalCode === "40001") return true;
  return isRetryableConflict(e.cause, depth + 1) || isRetryableConflict(adapterCause, depth + 1);
}

/** Runs a transaction, and again (up to three times in all) when the database broke a deadlock by ending it. */
export async function retryOnConflict<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= 3 || !isRetryableConflict(error)) throw error;
    }
  }
}
