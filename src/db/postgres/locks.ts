// Advisory locks that make concurrent bookings on several app servers take turns where
// they could collide, as they do on SQLite's single connection. The unique seat index
// alone would keep a slot from being over-booked, but two bookings reading the same
// free seat at once would leave one of them "just taken" while another seat was free.
// Locks are taken in one order — the office (shared; a schedule change takes it
// exclusively), then a booking's row, then the slot, then the client's contact keys sorted — so two
// transactions never wait for each other in a circle. All end with their transaction.
import { createHash } from "node:crypto";
import type { Tx } from "../client.ts";
import type { BookingQuery } from "../engine.ts";

const OFFICE = 72_630_101;
const SLOT = 72_630_102;
const CONTACT = 72_630_103;

/** A signed 32-bit number for a string (two strings may share one: they then take turns). */
function key32(value: string): number {
  return createHash("sha256").update(value).digest().readInt32BE(0);
}

const slotKey = (officeId: number, startsAt: Date) => key32(`${officeId}@${startsAt.getTime()}`);

/** The lock statements at the start of a booking (numbers only, safe to inline). */
export function bookingLocks(query: BookingQuery): string {
  const statements = [`SELECT pg_advisory_xact_lock_shared(${OFFICE}, ${Math.trunc(query.officeId)})`, `SELECT pg_advisory_xact_lock(${SLOT}, ${slotKey(query.officeId, query.startsAt)})`];
  const keys = query.contactKeys;
  if (keys) {
    const contacts = [...new Set([keys.emailKey, keys.phoneKey].filter((k): k is string => !!k).map(key32))].sort((a, b) => a - b);
    for (const key of contacts) statements.push(`SELECT pg_advisory_xact_lock(${CONTACT}, ${key})`);
  }
  return statements.join("; ");
}

// pg_advisory_xact_lock returns void, which Prisma cannot read: count the rows instead.
// The office first, as everywhere, then the booking's row.
export async function lockBookingInTx(tx: Tx, officeId: number, bookingId: number): Promise<void> {
  await tx.$queryRawUnsafe("SELECT count(*)::int AS n FROM (SELECT pg_advisory_xact_lock_shared($1::int, $2::int)) AS locked", OFFICE, officeId);
  await tx.$queryRawUnsafe('SELECT count(*)::int AS n FROM (SELECT id FROM "Booking" WHERE id = $1 FOR UPDATE) AS locked', bookingId);
}

export async function lockSlotInTx(tx: Tx, officeId: number, startsAt: Date): Promise<void> {
  await tx.$queryRawUnsafe(
    "SELECT count(*)::int AS n FROM (SELECT pg_advisory_xact_lock_shared($1::int, $2::int), pg_advisory_xact_lock($3::int, $4::int)) AS locked",
    OFFICE,
    officeId,
    SLOT,
    slotKey(officeId, startsAt),
  );
}

export async function lockOfficeInTx(tx: Tx, officeId: number): Promise<void> {
  await tx.$queryRawUnsafe("SELECT count(*)::int AS n FROM (SELECT pg_advisory_xact_lock($1::int, $2::int)) AS locked", OFFICE, officeId);
}
