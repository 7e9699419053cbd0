import { engineOf, type Tx } from "../../db/client.ts";
import { retryOnConflict } from "../../db/errors.ts";
import { enqueueBookingMessages } from "../outbox/booking-messages.ts";
import { actorLanguage } from "./reason-language.ts";
import type { Booking } from "../../generated/prisma/client.ts";
import { recordAudit, type Actor } from "../audit/audit-entry.ts";
import type { DomainDeps } from "../deps.ts";
import { offerPlaceOrFree } from "../desk/waiting-offers.ts";

export interface CancelInput {
  actor: Actor;
  bookingId: number;
  by: "client" | "staff";
  reason?: string | null;
  /** How the client asked, when not on the manage page: by answering a text message. */
  via?: "sms-reply";
  /**
   * Whether the freed place may go to the waiting list (today's and tomorrow's places);
   * not when the session itself is cancelled or changed.
   */
  offerPlace?: boolean;
}

export type CancelResult = { kind: "cancelled"; booking: Booking } | { kind: "not-cancellable" };

/**
 * Cancels a booking that is still active, frees its seat (or holds it for an offer to the
 * waiting list), withdraws its reminder and queues the cancellation messages — all in one
 * transaction. A client can cancel only
 * before the appointment starts. The conditional update makes a second cancel (double
 * click, two tabs) a no-op rather than a second change.
 */
export function cancelBooking(deps: DomainDeps, input: CancelInput, now: Date): Promise<CancelResult> {
  return retryOnConflict(() => deps.db.$transaction((tx) => cancelBookingInTx(tx, deps, input, now)));
}

/** The same, inside a transaction the caller holds (a schedule change cancelling several). */
export async function cancelBookingInTx(tx: Tx, deps: DomainDeps, input: CancelInput, now: Date): Promise<CancelResult> {
  if (input.offerPlace !== false) {
    // The place may be offered to the waiting list, which reads the office's schedule:
    // the office's lock (shared) and the booking's, in the one order (postgres/locks.ts).
    // A schedule change holds the office already, and offers nothing.
    const located = await tx.booking.findUnique({ where: { id: input.bookingId }, select: { officeId: true } });
    if (located) await engineOf(deps.db).lockBooking(tx, located.officeId, input.bookingId);
  }
  const { count } = await tx.booking.updateMany({
    where: {
      id: input.bookingId,
      status: "BOOKED",
      ...(input.by === "client" ? { startsAt: { gt: now } } : {}),
    },
    // The seat stays until offerPlaceOrFree has decided whether the place is offered.
    data: {
      status: "CANCELLED",
      cancelledAt: now,
      cancelledBy: input.by,
      cancelReason: input.reason ?? null,
      sequence: { increment: 1 },
    },
  });
  if (count === 0) return { kind: "not-cancellable" as const };
  let booking = await tx.booking.findUniqueOrThrow({ where: { id: input.bookingId }, include: { office: true } });
  const offer = input.offerPlace === false ? null : await offerPlaceOrFree(tx, deps, booking, now);
  if (!offer && booking.seat !== null) {
    if (input.offerPlace === false) await tx.booking.update({ where: { id: booking.id }, data: { seat: null } });
    booking = { ...booking, seat: null };
  }
  const reasonLang = input.reason ? await actorLanguage(tx, input.actor) : undefined;
  await enqueueBookingMessages(tx, booking, { kind: "cancellation", ...(reasonLang ? { reasonLang } : {}) }, now, deps.outbox);
  await recordAudit(
    tx,
    { actor: input.actor, action: "booking.cancelled", entityType: "booking", entityId: booking.id, officeId: booking.officeId, detail: { by: input.by, withReason: Boolean(input.reason), ...(input.via ? { via: input.via } : {}) } },
    now,
  );
  return { kind: "cancelled" as const, booking };
}
