// Moving a booking to another slot of the same office: it takes a seat there (the same
// unique index guards it), frees the old one, and the client is told.
import { engineOf, type Tx } from "../../db/client.ts";
import { isUniqueViolation } from "../../db/errors.ts";
import { enqueueBookingMessages } from "../outbox/booking-messages.ts";
import type { Booking } from "../../generated/prisma/client.ts";
import { recordAudit, type Actor } from "../audit/audit-entry.ts";
import type { DomainDeps } from "../deps.ts";
import { findSlot, lowestFreeSeat, refuseSlot, type BookingRules } from "./find-slot.ts";

export interface MoveInput {
  actor: Actor;
  bookingId: number;
  startsAt: Date;
  rules: BookingRules;
  /** Staff's words to the client about the move, when they gave any (shown as their words). */
  reason?: string | null;
}

export type MoveResult =
  | { kind: "moved"; booking: Booking }
  /** It is at that time already: the same move sent twice (a double click). */
  | { kind: "already-there"; booking: Booking }
  | { kind: "not-movable" }
  | { kind: "unavailable" }
  | { kind: "taken" };

export async function moveBooking(deps: DomainDeps, input: MoveInput, now: Date): Promise<MoveResult> {
  try {
    return await deps.db.$transaction((tx) => moveBookingInTx(tx, deps, input, now));
  } catch (error) {
    if (isUniqueViolation(error)) return { kind: "taken" };
    throw error;
  }
}

/**
 * The same, inside a transaction the caller holds. A unique violation on the seat
 * propagates (it aborts the caller's transaction); moveBooking turns it into "taken".
 */
export async function moveBookingInTx(tx: Tx, deps: DomainDeps, input: MoveInput, now: Date): Promise<MoveResult> {
  const engine = engineOf(deps.db);
  // A move sent twice at once (a double click) on two servers: the second reads the
  // booking only after the first has moved it.
  const located = await tx.booking.findUnique({ where: { id: input.bookingId }, select: { officeId: true } });
  if (!located) return { kind: "not-movable" };
  await engine.lockBooking(tx, located.officeId, input.bookingId);
  const current = await tx.booking.findUnique({ where: { id: input.bookingId }, include: { office: true } });
  if (current?.status === "BOOKED" && current.startsAt.getTime() === input.startsAt.getTime()) return { kind: "already-there", booking: current };
  if (!current || current.status !== "BOOKED" || current.startsAt <= now) return { kind: "not-movable" };
  // Other servers taking a seat in the same slot wait until this transaction ends.
  await engine.lockSlot(tx, current.officeId, input.startsAt);
  const found = await findSlot(tx, current.office, input.startsAt, now);
  const refusal = refuseSlot(found, input.rules, now);
  if (refusal || !found) return { kind: refusal ?? "unavailable" };
  const seat = await lowestFreeSeat(tx, current.officeId, found.slot.startsAt);
  const booking = await tx.booking.update({
    where: { id: current.id },
    data: {
      startsAt: found.slot.startsAt,
      endsAt: found.slot.endsAt,
      seriesId: found.session.session.seriesId,
      seat,
      // An arrival belongs to the old time.
      checkedInAt: null,
      sequence: { increment: 1 },
    },
    include: { office: true },
  });
  await enqueueBookingMessages(tx, booking, { kind: "moved", previous: { startsAt: current.startsAt, endsAt: current.endsAt }, reason: input.reason || null }, now, deps.outbox);
  await recordAudit(
    tx,
    { actor: input.actor, action: "booking.moved", entityType: "booking", entityId: booking.id, officeId: booking.officeId, detail: { from: current.startsAt.toISOString(), to: booking.startsAt.toISOString(), ...(input.reason ? { withReason: true } : {}) } },
    now,
  );
  return { kind: "moved", booking };
}
